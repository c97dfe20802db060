/**
 * What the workflow code costs per process, apart from Temporal's server, Kafka and the
 * activities: the recorded revision-1 MLA (test/histories/mla-executed--r1.json) replayed as many
 * new workflows, each evaluating the bundle's modules and running every activation, as a worker
 * does after a restart or an eviction. Update validators do not run on replay, so Ed25519
 * verification is not in it (`npm run bench:ed25519` measures that).
 *
 * With `--against <another checkout>`, that checkout's workflow code is bundled and replayed too,
 * side by side in the same rounds, the order alternated: the before and after of a change to the
 * workflow code, measured in one run. Prints CPU ms per workflow (this process: the workflow
 * code, the SDK's core, the replay driver) as the median and spread of the rounds, and writes
 * test/reports/workflow-replay-bench.json.
 *
 *   npm run bench:replay [-- --against ../comity-before --rounds 7 --workflows 60]
 */
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import * as path from 'node:path';
import { bundleWorkflowCode, DefaultLogger, Runtime, Worker, type BundleOptions } from '@temporalio/worker';
import { spread } from './measure';

const root = path.resolve(__dirname, '../..');
const option = (name: string): string | undefined => {
  const i = process.argv.indexOf(`--${name}`);
  return i > 0 ? process.argv[i + 1] : undefined;
};
const ROUNDS = Number(option('rounds') ?? 7);
const WORKFLOWS = Number(option('workflows') ?? 60);
const against = option('against');
const HISTORY = 'mla-executed--r1.json';

const quiet = () => undefined;
const logger = { log: quiet, trace: quiet, debug: quiet, info: quiet, warn: quiet, error: quiet };

/** A checkout's workflow bundle, built with that checkout's own bundler options. */
async function bundleOf(checkout: string): Promise<string> {
  // eslint-disable-next-line @typescript-eslint/no-require-imports -- a path known only at run time, possibly another checkout's
  const { bundlerOptions, workflowsPath } = require(path.join(checkout, 'workflows/bundle/bundler-options.ts')) as {
    bundlerOptions: Partial<BundleOptions>;
    workflowsPath: string;
  };
  return (await bundleWorkflowCode({ workflowsPath, ...bundlerOptions, logger })).code;
}

async function main(): Promise<void> {
  Runtime.install({ logger: new DefaultLogger('WARN') });
  const history = JSON.parse(readFileSync(path.join(root, 'test/histories', HISTORY), 'utf8')) as unknown;
  const variants = new Map<string, string>([['this checkout', await bundleOf(root)]]);
  if (against) variants.set(path.basename(path.resolve(against)), await bundleOf(path.resolve(against)));
  const names = [...variants.keys()];
  const samples = new Map(names.map((name) => [name, [] as number[]]));
  let run = 0;
  const cpuMsPerWorkflow = async (code: string): Promise<number> => {
    const input = Array.from({ length: WORKFLOWS }, (_, i) => ({ workflowId: `replay-${run}-${i}`, history }));
    run++;
    const before = process.cpuUsage();
    for await (const result of Worker.runReplayHistories(
      { workflowBundle: { code }, replayName: `bench-${run}` },
      input,
    ))
      if (result.error) throw result.error;
    const used = process.cpuUsage(before);
    return (used.user + used.system) / 1000 / WORKFLOWS;
  };
  // A warm-up round of each (the JIT, the SDK's core), not counted.
  for (const name of names) await cpuMsPerWorkflow(variants.get(name) ?? '');
  for (let round = 0; round < ROUNDS; round++) {
    const order = round % 2 === 0 ? names : [...names].reverse();
    for (const name of order) samples.get(name)?.push(await cpuMsPerWorkflow(variants.get(name) ?? ''));
  }
  const results = Object.fromEntries(names.map((name) => [name, spread(samples.get(name) ?? [])]));
  console.log(`${HISTORY} replayed as ${WORKFLOWS} workflows per round, ${ROUNDS} rounds, CPU ms per workflow:`);
  for (const name of names) {
    const r = results[name];
    if (r) console.log(`  ${name.padEnd(20)} ${r.median.toFixed(1)} (${r.min.toFixed(1)}–${r.max.toFixed(1)})`);
  }
  let ratio: ReturnType<typeof spread> | undefined;
  if (names.length === 2) {
    const [mine, theirs] = names.map((name) => samples.get(name) ?? []);
    ratio = spread((mine ?? []).map((value, i) => value / (theirs?.[i] ?? NaN)));
    console.log(
      `  this checkout / ${names[1]}: ${ratio.median.toFixed(2)} (${ratio.min.toFixed(2)}–${ratio.max.toFixed(2)})`,
    );
  }
  mkdirSync(path.join(root, 'test/reports'), { recursive: true });
  writeFileSync(
    path.join(root, 'test/reports/workflow-replay-bench.json'),
    `${JSON.stringify({ at: new Date().toISOString(), history: HISTORY, workflows: WORKFLOWS, rounds: ROUNDS, cpuMsPerWorkflow: results, ratio }, null, 2)}\n`,
  );
}

main().catch((err: unknown) => {
  console.error(err);
  process.exit(1);
});
