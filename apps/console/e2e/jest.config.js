/** Browser tests: Debian's Chromium against the running platform, console included. */
module.exports = require('../../../tools/testing/jest-e2e.js')(__dirname);
