/** Component tests: React in a DOM (jsdom), the same SWC transform and path aliases as every project. */
const preset = require('../../jest.preset.js');

module.exports = {
  ...preset,
  rootDir: __dirname,
  testEnvironment: '<rootDir>/jest.environment.js',
  testMatch: ['<rootDir>/src/**/*.spec.ts', '<rootDir>/src/**/*.spec.tsx'],
  // lucide-react and the CEL library ship ES modules; SWC transpiles them for jest.
  transformIgnorePatterns: ['/node_modules/(?!(@marcbachmann/cel-js|lucide-react)/)'],
};
