/**
 * Jest's Node environment, with the typed arrays of Node's own realm: ONNX Runtime's native addon
 * makes its output tensors there, and onnxruntime-common checks them with `instanceof` in the
 * test's realm, which would refuse them.
 */
const { TestEnvironment } = require('jest-environment-node');

const SHARED = ['ArrayBuffer', 'Float32Array', 'Float64Array', 'Int8Array', 'Uint8Array', 'Int16Array', 'Uint16Array', 'Int32Array', 'Uint32Array', 'BigInt64Array', 'BigUint64Array'];

module.exports = class NodeRealmTypedArrays extends TestEnvironment {
  constructor(config, context) {
    super(config, context);
    for (const name of SHARED) this.global[name] = globalThis[name];
  }
};
