/** HTTP tests against the running platform (real Temporal, PostgreSQL, worker and API). */
module.exports = require('../../../tools/testing/jest-e2e.js')(__dirname);
