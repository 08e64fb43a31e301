import nx from '@nx/eslint-plugin';
import { builtinModules } from 'node:module';

/** Packages that do I/O or need Node: never in deterministic workflow code. */
const IO_PACKAGES = ['pg', 'typeorm', '@nestjs/*', '@temporalio/client', '@temporalio/worker', '@temporalio/activity', '@baton/db', '@baton/config'];

export default [
  { ignores: ['**/node_modules', '**/dist', '.data', '.tools', '.nx', 'test-artifacts', '**/*.js', '**/*.mjs'] },
  ...nx.configs['flat/base'],
  ...nx.configs['flat/typescript'],
  {
    files: ['**/*.ts', '**/*.tsx'],
    rules: {
      '@nx/enforce-module-boundaries': [
        'error',
        {
          allow: [],
          depConstraints: [
            // Pure libraries (contracts, nlu, flow) run in the browser and the workflow sandbox.
            { sourceTag: 'type:pure', onlyDependOnLibsWithTags: ['type:pure'] },
            // Workflow code may use pure libraries only.
            { sourceTag: 'type:workflow', onlyDependOnLibsWithTags: ['type:pure'] },
            // The console may import only shared, pure libraries.
            { sourceTag: 'scope:console', onlyDependOnLibsWithTags: ['type:pure'] },
            { sourceTag: 'type:node', onlyDependOnLibsWithTags: ['type:pure', 'type:node'] },
            { sourceTag: 'scope:server', onlyDependOnLibsWithTags: ['type:pure', 'type:node', 'type:workflow'] },
            { sourceTag: 'scope:demo', onlyDependOnLibsWithTags: ['type:node'] },
            // The CLI talks to the API over HTTP and works on flow files.
            { sourceTag: 'scope:cli', onlyDependOnLibsWithTags: ['type:pure', 'type:node'] },
            // The launcher, test platform and benches drive everything from outside.
            { sourceTag: 'type:tooling', onlyDependOnLibsWithTags: ['type:pure', 'type:node', 'type:workflow'] },
            { sourceTag: 'type:e2e', onlyDependOnLibsWithTags: ['type:pure', 'type:node', 'type:workflow', 'type:tooling'] },
          ],
        },
      ],
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
      // Strict null checks are on; a '!' marks a place where the code has already checked.
      '@typescript-eslint/no-non-null-assertion': 'off',
    },
  },
  {
    // HTTP and browser tests read loosely typed JSON answers.
    files: ['**/e2e/**/*.ts'],
    rules: { '@typescript-eslint/no-explicit-any': 'off' },
  },
  {
    // Workflow code is replayed: no Node built-ins, no I/O packages (as the Temporal samples enforce).
    files: ['workflows/src/**/*.ts'],
    ignores: ['**/*.spec.ts'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          paths: builtinModules.flatMap((name) => [name, `node:${name}`]),
          patterns: [{ group: IO_PACKAGES, message: 'Workflow code must stay deterministic: do I/O in an activity.' }],
        },
      ],
    },
  },
];
