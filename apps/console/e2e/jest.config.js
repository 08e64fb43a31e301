/** Browser tests: Debian's Chromium against the running platform, console included. */
module.exports = {
  ...require('../../../jest.preset.js'),
  rootDir: __dirname,
  testMatch: ['<rootDir>/**/*.e2e-spec.ts'],
  globalSetup: '<rootDir>/global-setup.js',
  globalTeardown: '<rootDir>/global-teardown.js',
  testTimeout: 120_000,
  maxWorkers: 1,
};
