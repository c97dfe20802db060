import { randomUUID } from 'node:crypto';
import * as path from 'node:path';
import { WorkflowFailedError, WorkflowUpdateFailedError } from '@temporalio/client';
import { ApplicationFailure } from '@temporalio/common';
import { bundleWorkflowCode, Worker, type BundleOptions } from '@temporalio/worker';
import { createActivities } from '@comity/activities';
import type { Actor } from '@comity/domain';
import {
  PROCESS_WORKFLOW_REVISION,
  processWorkflow,
  takeActionUpdate,
  type StartProcessInput,
} from '@comity/workflows';
import { bundlerOptions, workflowsPath } from '@comity/workflows/bundler';
import { createTimeSkippingHarness, type TimeSkippingHarness } from '../support/time-skipping';
import { testCipher } from '../support/sealing';
import { currentDefinitionVersion as currentVersionOfDomain } from '@comity/domain';
import { currentDefinitionVersion, NEXT_MLA_VERSION } from './fixtures/domain-with-mla-v2';

/**
 * Changing a process definition while processes run (docs/operations.md): a deploy raises the MLA
 * definition to its next version (no translation needed before transmitting). A process started before it
 * replays and finishes under its version's rules on the new workers; one started after uses the next.
 */
let harness: TimeSkippingHarness;
let before: string;
let after: string;

const quiet = { log: () => undefined, trace: () => undefined, debug: () => undefined, info: () => undefined };
const logger = { ...quiet, warn: () => undefined, error: console.error };

async function bundle(domainModule?: string): Promise<string> {
  const options: BundleOptions = { workflowsPath, ...bundlerOptions, logger };
  if (!domainModule) return (await bundleWorkflowCode(options)).code;
  const hook = bundlerOptions.webpackConfigHook ?? ((config) => config);
  return (
    await bundleWorkflowCode({
      ...options,
      webpackConfigHook: (config) => {
        const hooked = hook(config);
        const alias = { ...(hooked.resolve?.alias as Record<string, string>), '@comity/domain$': domainModule };
        return { ...hooked, resolve: { ...hooked.resolve, alias } };
      },
    })
  ).code;
}

beforeAll(async () => {
  harness = await createTimeSkippingHarness();
  [before, after] = await Promise.all([bundle(), bundle(path.join(__dirname, 'fixtures/domain-with-mla-v2.ts'))]);
}, 180_000);

afterAll(() => harness?.teardown());

const coordinator: Actor = { userId: 'officer', role: 'coordinator' };
const requesting: Actor = { userId: 'fr', role: 'agency', agencyId: 'fr-ministry-of-justice' };
const requested: Actor = { userId: 'es', role: 'agency', agencyId: 'es-audiencia-nacional' };

const mla = (definitionVersion?: number): StartProcessInput => ({
  processId: `mla-${randomUUID()}`,
  type: 'mla',
  legalBasis: 'UNTOC',
  priority: 'normal',
  handlingCode: 'H2',
  parties: {
    requesting: { agencyId: 'fr-ministry-of-justice', state: 'FR' },
    requested: { agencyId: 'es-audiencia-nacional', state: 'ES' },
  },
  data: {},
  startedBy: coordinator,
  ...(definitionVersion === undefined ? {} : { definitionVersion }),
});

/** Runs `fn` while a worker with this workflow bundle polls (the "deploy" of that code). */
async function deployed<T>(code: string, fn: () => Promise<T>): Promise<T> {
  const worker = await Worker.create({
    connection: harness.env.nativeConnection,
    taskQueue: harness.taskQueue,
    workflowBundle: { code },
    // No cache, so no sticky queue pointing at a stopped worker, and every task replays the whole
    // history: each step proves the new code replays the old run deterministically.
    maxCachedWorkflows: 0,
    activities: createActivities({
      cipher: testCipher(),
      events: { publishProcessEvent: async () => undefined, publishAgencyTask: async () => undefined },
    }),
  });
  return worker.runUntil(fn);
}

const start = (input: StartProcessInput) =>
  harness.env.client.workflow.start(processWorkflow, {
    workflowId: input.processId,
    taskQueue: harness.taskQueue,
    args: [{ workflowRevision: PROCESS_WORKFLOW_REVISION, ...input }],
  });

type Handle = Awaited<ReturnType<typeof start>>;
const act = async (handle: Handle, action: string, actor: Actor, payload?: object) =>
  (await handle.executeUpdate(takeActionUpdate, { args: [{ action, actor, payload }] })).stage;

async function refusal(promise: Promise<unknown>): Promise<string | undefined> {
  const err = await promise.then(
    () => undefined,
    (e: unknown) => e,
  );
  if (!(err instanceof WorkflowUpdateFailedError) || !(err.cause instanceof ApplicationFailure)) throw err;
  return err.cause.type ?? undefined;
}

async function finish(handle: Handle): Promise<string> {
  await act(handle, 'acknowledge', requested);
  await act(handle, 'start-execution', requested);
  await act(handle, 'complete-execution', requested);
  return (await handle.result()).stage;
}

it('lets old processes finish under the old definition while new ones start under the new', async () => {
  expect(currentDefinitionVersion('mla')).toBe(NEXT_MLA_VERSION);
  const old = await deployed(before, async () => {
    const handle = await start(mla(currentVersionOfDomain('mla')));
    await act(handle, 'submit-for-review', requesting);
    expect(await refusal(act(handle, 'transmit', requesting))).toBe('PRECONDITION_UNMET');
    return handle;
  });

  await deployed(after, async () => {
    const fresh = await start(mla(currentDefinitionVersion('mla')));
    await act(fresh, 'submit-for-review', requesting);
    expect(await act(fresh, 'transmit', requesting)).toBe('transmitted');

    // The old process replays on the new workers and keeps its version's rule.
    expect(await refusal(act(old, 'transmit', requesting))).toBe('PRECONDITION_UNMET');
    await act(old, 'record-translation', requesting, { language: 'en' });
    expect(await act(old, 'transmit', requesting)).toBe('transmitted');

    expect(await finish(old)).toBe('executed');
    expect(await finish(fresh)).toBe('executed');
  });
}, 120_000);

it('refuses to run a process whose definition version this deploy does not have', async () => {
  await deployed(before, async () => {
    const handle = await start(mla(NEXT_MLA_VERSION));
    // The workflow task fails and is retried (the process waits for a worker that knows that version);
    // nothing is recorded under the wrong rules.
    await harness.env.sleep(1_000);
    const history = await handle.fetchHistory();
    const failed = history.events?.filter((e) => e.workflowTaskFailedEventAttributes) ?? [];
    expect(failed.length).toBeGreaterThan(0);
    expect(JSON.stringify(failed[0]?.workflowTaskFailedEventAttributes?.failure?.message)).toContain(
      `no definition version ${NEXT_MLA_VERSION}`,
    );
    await handle.terminate('test over');
  });
}, 60_000);

it('leaves a run of a newer workflow revision waiting for a worker that knows it, and fails one whose revision is malformed', async () => {
  await deployed(before, async () => {
    const newer = await harness.env.client.workflow.start(processWorkflow, {
      workflowId: `mla-${randomUUID()}`,
      taskQueue: harness.taskQueue,
      args: [{ ...mla(), workflowRevision: PROCESS_WORKFLOW_REVISION + 1 }],
    });
    // Its workflow task fails and is retried; it records nothing under this code's behaviour.
    let events: { workflowTaskFailedEventAttributes?: unknown; activityTaskScheduledEventAttributes?: unknown }[] = [];
    for (let tries = 0; !events.some((e) => e.workflowTaskFailedEventAttributes) && tries < 100; tries++) {
      await new Promise((resolve) => setTimeout(resolve, 50));
      events = (await newer.fetchHistory()).events ?? [];
    }
    const failure = JSON.stringify(events.find((e) => e.workflowTaskFailedEventAttributes));
    expect(failure).toContain(`workflow revision ${PROCESS_WORKFLOW_REVISION + 1} is newer than this worker's`);
    expect(events.filter((e) => e.activityTaskScheduledEventAttributes)).toEqual([]);
    expect((await newer.describe()).status.name).toBe('RUNNING');
    await newer.terminate('test over');

    const malformed = await harness.env.client.workflow.start(processWorkflow, {
      workflowId: `mla-${randomUUID()}`,
      taskQueue: harness.taskQueue,
      args: [{ ...mla(), workflowRevision: '1' as unknown as number }],
    });
    const err = await malformed.result().then(
      () => undefined,
      (e: unknown) => e,
    );
    expect(err).toBeInstanceOf(WorkflowFailedError);
    const cause = (err as WorkflowFailedError).cause;
    expect(cause).toBeInstanceOf(ApplicationFailure);
    expect((cause as ApplicationFailure).type).toBe('WORKFLOW_REVISION_INVALID');
  });
}, 60_000);

it('runs a process started before revisions by its patches, and one of the current revision without a marker or upsert', async () => {
  await deployed(before, async () => {
    const kinds = async (revision: number | undefined) => {
      const handle = await start({ ...mla(), workflowRevision: revision });
      await act(handle, 'submit-for-review', requesting);
      await act(handle, 'record-translation', coordinator, { language: 'es' });
      expect(await act(handle, 'transmit', requesting)).toBe('transmitted');
      const events = (await handle.fetchHistory()).events ?? [];
      await handle.terminate('test over');
      return {
        markers: events.filter((e) => e.markerRecordedEventAttributes).length,
        upserts: events.filter((e) => e.upsertWorkflowSearchAttributesEventAttributes).length,
      };
    };
    const older = await kinds(undefined);
    expect(older.markers).toBeGreaterThan(0);
    expect(older.upserts).toBeGreaterThan(older.markers); // its patches' and its stage's
    expect(await kinds(PROCESS_WORKFLOW_REVISION)).toEqual({ markers: 0, upserts: 0 });
  });
}, 60_000);
