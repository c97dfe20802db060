import { randomBytes, randomUUID } from 'node:crypto';
import { WithStartWorkflowOperation, WorkflowUpdateFailedError } from '@temporalio/client';
import { type ApplicationFailure } from '@temporalio/common';
import { actionPublicKey, signAction, type ActionAssertion, type Actor } from '@comity/domain';
import {
  PROCESS_WORKFLOW_REVISION,
  processStateQuery,
  processWorkflow,
  takeActionUpdate,
  type StartProcessInput,
} from '@comity/workflows';
import { takeAction, takeActionForStage } from '@comity/workflows/gateway';
import { createTimeSkippingHarness, type TimeSkippingHarness } from '../support/time-skipping';

/**
 * A process started with action keys takes only actions signed by one of them, for itself and for
 * the very update that carries them (on Temporal's real time-skipping server).
 */
let harness: TimeSkippingHarness;
beforeAll(async () => {
  harness = await createTimeSkippingHarness();
}, 120_000);
afterAll(() => harness?.teardown());

const requesting: Actor = { userId: 'fr', role: 'agency', agencyId: 'fr-ministry-of-justice' };
const key = { id: 'k1', secretKey: new Uint8Array(randomBytes(32)) };
const stranger = { id: 'k1', secretKey: new Uint8Array(randomBytes(32)) };

const input = (): StartProcessInput => ({
  processId: `mla-${randomUUID()}`,
  type: 'mla',
  legalBasis: 'UNTOC',
  priority: 'normal',
  handlingCode: 'H1',
  parties: {
    requesting: { agencyId: 'fr-ministry-of-justice', state: 'FR' },
    requested: { agencyId: 'es-audiencia-nacional', state: 'ES' },
  },
  data: {},
  startedBy: { userId: 'officer', role: 'coordinator' },
  actionKeys: { [key.id]: actionPublicKey(key) },
  workflowRevision: PROCESS_WORKFLOW_REVISION,
});

it('refuses unsigned actions, actions signed for another process or update or by another key, and takes a signed one', async () => {
  await harness.withWorker(async () => {
    const args = input();
    const handle = await harness.startProcess(args);
    const action = 'submit-for-review';
    const signed = (processId: string, updateId: string, keys = [key]) =>
      signAction({ processId, updateId, issuedAt: new Date().toISOString(), action, actor: requesting }, keys);
    const outcome = async (updateId: string, assertion: ActionAssertion | undefined) => {
      try {
        await handle.executeUpdate(takeActionUpdate, { args: [{ action, actor: requesting, assertion }], updateId });
        return 'accepted';
      } catch (err) {
        expect(err).toBeInstanceOf(WorkflowUpdateFailedError);
        return ((err as WorkflowUpdateFailedError).cause as ApplicationFailure).type;
      }
    };

    expect(await outcome('u1', undefined)).toBe('ASSERTION_INVALID');
    expect(await outcome('u2', signed(`mla-${randomUUID()}`, 'u2'))).toBe('ASSERTION_INVALID');
    const good = signed(args.processId, 'u3');
    expect(await outcome('u4', good)).toBe('ASSERTION_INVALID');
    expect(await outcome('u3', signed(args.processId, 'u3', [stranger]))).toBe('ASSERTION_INVALID');
    const stale = signAction(
      {
        processId: args.processId,
        updateId: 'u3',
        issuedAt: new Date(Date.now() - 3_600_000).toISOString(),
        action,
        actor: requesting,
      },
      [key],
    );
    expect(await outcome('u3', stale)).toBe('ASSERTION_INVALID');
    expect(await outcome('u3', good)).toBe('accepted');
    // Only the signed action was recorded: the process moved one step.
    expect(await handle.query(processStateQuery)).toMatchObject({ stage: 'ca-review', sequence: 2 });
  });
}, 60_000);

it("answers the bridge with the stage alone, keeping the history's result small, and the API with the state", async () => {
  await harness.withWorker(async () => {
    const args = input();
    const handle = await harness.startProcess(args);
    const client = harness.env.client;
    const options = { keys: [key], deadlineMs: 10_000 };
    const request = { processId: args.processId, actor: requesting, idempotencyKey: 'draft-submitted' };

    // The agency's system (the bridge) answers; the same agency repeats the key through the API.
    const answered = await takeActionForStage(client, { ...request, action: 'submit-for-review' }, options);
    expect(answered).toEqual({ stage: 'ca-review' });
    const repeated = await takeAction(client, { ...request, action: 'submit-for-review' }, options);
    expect(repeated).toMatchObject({ processId: args.processId, stage: 'ca-review', sequence: 2 });
    expect(repeated).not.toHaveProperty('requestDigest');
    await expect(takeAction(client, { ...request, action: 'withdraw' }, options)).rejects.toMatchObject({
      code: 'IDEMPOTENCY_KEY_REUSED',
    });

    const { events } = await handle.fetchHistory();
    const results = (events ?? []).flatMap((e) =>
      e.workflowExecutionUpdateCompletedEventAttributes ? [e.workflowExecutionUpdateCompletedEventAttributes] : [],
    );
    expect(results).toHaveLength(1);
    const payload = results[0]?.outcome?.success?.payloads?.[0]?.data;
    const stored = JSON.parse(Buffer.from(payload ?? []).toString('utf8')) as Record<string, unknown>;
    expect(Object.keys(stored).sort()).toEqual(['requestDigest', 'sequence', 'stage']);
    expect((await handle.query(processStateQuery)).sequence).toBe(2);
  });
}, 60_000);

it("applies an action that reaches the run's first activation after the start (the API updates without reading first)", async () => {
  await harness.withWorker(async () => {
    // Update-with-start delivers the update in the same activation as the start, as a worker that
    // comes back after an outage receives an action sent to a process it had not yet started.
    const { actionKeys: _unsigned, ...args } = input();
    const start = new WithStartWorkflowOperation(processWorkflow, {
      workflowId: args.processId,
      taskQueue: harness.taskQueue,
      args: [args],
      workflowIdConflictPolicy: 'FAIL',
    });
    const outcome = await harness.env.client.workflow.executeUpdateWithStart(takeActionUpdate, {
      args: [{ action: 'submit-for-review', actor: requesting }],
      startWorkflowOperation: start,
    });
    expect(outcome).toMatchObject({ stage: 'ca-review', sequence: 2 });
    await harness.idle(await start.workflowHandle());
    const recorded = harness.events
      .filter((e) => e.data.processId === args.processId)
      .map((e) => [e.data.sequence, e.data.action, e.data.stage]);
    expect(recorded).toEqual([
      [0, 'start', 'draft'],
      [1, 'submit-for-review', 'ca-review'],
    ]);
  });
}, 60_000);
