// Jest loads global setup outside its module registry; the same TypeScript hook as npm start.
require('@swc-node/register');
const { startTestPlatform } = require('../../../tools/testing/test-platform');

module.exports = async function globalSetup() {
  globalThis.__batonPlatform = await startTestPlatform({ name: 'console-e2e', withConsole: true });
};
