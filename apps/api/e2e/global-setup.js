// Jest loads global setup outside its module registry, where the path aliases are unknown;
// the same TypeScript hook as `npm start` resolves them.
require('@swc-node/register');
const { startTestPlatform } = require('../../../tools/testing/test-platform');

module.exports = async function globalSetup() {
  globalThis.__batonPlatform = await startTestPlatform();
};
