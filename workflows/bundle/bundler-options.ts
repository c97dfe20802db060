import { readFileSync } from 'node:fs';
import * as path from 'node:path';
import type { BundleOptions } from '@temporalio/worker';

const root = path.resolve(__dirname, '../..');

/**
 * The workspace's `@comity/*` path aliases, for webpack inside Temporal's bundler: each matches its
 * name exactly (`$`), so `@comity/events/builders` is not read as a file under `@comity/events`.
 */
function workspaceAliases(): Record<string, string> {
  const tsconfig = JSON.parse(readFileSync(path.join(root, 'tsconfig.base.json'), 'utf8')) as {
    compilerOptions: { paths: Record<string, [string]> };
  };
  return Object.fromEntries(
    Object.entries(tsconfig.compilerOptions.paths).map(([alias, [target]]) => [`${alias}$`, path.join(root, target)]),
  );
}

export const workflowsPath = path.join(root, 'workflows/src/index.ts');
/** The gateway's workflows (apps/gateway): bundled apart, for the gateway's own worker. */
export const federationWorkflowsPath = path.join(root, 'workflows/federation/index.ts');

/**
 * The workflow interceptors a tracing worker adds (workflows/src/trace-context.interceptors.ts: the
 * trace context passed from a start, update or signal to the activities after it). They run inside
 * the sandbox, so they are bundled with the workflows.
 */
export const tracingInterceptorModules = [path.join(root, 'workflows/src/trace-context.interceptors.ts')];

/**
 * Modules evaluated once per workflow thread and shared by its workflows, instead of afresh for
 * each workflow the worker creates: Ed25519 verification and the noble curve and hash code under
 * it. The base point's multiplication table and each action key's are then built once, not per
 * process (a third of the workflow thread's time before; docs/benchmarks.md). The SDK deep-freezes
 * what they export, and they keep no state a workflow could see — the key cache changes how fast
 * a check answers, never what. zod's schemas cannot be shared this way: they define members on
 * themselves when first used, which a frozen object refuses.
 */
const preloadModules = [
  '@noble/curves/ed25519.js',
  '@noble/hashes/sha2.js',
  '@noble/hashes/utils.js',
  path.join(root, 'libs/domain/src/model/ed25519-verify.ts'),
];

export const bundlerOptions: Pick<BundleOptions, 'webpackConfigHook' | 'ignoreModules' | 'preloadModules'> = {
  preloadModules,
  webpackConfigHook: (config) => ({
    ...config,
    resolve: { ...config.resolve, alias: { ...(config.resolve?.alias as object), ...workspaceAliases() } },
  }),
};
