import { readFileSync } from 'node:fs';
import * as path from 'node:path';
import type { BundleOptions } from '@temporalio/worker';

const root = path.resolve(__dirname, '../..');

/** The workspace's `@comity/*` path aliases, for webpack inside Temporal's bundler. */
function workspaceAliases(): Record<string, string> {
  const tsconfig = JSON.parse(readFileSync(path.join(root, 'tsconfig.base.json'), 'utf8')) as {
    compilerOptions: { paths: Record<string, [string]> };
  };
  return Object.fromEntries(
    Object.entries(tsconfig.compilerOptions.paths).map(([alias, [target]]) => [alias, path.join(root, target)]),
  );
}

export const workflowsPath = path.join(root, 'workflows/src/index.ts');

/**
 * The workflow interceptors a tracing worker adds (workflows/src/trace-context.interceptors.ts: the
 * trace context passed from a start, update or signal to the activities after it). They run inside
 * the sandbox, so they are bundled with the workflows.
 */
export const tracingInterceptorModules = [path.join(root, 'workflows/src/trace-context.interceptors.ts')];

export const bundlerOptions: Pick<BundleOptions, 'webpackConfigHook' | 'ignoreModules'> = {
  webpackConfigHook: (config) => ({
    ...config,
    resolve: { ...config.resolve, alias: { ...(config.resolve?.alias as object), ...workspaceAliases() } },
  }),
};
