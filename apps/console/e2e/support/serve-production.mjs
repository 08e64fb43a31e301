// Builds the console for production and serves it with `vite preview`, the API proxied under /api on
// the same origin (as a reverse proxy in front of a static build would). React's development build is
// several times slower than what users get, so performance is measured here.
// Usage: node serve-production.mjs <apiUrl> <port> <outDir>; prints "ready <url>" when it serves.
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { build, preview } from 'vite';

const [apiUrl, port, outDir] = process.argv.slice(2);
const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
const configFile = path.join(root, 'vite.config.mts');
const url = `http://127.0.0.1:${port}`;

process.env.VITE_API_URL = `${url}/api`;
await build({ root, configFile, logLevel: 'error', build: { outDir, emptyOutDir: true } });
await preview({
  root,
  configFile,
  logLevel: 'error',
  build: { outDir },
  preview: {
    host: '127.0.0.1',
    port: Number(port),
    strictPort: true,
    proxy: { '/api': { target: apiUrl, rewrite: (route) => route.replace(/^\/api/, '') } },
  },
});
console.log(`ready ${url}`);
