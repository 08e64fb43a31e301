module.exports = async function globalTeardown() {
  await globalThis.__batonPlatform?.stop();
};
