/** jsdom, plus the encoding globals browsers have and jsdom leaves out (the CEL library needs them). */
const { TestEnvironment } = require('jest-environment-jsdom');

module.exports = class BrowserLikeEnvironment extends TestEnvironment {
  constructor(config, context) {
    super(config, context);
    this.global.TextEncoder = TextEncoder;
    this.global.TextDecoder = TextDecoder;
  }
};
