/** HTTP tests against the running platform (real Temporal, PostgreSQL, worker and API). */
module.exports = {
  ...require('../../../jest.preset.js'),
  rootDir: __dirname,
  testMatch: ['<rootDir>/**/*.e2e-spec.ts'],
  globalSetup: '<rootDir>/global-setup.js',
  globalTeardown: '<rootDir>/global-teardown.js',
  testTimeout: 90_000,
  maxWorkers: 1,
};
