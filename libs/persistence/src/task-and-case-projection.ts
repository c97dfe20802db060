import type { EntityManager } from 'typeorm';
import { awaitedBinding, LINK_CASE_ACTION, type ProcessDefinition } from '@comity/domain';
import { agencyTaskId, type ProcessEvent } from '@comity/events';
import { TaskRecord } from './entities/task.record';
import { parameters } from './sql';

/**
 * The tasks an event opens and closes, as the workflow does it (tasksAfterEvent in libs/domain):
 * a stage change closes the process's open task, and a stage that awaits a party opens one for
 * that party's agency, under the id the task event carried.
 */
export async function projectTasks(
  tx: EntityManager,
  definition: ProcessDefinition | undefined,
  event: ProcessEvent,
): Promise<void> {
  const d = event.data;
  const expiry = d.action === 'deadline-expired' ? (d.payload as { escalatedTo?: unknown; dueAt?: unknown }) : {};
  if (typeof expiry.escalatedTo === 'string') {
    const dueAt = typeof expiry.dueAt === 'string' ? expiry.dueAt : null;
    return projectEscalation(tx, event, expiry.escalatedTo, dueAt);
  }
  if (d.action !== 'start' && d.fromStage === d.stage) return;
  await tx.update(TaskRecord, { processId: d.processId, status: 'open' }, { status: 'closed', closedAt: d.occurredAt });
  const party = d.terminal ? undefined : definition?.states[d.stage]?.awaiting;
  const agencyId = definition && party ? awaitedBinding(definition, d.parties, party)?.agencyId : undefined;
  if (!party || !agencyId) return;
  const running = d.deadlines.filter((x) => x.status === 'running' || x.status === 'expired').map((x) => x.dueAt);
  await tx.insert(TaskRecord, {
    taskId: agencyTaskId(d.processId, d.sequence),
    processId: d.processId,
    processType: d.processType,
    agencyId,
    party,
    stage: d.stage,
    status: 'open',
    assignedAt: d.occurredAt,
    dueAt: running.sort()[0] ?? null,
    closedAt: null,
  });
}

/**
 * The task an escalated deadline opens for the party it escalates to (the workflow's
 * escalationTask): in that agency's inbox until the process leaves the stage.
 */
async function projectEscalation(
  tx: EntityManager,
  event: ProcessEvent,
  party: string,
  dueAt: string | null,
): Promise<void> {
  const d = event.data;
  const agencyId = d.parties[party]?.agencyId;
  if (!agencyId) return;
  await tx.insert(TaskRecord, {
    taskId: agencyTaskId(d.processId, d.sequence),
    processId: d.processId,
    processType: d.processType,
    agencyId,
    party,
    stage: d.stage,
    status: 'open',
    assignedAt: d.occurredAt,
    dueAt,
    closedAt: null,
  });
}

/**
 * A case's counts: a process joins it with its start event, or with the action that puts it in the
 * case later (link-case), and stops being open at its end. One
 * upsert by deltas: a case's processes sit in different partitions, so projectors working in
 * parallel update its row side by side and a read-then-write would lose counts.
 */
export async function projectCase(tx: EntityManager, event: ProcessEvent): Promise<void> {
  const d = event.data;
  if (!d.caseId) return;
  const joins = d.sequence === 0 || d.action === LINK_CASE_ACTION ? 1 : 0;
  const ends = d.terminal ? 1 : 0;
  const at = parameters(tx);
  await tx.query(
    `INSERT INTO cases (case_id, handling_code, processes, open_processes, first_event_at, last_event_at)
     VALUES (${at(1)}, ${at(2)}, ${at(3)}, ${at(4)}, ${at(5)}, ${at(6)})
     ON CONFLICT (case_id) DO UPDATE SET
       handling_code = excluded.handling_code,
       processes = cases.processes + excluded.processes,
       open_processes = cases.open_processes + excluded.open_processes,
       first_event_at = CASE WHEN excluded.first_event_at < cases.first_event_at
         THEN excluded.first_event_at ELSE cases.first_event_at END,
       last_event_at = CASE WHEN excluded.last_event_at > cases.last_event_at
         THEN excluded.last_event_at ELSE cases.last_event_at END`,
    [d.caseId, d.handlingCode, joins, joins - ends, d.occurredAt, d.occurredAt],
  );
}
