import type { TemporalConfig } from '@comity/config';
import type { TemporalHandle } from './temporal-client';

/**
 * The problems Temporal reports, in the `TemporalReportedProblems` search attribute, on a running
 * workflow whose workflow task has failed or timed out several times in a row (the server's
 * `system.numConsecutiveWorkflowTaskProblemsToTriggerSearchAttribute`; infra/temporal sets it to
 * 3). Such a process cannot move until a worker can run it: its code or its keys are wrong.
 */
const REPORTED_PROBLEMS = ['category=WorkflowTaskFailed', 'category=WorkflowTaskTimedOut'];

/** A running workflow of Comity's task queue whose workflow task keeps failing. */
export interface StalledWorkflow {
  readonly id: string;
  readonly workflowType: string;
  readonly startedAt: string | null;
  /** What Temporal reports, e.g. `category=WorkflowTaskFailed`, `cause=...`. */
  readonly problems: readonly string[];
}

const stalledQuery = (taskQueue: string) =>
  `TaskQueue = '${taskQueue.replace(/'/g, "''")}' AND ExecutionStatus = 'Running' AND TemporalReportedProblems IN (${REPORTED_PROBLEMS.map((p) => `'${p}'`).join(', ')})`;

/** How many of Comity's workflows are stalled now (visibility's count; no payload is read). */
export async function countStalledWorkflows(handle: TemporalHandle, config: TemporalConfig): Promise<number> {
  const { count } = await handle.connection.workflowService.countWorkflowExecutions({
    namespace: config.namespace,
    query: stalledQuery(config.taskQueue),
  });
  return Number(count ?? 0);
}

/** The stalled workflows, oldest first, at most `limit` (the raw listing decodes no payload). */
export async function listStalledWorkflows(
  handle: TemporalHandle,
  config: TemporalConfig,
  limit: number,
): Promise<StalledWorkflow[]> {
  const page = await handle.connection.workflowService.listWorkflowExecutions({
    namespace: config.namespace,
    query: stalledQuery(config.taskQueue),
    pageSize: limit,
  });
  return page.executions.slice(0, limit).map((info) => {
    const problems = info.searchAttributes?.indexedFields?.['TemporalReportedProblems']?.data;
    const seconds = info.startTime?.seconds;
    return {
      id: info.execution?.workflowId ?? '',
      workflowType: info.type?.name ?? '',
      startedAt: seconds === undefined || seconds === null ? null : new Date(Number(seconds) * 1000).toISOString(),
      problems: problems ? stringList(Buffer.from(problems).toString('utf8')) : [],
    };
  });
}

function stringList(json: string): string[] {
  try {
    const value: unknown = JSON.parse(json);
    return Array.isArray(value) ? value.filter((v): v is string => typeof v === 'string') : [];
  } catch {
    return [];
  }
}
