import type { Actor } from './actor';
import { DomainError, DomainErrorCode } from './domain-error';
import { awaitedBinding } from './parties';
import type { ActionDefinition, ProcessDefinition } from './process-definition';
import type { ProcessSnapshot, TaskState } from './process-state';

/**
 * Tasks after an event that left the process in `snapshot`: when the stage changed (or the
 * process started), the open task closes and, if the new stage awaits a party, a task opens for
 * that party's agency with the given id.
 */
export function tasksAfterEvent(
  definition: ProcessDefinition,
  snapshot: ProcessSnapshot,
  stageChanged: boolean,
  taskId: string,
): { tasks: TaskState[]; opened?: TaskState } {
  if (!stageChanged) return { tasks: [...snapshot.tasks] };
  const tasks = snapshot.tasks.map((t): TaskState => (t.status === 'open' ? { ...t, status: 'closed' } : t));
  const party = definition.states[snapshot.stage]?.awaiting;
  const agencyId = party ? awaitedBinding(definition, snapshot.parties, party)?.agencyId : undefined;
  if (!party || !agencyId) return { tasks };
  const opened: TaskState = { taskId, agencyId, party, stage: snapshot.stage, status: 'open' };
  return { tasks: [...tasks, opened], opened };
}

/**
 * The escalation a deadline's expiry opens: a task for the party slot the deadline escalates to
 * (declared in the definition), open until the process leaves the stage. None when the deadline
 * takes an action instead, or its party is not bound.
 */
export function escalationTask(
  definition: ProcessDefinition,
  snapshot: ProcessSnapshot,
  deadlineId: string,
  taskId: string,
): TaskState | undefined {
  const onExpiry = definition.deadlines.find((d) => d.id === deadlineId)?.onExpiry;
  if (onExpiry?.kind !== 'escalate') return undefined;
  const agencyId = awaitedBinding(definition, snapshot.parties, onExpiry.to)?.agencyId;
  if (!agencyId) return undefined;
  return { taskId, agencyId, party: onExpiry.to, stage: snapshot.stage, status: 'open', escalates: deadlineId };
}

/**
 * An action a party's own system may answer a task with: one a party may take, and that the API
 * does not complete (attach-document carries a claim check only the API can fill in).
 */
export const answerable = (action: ActionDefinition<string>, party?: string): boolean =>
  action.request === undefined && action.by.some((p) => 'party' in p && (party === undefined || p.party === party));

/** The actions the awaited party may take now: what a task offers. */
export function actionsForParty(definition: ProcessDefinition, snapshot: ProcessSnapshot, party: string): string[] {
  return Object.entries(definition.actions)
    .filter(([, a]) => a.from.includes(snapshot.stage) && answerable(a, party))
    .map(([name]) => name);
}

/** An answer quoting a task must quote the open one, from the agency it names. */
export function checkTask(snapshot: ProcessSnapshot, taskId: string, actor: Actor): void {
  const task = snapshot.tasks.find((t) => t.taskId === taskId);
  if (!task || task.status !== 'open') {
    throw new DomainError(DomainErrorCode.TaskNotOpen, `task '${taskId}' is ${task ? 'closed' : 'unknown'}`);
  }
  if (actor.agencyId !== task.agencyId) {
    throw new DomainError(
      DomainErrorCode.TaskNotYours,
      `task '${taskId}' is addressed to agency '${task.agencyId}', not '${actor.agencyId ?? actor.userId}'`,
    );
  }
}
