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
 * The OpenTelemetry workflow interceptors (spans for each workflow run, update, signal and
 * activity scheduled, the context passed on in Temporal headers). They run inside the sandbox, so
 * they are bundled with the workflows; the worker adds them when it traces. They add no command to
 * a history, so a traced and an untraced worker replay the same histories.
 */
export const tracingInterceptorModules = [
  require.resolve('@temporalio/interceptors-opentelemetry/lib/workflow-interceptors'),
];

export const bundlerOptions: Pick<BundleOptions, 'webpackConfigHook' | 'ignoreModules'> = {
  webpackConfigHook: (config) => ({
    ...config,
    resolve: { ...config.resolve, alias: { ...(config.resolve?.alias as object), ...workspaceAliases() } },
  }),
};
