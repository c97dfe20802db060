import type { EntityManager } from 'typeorm';
import type { ProcessDefinition } from '@comity/domain';
import { agencyTaskId, type ProcessEvent } from '@comity/events';
import { CaseRecord } from './entities/case.record';
import { TaskRecord } from './entities/task.record';

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
  if (d.action !== 'start' && d.fromStage === d.stage) return;
  await tx.update(TaskRecord, { processId: d.processId, status: 'open' }, { status: 'closed', closedAt: d.occurredAt });
  const party = d.terminal ? undefined : definition?.states[d.stage]?.awaiting;
  const agencyId = party ? d.parties[party]?.agencyId : undefined;
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

/** A case's counts: a process joins it with its start event and stops being open at its end. */
export async function projectCase(tx: EntityManager, event: ProcessEvent): Promise<void> {
  const d = event.data;
  if (!d.caseId) return;
  const current = await tx.findOneBy(CaseRecord, { caseId: d.caseId });
  const joins = d.sequence === 0 ? 1 : 0;
  const ends = d.terminal ? 1 : 0;
  await tx.save(CaseRecord, {
    caseId: d.caseId,
    handlingCode: d.handlingCode,
    processes: (current?.processes ?? 0) + joins,
    openProcesses: (current?.openProcesses ?? 0) + joins - ends,
    firstEventAt: current && current.firstEventAt < d.occurredAt ? current.firstEventAt : d.occurredAt,
    lastEventAt: current && current.lastEventAt > d.occurredAt ? current.lastEventAt : d.occurredAt,
  });
}
