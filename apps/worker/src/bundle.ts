import { bundleWorkflowCode, type WorkflowBundleWithSourceMap } from '@temporalio/worker';
import path from 'node:path';
import { compilerOptions } from '../../../tsconfig.base.json';

const workspaceRoot = path.resolve(__dirname, '../../..');

/** The workflow sources: every workflow type, deterministic code only. */
export const workflowsPath = path.join(workspaceRoot, 'workflows/src/workflows.ts');

/** The monorepo's path aliases, for webpack inside the workflow bundler. */
const aliases = Object.fromEntries(
  Object.entries(compilerOptions.paths).map(([alias, [target]]) => [alias, path.join(workspaceRoot, target)]),
);

/** Bundles the workflow code with the monorepo's path aliases resolved. */
export function bundleWorkflows(): Promise<WorkflowBundleWithSourceMap> {
  return bundleWorkflowCode({
    workflowsPath,
    webpackConfigHook: (config) => ({
      ...config,
      resolve: { ...config.resolve, alias: { ...(config.resolve?.alias as object), ...aliases } },
    }),
  });
}
