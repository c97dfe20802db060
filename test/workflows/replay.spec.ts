import { readdirSync, readFileSync } from 'node:fs';
import * as path from 'node:path';
import { bundleWorkflowCode, DefaultLogger, Runtime, Worker, type ReplayWorkerOptions } from '@temporalio/worker';
import { DeterminismViolationError } from '@temporalio/workflow';
import { processTypes } from '@comity/domain';
import { bundlerOptions, tracingInterceptorModules, workflowsPath } from '@comity/workflows/bundler';

/**
 * Every recorded history (test/histories/*.json, see its README) must replay against the current
 * workflow code: a change that alters the commands an old history recorded breaks the workflows
 * already running in production, and needs a new workflow revision instead (docs/processes.md,
 * Versioning). No server.
 */
const historiesDir = path.resolve(__dirname, '../histories');

interface HistoryEventJSON {
  eventType: string;
  workflowExecutionStartedEventAttributes?: { input?: { payloads?: { data?: string }[] } };
  activityTaskScheduledEventAttributes?: { activityType: { name: string } };
}
interface HistoryJSON {
  events: HistoryEventJSON[];
}

const files = readdirSync(historiesDir)
  .filter((f) => f.endsWith('.json'))
  .sort();
const histories = new Map(
  files.map((file) => [file, JSON.parse(readFileSync(path.join(historiesDir, file), 'utf8')) as HistoryJSON]),
);

/** The process type the history's workflow was started with (its StartProcessInput), not its file name. */
function processTypeOf(history: HistoryJSON): string {
  const data = history.events[0]?.workflowExecutionStartedEventAttributes?.input?.payloads?.[0]?.data;
  if (!data) throw new Error('the first event is not a workflow start with an input');
  return (JSON.parse(Buffer.from(data, 'base64').toString('utf8')) as { type: string }).type;
}

let options: ReplayWorkerOptions;

beforeAll(async () => {
  // Replay workers log every state change at INFO; a determinism failure is a WARN.
  Runtime.install({ logger: new DefaultLogger('WARN') });
  // Bundled once, exactly as the worker bundles it, for every replay below.
  const noop = () => undefined;
  const logger = { log: noop, trace: noop, debug: noop, info: noop, warn: noop, error: noop };
  const { code } = await bundleWorkflowCode({ workflowsPath, ...bundlerOptions, logger });
  options = { workflowBundle: { code }, replayName: 'replay-spec' };
}, 60_000);

/** Replays the histories in one replay worker; the error of each (undefined when it replayed cleanly). */
async function replay(entries: [name: string, history: HistoryJSON][]): Promise<Map<string, Error | undefined>> {
  const errors = new Map<string, Error | undefined>();
  const input = entries.map(([name, history]) => ({ workflowId: name, history }));
  for await (const result of Worker.runReplayHistories(options, input)) errors.set(result.workflowId, result.error);
  expect([...errors.keys()]).toEqual(entries.map(([name]) => name));
  return errors;
}

it('has recorded histories of every process type', () => {
  const recorded = new Set([...histories.values()].map(processTypeOf));
  expect(processTypes).toEqual(expect.arrayContaining(['mla', 'extradition']));
  expect(processTypes.filter((type) => !recorded.has(type))).toEqual([]);
});

it('replays every recorded history against the current workflow code', async () => {
  const errors = await replay([...histories]);
  const failures = [...errors]
    .filter(([, error]) => error !== undefined)
    // Core's own reason (e.g. "[TMPRL1100] Nondeterminism error: Activity type of scheduled event …") says most.
    .map(
      ([file, error]) =>
        `${file}: ${error?.name}: ${/\[TMPRL\d+\][^"]*/.exec(error?.message ?? '')?.[0] ?? error?.message}`,
    );
  expect(failures).toEqual([]);
}, 60_000);

it("replays them with the tracing worker's interceptors too: traced and untraced workers share histories", async () => {
  const noop = () => undefined;
  const logger = { log: noop, trace: noop, debug: noop, info: noop, warn: noop, error: noop };
  const { code } = await bundleWorkflowCode({
    workflowsPath,
    ...bundlerOptions,
    workflowInterceptorModules: tracingInterceptorModules,
    logger,
  });
  const input = [...histories].map(([name, history]) => ({ workflowId: name, history }));
  const failures: string[] = [];
  for await (const result of Worker.runReplayHistories({ workflowBundle: { code }, replayName: 'traced' }, input)) {
    if (result.error) failures.push(`${result.workflowId}: ${result.error.message.slice(0, 300)}`);
  }
  expect(failures).toEqual([]);
}, 120_000);

it('fails when the code no longer issues the commands a history recorded', async () => {
  // As if a change had made the workflow call another activity than the one this history scheduled.
  const file = 'mla-executed.json';
  const corrupted = structuredClone(histories.get(file)) as HistoryJSON;
  const scheduled = corrupted.events.find((e) => e.activityTaskScheduledEventAttributes);
  if (!scheduled?.activityTaskScheduledEventAttributes) throw new Error(`${file} schedules no activity`);
  expect(scheduled.activityTaskScheduledEventAttributes.activityType.name).toBe('publishProcessEvent');
  scheduled.activityTaskScheduledEventAttributes.activityType.name = 'publishProcessEventV0';

  const errors = await replay([[`corrupted ${file}`, corrupted]]);
  const error = errors.get(`corrupted ${file}`);
  expect(error).toBeInstanceOf(DeterminismViolationError);
  expect(error?.message).toMatch(/nondeterminism/i);
}, 60_000);
