// Jest loads global setup outside its module registry, where the path aliases are unknown;
// the same TypeScript hook as `npm start` resolves them.
require('@swc-node/register');
// A folder of this run's own under .data/: test workers (which inherit the environment) find its state there.
process.env.BATON_E2E_PLATFORM ??= `e2e-${process.pid}`;
const { startTestPlatform } = require('../../../tools/testing/test-platform');

module.exports = async function globalSetup() {
  // A small history limit makes the longer test conversations continue-as-new, so that path runs too.
  // Business events must be signed, as a production deployment should have them.
  globalThis.__batonPlatform = await startTestPlatform({ apiEnv: { MAX_HISTORY_EVENTS: '80', EVENTS_SIGNING_SECRET: 'e2e-events-secret-0123456789' } });
};
