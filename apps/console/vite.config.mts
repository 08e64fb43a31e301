import react from '@vitejs/plugin-react';
import path from 'node:path';
import { defineConfig } from 'vite';
import { compilerOptions } from '../../tsconfig.base.json';

const workspaceRoot = path.resolve(import.meta.dirname, '../..');

export default defineConfig({
  plugins: [react()],
  resolve: {
    alias: Object.fromEntries(
      Object.entries(compilerOptions.paths).map(([alias, [target]]) => [alias, path.join(workspaceRoot, target)]),
    ),
  },
  build: { outDir: path.join(workspaceRoot, 'dist/console'), emptyOutDir: true },
});
