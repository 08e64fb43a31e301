/**
 * Jest settings for suites that run against a started platform: one worker (the suites share
 * it), long timeouts, and the suite's own global setup next to its config.
 */
module.exports = (dir) => ({
  ...require('../../jest.preset.js'),
  rootDir: dir,
  testMatch: ['<rootDir>/**/*.e2e-spec.ts'],
  globalSetup: '<rootDir>/global-setup.js',
  globalTeardown: require.resolve('./global-teardown.js'),
  testTimeout: 120_000,
  maxWorkers: 1,
});
