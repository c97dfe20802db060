/**
 * Bundles the workflow code exactly as the worker's sandbox loads it. Run in CI: an import the
 * sandbox cannot take (a Node built-in, an I/O library) fails here, at build time.
 *   npm run bundle:workflows [-- <output file>]
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import * as path from 'node:path';
import { bundleWorkflowCode } from '@temporalio/worker';
import { bundlerOptions, federationWorkflowsPath, tracingInterceptorModules, workflowsPath } from './bundler-options';

async function main(): Promise<void> {
  const out = path.resolve(process.argv[2] ?? 'dist/workflows/workflow-bundle.js');
  const started = Date.now();
  // With the tracing interceptors, as a tracing worker bundles them: the larger of the two bundles.
  const { code } = await bundleWorkflowCode({
    workflowsPath,
    workflowInterceptorModules: tracingInterceptorModules,
    ...bundlerOptions,
  });
  mkdirSync(path.dirname(out), { recursive: true });
  writeFileSync(out, code);
  console.log(`workflow bundle: ${out} (${(code.length / 1024).toFixed(0)} KiB, ${Date.now() - started} ms)`);
  // The gateway's delivery workflow, beside it: its sandbox problems fail here too.
  const gateway = await bundleWorkflowCode({ workflowsPath: federationWorkflowsPath, ...bundlerOptions });
  const gatewayOut = path.join(path.dirname(out), 'federation-workflow-bundle.js');
  writeFileSync(gatewayOut, gateway.code);
  console.log(`workflow bundle: ${gatewayOut} (${(gateway.code.length / 1024).toFixed(0)} KiB)`);
}

main().catch((err: unknown) => {
  console.error(err);
  process.exit(1);
});
