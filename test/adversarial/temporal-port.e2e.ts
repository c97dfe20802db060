import { execFile } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import * as path from 'node:path';
import { promisify } from 'node:util';
import { Connection } from '@temporalio/client';
import { temporal as temporalProto } from '@temporalio/proto';
import { loadConfig } from '@comity/config';
import type { Actor } from '@comity/domain';
import { root, waitFor } from '../support/apps';
import { startGreekTurkishMla, startStack, type Stack } from '../support/stack';

/**
 * An attacker who reaches Temporal's gRPC port, around the API and the bridge, with the Temporal CLI:
 * every message it writes is unencrypted, and the codec refuses each (finding 4 of issue 13); an
 * encrypted action it copies from a history is refused by the action's signature. Port 3170.
 */
const run = promisify(execFile);
const temporalCli = path.join(process.env.COMITY_TOOLS ?? path.join(root, '.tools'), 'venv/bin/temporal');
const coordinator: Actor = { userId: 'officer-1', role: 'coordinator' };
const systemAsAdmin = { userId: 'system:deadline-timer', role: 'admin' };

let stack: Stack;
beforeAll(async () => {
  stack = await startStack('sqlite', 3170);
}, 180_000);
afterAll(() => stack?.stop(), 60_000);

/** Runs the Temporal CLI against this stack's namespace; answers its exit code and output. */
async function temporal(...args: string[]): Promise<{ code: number; output: string }> {
  const address = stack.environment.env['COMITY_TEMPORAL_ADDRESS'] ?? '127.0.0.1:7233';
  const namespace = process.env.COMITY_TEMPORAL_NAMESPACE ?? 'comity';
  try {
    const r = await run(temporalCli, [...args, '--address', address, '--namespace', namespace], { timeout: 60_000 });
    return { code: 0, output: r.stdout + r.stderr };
  } catch (err) {
    const e = err as { code?: number; stdout?: string; stderr?: string };
    return { code: typeof e.code === 'number' ? e.code : 1, output: `${e.stdout ?? ''}${e.stderr ?? ''}` };
  }
}

const startMla = () => startGreekTurkishMla(stack, coordinator);

const timelineActions = async (id: string) => {
  const res = await stack.api.as(coordinator).get<{ items: { action: string }[] }>(`/api/v1/processes/${id}/timeline`);
  return res.body.items.map((e) => e.action);
};

it('refuses an action written straight to Temporal, and the process goes on for the API', async () => {
  const id = await startMla();
  await stack.observer.untilAction(id, 'start');
  const forged = await temporal(
    'workflow',
    'update',
    'execute',
    '--workflow-id',
    id,
    '--name',
    'takeAction',
    '--input',
    JSON.stringify({ action: 'withdraw', actor: systemAsAdmin, payload: { reason: 'forged' } }),
  );
  expect(forged.code).not.toBe(0);
  expect(forged.output).toMatch(/PAYLOAD_NOT_ENCRYPTED|did not come through Comity/);

  const forgedSignal = await temporal(
    'workflow',
    'signal',
    '--workflow-id',
    id,
    '--name',
    'caseHold',
    '--input',
    JSON.stringify({ caseId: 'any', place: { id: 'forged', action: 'submit-for-review' } }),
  );
  expect(forgedSignal.code).toBe(0); // Temporal accepts it; the workflow ignores it

  const res = await stack.api.as(coordinator).post<{ stage: string }>(`/api/v1/processes/${id}/actions`, {
    action: 'submit-for-review',
  });
  expect(res.status).toBe(200);
  expect(res.body.stage).toBe('ca-review');
  await stack.observer.untilAction(id, 'submit-for-review');
  expect(await timelineActions(id)).toEqual(['start', 'submit-for-review']);
}, 120_000);

it('fails a process workflow started straight on Temporal at once, before it records or publishes anything', async () => {
  const forgedId = `mla-forged-${stack.environment.runId}`;
  const started = await temporal(
    'workflow',
    'start',
    '--workflow-id',
    forgedId,
    '--type',
    'processWorkflow',
    '--task-queue',
    stack.environment.env['COMITY_TEMPORAL_TASK_QUEUE']!,
    '--input',
    JSON.stringify({ type: 'mla', processId: forgedId, startedBy: systemAsAdmin, data: {} }),
  );
  expect(started.code).toBe(0);
  const described = await waitFor('the forged workflow to fail', async () => {
    const d = await temporal('workflow', 'describe', '--workflow-id', forgedId, '--output', 'json');
    return /FAILED/.test(d.output) ? d.output : undefined;
  });
  expect(described).toMatch(/PAYLOAD_NOT_ENCRYPTED|did not come through Comity/);
  // Its history is closed: nothing was scheduled, so nothing was published.
  const history = await temporal('workflow', 'show', '--workflow-id', forgedId, '--output', 'json');
  expect(history.code).toBe(0);
  expect(history.output).toMatch(/WORKFLOW_EXECUTION_FAILED|WorkflowExecutionFailed/i);
  expect(history.output).not.toMatch(/ACTIVITY_TASK_SCHEDULED|ActivityTaskScheduled/i);
}, 120_000);

it('refuses an encrypted action copied from one process’s history into another, or replayed under a new update id', async () => {
  const [first, second] = [await startMla(), await startMla()];
  const acted = await stack.api
    .as(coordinator)
    .post(`/api/v1/processes/${first}/actions`, { action: 'submit-for-review' });
  expect(acted.status).toBe(200);

  // The attacker holds no key, only Temporal's port: it copies the ciphertext of the accepted update.
  const { temporal: config } = loadConfig({ ...process.env, ...stack.environment.env });
  const connection = await Connection.connect({ address: config.address });
  try {
    const service = connection.workflowService;
    const history = await service.getWorkflowExecutionHistory({
      namespace: config.namespace,
      execution: { workflowId: first },
    });
    const accepted = history.history?.events?.find((e) => e.workflowExecutionUpdateAcceptedEventAttributes);
    const copied = accepted?.workflowExecutionUpdateAcceptedEventAttributes?.acceptedRequest?.input?.args;
    expect(copied?.payloads?.[0]?.metadata?.['encoding']).toBeDefined();

    const replay = async (workflowId: string) => {
      const response = await service.updateWorkflowExecution({
        namespace: config.namespace,
        workflowExecution: { workflowId },
        request: {
          meta: { updateId: `replay-${randomUUID()}`, identity: 'attacker' },
          input: { name: 'takeAction', args: copied },
        },
        waitPolicy: {
          lifecycleStage:
            temporalProto.api.enums.v1.UpdateWorkflowExecutionLifecycleStage
              .UPDATE_WORKFLOW_EXECUTION_LIFECYCLE_STAGE_COMPLETED,
        },
      });
      return response.outcome?.failure?.applicationFailureInfo?.type;
    };
    expect(await replay(second)).toBe('ASSERTION_INVALID');
    expect(await replay(first)).toBe('ASSERTION_INVALID');
  } finally {
    await connection.close();
  }
  const untouched = await stack.api
    .as(coordinator)
    .get<{ stage: string; sequence: number }>(`/api/v1/processes/${second}`);
  expect(untouched.body).toMatchObject({ stage: 'draft', sequence: 1 });
}, 120_000);
