import { AssignerProtocol, logLevel } from 'kafkajs';
import { In, type DataSource } from 'typeorm';
import { Connection } from '@temporalio/client';
import { loadConfig } from '@comity/config';
import type { Actor } from '@comity/domain';
import { CaseRecord, openReadModel, PipelineCountRecord, ProcessRecord } from '@comity/persistence';
import { waitFor } from '../support/apps';
import { startStack, type Stack } from '../support/stack';
import { testKafka } from '../support/kafka-access';
import { keysOf } from '../support/sealing';

/**
 * The scale-out rehearsal on one machine: two workers on one task queue and two projectors in one
 * consumer group, over PostgreSQL, share the work; the read model counts exactly what one
 * projector would, although one case's processes are projected by both side by side.
 */
const coordinator: Actor = { userId: 'officer-1', role: 'coordinator' };
const italy: Actor = { userId: 'it-clerk', role: 'agency', agencyId: 'it-ministry-of-justice' };
const parties = {
  requesting: { agencyId: 'it-ministry-of-justice', state: 'IT' },
  requested: { agencyId: 'ly-attorney-general', state: 'LY' },
};
const PROCESSES = 30;

let stack: Stack;
let readModel: DataSource;

beforeAll(async () => {
  stack = await startStack('postgres', 3160);
  await stack.startExtra('worker');
  await stack.startExtra('projector');
  readModel = await openReadModel(
    loadConfig({ ...process.env, ...stack.environment.env }).database,
    keysOf(stack.environment.env),
  );
}, 240_000);

afterAll(async () => {
  await readModel?.destroy();
  await stack?.stop();
}, 60_000);

/**
 * A request as a careful client sends it: with an idempotency key, and again after a 503 (Temporal
 * or its workers slow to answer on a busy machine), which the key makes safe.
 */
async function post<T>(
  actor: Actor,
  path: string,
  body: { idempotencyKey: string; [field: string]: unknown },
): Promise<T> {
  for (let attempt = 1; ; attempt++) {
    const res = await stack.api.as(actor).post<T>(path, body);
    if (res.status === 503 && attempt < 5) continue;
    if (res.status >= 300) throw new Error(`${path}: ${res.status} ${JSON.stringify(res.body)}`);
    return res.body;
  }
}

/** The partitions of the projectors' topic each member of their consumer group holds. */
async function projectorAssignments(): Promise<number[][]> {
  const kafka = testKafka('e2e-scale-out', stack.environment.brokers, 'comity-admin', { logLevel: logLevel.NOTHING });
  const admin = kafka.admin();
  await admin.connect();
  try {
    const group = stack.environment.env['COMITY_PROJECTOR_GROUP'] ?? '';
    const { groups } = await admin.describeGroups([group]);
    return (groups[0]?.members ?? []).map((member) => {
      const decoded = AssignerProtocol.MemberAssignment.decode(member.memberAssignment);
      return decoded?.assignment[stack.environment.topics.processEvents] ?? [];
    });
  } finally {
    await admin.disconnect();
  }
}

/** The identities of the workers that completed the process's workflow tasks. */
async function workersOf(connection: Connection, processId: string): Promise<Set<string>> {
  const { history } = await connection.workflowService.getWorkflowExecutionHistory({
    namespace: loadConfig(process.env).temporal.namespace,
    execution: { workflowId: processId },
  });
  return new Set(
    (history?.events ?? []).flatMap((e) => e.workflowTaskCompletedEventAttributes?.identity ?? []).filter(Boolean),
  );
}

it('shares the processes between two workers and their events between two projectors, losing no count', async () => {
  const assignments = await waitFor('both projectors hold partitions', async () => {
    const held = await projectorAssignments();
    return held.length === 2 && held.every((partitions) => partitions.length > 0) ? held : undefined;
  });
  expect(assignments.flat().sort()).toEqual([0, 1, 2]);

  const caseId = await stack.openCase('scale-out');
  const ids = await Promise.all(
    Array.from({ length: PROCESSES }, (_, i) =>
      post<{ id: string }>(coordinator, '/api/v1/processes', {
        type: 'mla',
        caseId,
        legalBasis: 'UNTOC',
        parties,
        idempotencyKey: `${stack.environment.runId}-start-${i}`,
      }),
    ),
  ).then((started) => started.map((s) => s.id));
  // A third are withdrawn (they end), the rest move on to review: both change the case's counts.
  const withdrawn = ids.filter((_, i) => i % 3 === 0);
  await Promise.all(
    ids.map((id) =>
      withdrawn.includes(id)
        ? post(coordinator, `/api/v1/processes/${id}/actions`, {
            action: 'withdraw',
            payload: { reasons: 'duplicate request' },
            idempotencyKey: `${id}-withdraw`,
          })
        : post(italy, `/api/v1/processes/${id}/actions`, {
            action: 'submit-for-review',
            idempotencyKey: `${id}-submit-for-review`,
          }),
    ),
  );

  const rows = await waitFor('every process projected at its stage', async () => {
    const found = await readModel.getRepository(ProcessRecord).findBy({ id: In(ids) });
    const moved = found.filter((p) => p.stage === (withdrawn.includes(p.id) ? 'withdrawn' : 'ca-review'));
    return moved.length === PROCESSES ? found : undefined;
  });
  expect(rows).toHaveLength(PROCESSES);
  const caseRow = await waitFor('the case counted', async () => {
    const row = await readModel.getRepository(CaseRecord).findOneBy({ caseId });
    return row?.processes === PROCESSES && row.openProcesses === PROCESSES - withdrawn.length ? row : undefined;
  });
  expect(caseRow).toMatchObject({ processes: PROCESSES, openProcesses: PROCESSES - withdrawn.length });
  const counts = await readModel.getRepository(PipelineCountRecord).findBy({ type: 'mla' });
  expect(Object.fromEntries(counts.filter((c) => c.processes !== 0).map((c) => [c.stage, c.processes]))).toEqual({
    'ca-review': PROCESSES - withdrawn.length,
    withdrawn: withdrawn.length,
  });

  const connection = await Connection.connect({ address: loadConfig(process.env).temporal.address });
  try {
    const workers = new Set<string>();
    for (const id of ids) for (const worker of await workersOf(connection, id)) workers.add(worker);
    expect(workers.size).toBe(2);
  } finally {
    await connection.close();
  }
}, 240_000);
