module.exports = { ...require('../jest.preset.js'), rootDir: __dirname, testMatch: ['<rootDir>/bench-nlu/**/*.spec.ts'] };
