import { createHash } from 'node:crypto';
import { WorkflowNotFoundError, WorkflowUpdateFailedError, type Client } from '@temporalio/client';
import { ApplicationFailure } from '@temporalio/common';
import type { Actor } from '@comity/domain';
import { agencyResponse } from '@comity/events';
import type { DeadLetterReason } from '@comity/kafka';
import { processStateQuery, takeActionUpdate, type ProcessView } from '@comity/workflows';

export type Verdict =
  | { readonly outcome: 'applied'; readonly stage: string }
  | ({ readonly outcome: 'dead-letter' } & DeadLetterReason);

const deadLetter = (check: string, reason: string, code?: string): Verdict => ({
  outcome: 'dead-letter',
  check,
  reason,
  code,
});

/**
 * Checks an agency's answer and applies it as a Temporal update. Every check that fails gives a
 * dead-letter verdict naming it; Temporal being unreachable is thrown, so the message is retried.
 * The update id derives from the agency and its idempotency key, so a repeated answer returns the
 * first outcome and changes nothing.
 */
export async function handleAgencyResponse(client: Client, json: unknown): Promise<Verdict> {
  const parsed = agencyResponse.safeParse(json);
  if (!parsed.success) {
    return deadLetter('schema', parsed.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`).join('; '));
  }
  const answer = parsed.data.data;
  const handle = client.workflow.getHandle(answer.processId);
  let state: ProcessView;
  try {
    state = await handle.query(processStateQuery);
  } catch (err) {
    if (err instanceof WorkflowNotFoundError) return deadLetter('process', `no process '${answer.processId}'`);
    throw err;
  }
  const task = state.tasks.find((t) => t.taskId === answer.taskId);
  if (!task) return deadLetter('task', `process '${answer.processId}' has no task '${answer.taskId}'`);
  if (task.agencyId !== answer.agencyId) {
    return deadLetter('agency', `task '${answer.taskId}' is addressed to '${task.agencyId}', not '${answer.agencyId}'`);
  }
  const actor: Actor = { userId: `agency-system:${answer.agencyId}`, role: 'agency', agencyId: answer.agencyId };
  try {
    const view = await handle.executeUpdate(takeActionUpdate, {
      args: [{ action: answer.action, payload: answer.payload, actor, taskId: answer.taskId }],
      updateId: createHash('sha256').update(`${answer.agencyId}\n${answer.idempotencyKey}`).digest('hex').slice(0, 32),
    });
    return { outcome: 'applied', stage: view.stage };
  } catch (err) {
    if (err instanceof WorkflowUpdateFailedError && err.cause instanceof ApplicationFailure) {
      return deadLetter('action', err.cause.message, err.cause.type ?? undefined);
    }
    if (err instanceof WorkflowNotFoundError) return deadLetter('process', `process '${answer.processId}' has ended`);
    throw err;
  }
}
