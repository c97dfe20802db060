import type { AgencyTask, AgencyTaskData } from './agency-task/agency-task.schema';
import type { ProcessEvent, ProcessEventData } from './process-event/process-event.schema';

/**
 * The events a process emits, built without their contracts' schemas (`@comity/events/builders`).
 * The workflow imports only this: the worker evaluates a workflow's modules afresh for each process
 * it runs, and the zod schemas of the contracts, which the workflow never parses with, cost about
 * 4 % of its workflow thread there (docs/benchmarks.md). `@comity/events` exports the same.
 */

export const PROCESS_EVENT_VERSION = 'v1';

export const AGENCY_TASK_TYPE = 'comity.agency-task.assigned.v1';

/** `comity.<type>.<stage entered, or the action when the stage does not change>.v1`. */
export function processEventType(
  data: Pick<ProcessEventData, 'processType' | 'action' | 'fromStage' | 'stage'>,
): string {
  const name = data.action === 'start' ? 'started' : data.fromStage === data.stage ? data.action : data.stage;
  return `comity.${data.processType}.${name}.${PROCESS_EVENT_VERSION}`;
}

/** The event id is fixed by the workflow (process id + sequence) so a retried publish repeats it. */
export function processEventId(processId: string, sequence: number): string {
  return `${processId}:${sequence}`;
}

export function buildProcessEvent(data: ProcessEventData, source: string): ProcessEvent {
  return {
    specversion: '1.0',
    id: processEventId(data.processId, data.sequence),
    source,
    type: processEventType(data),
    subject: data.processId,
    time: data.occurredAt,
    datacontenttype: 'application/json',
    handlingcode: data.handlingCode,
    data,
  };
}

/** A task is named by the event that opened it, so a retried publish repeats its id. */
export const agencyTaskId = (processId: string, sequence: number): string => `${processId}:${sequence}:task`;

export function buildAgencyTask(data: AgencyTaskData, source: string): AgencyTask {
  return {
    specversion: '1.0',
    id: data.taskId,
    source,
    type: AGENCY_TASK_TYPE,
    subject: data.processId,
    time: data.assignedAt,
    datacontenttype: 'application/json',
    handlingcode: data.handlingCode,
    data,
  };
}
