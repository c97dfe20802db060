import { createHash } from 'node:crypto';
import { WorkflowNotFoundError, WorkflowUpdateFailedError, type Client } from '@temporalio/client';
import { ApplicationFailure } from '@temporalio/common';
import { DomainErrorCode, type Actor } from '@comity/domain';
import { agencyResponse } from '@comity/events';
import type { DeadLetterReason } from '@comity/kafka';
import { takeActionUpdate } from '@comity/workflows';

export type Verdict =
  { readonly outcome: 'applied'; readonly stage: string } | ({ readonly outcome: 'dead-letter' } & DeadLetterReason);

const deadLetter = (check: string, reason: string, code?: string): Verdict => ({
  outcome: 'dead-letter',
  check,
  reason,
  code,
});

/** The dead-letter check a refusal by the workflow's update validator counts against. */
const checkOfRefusal: Record<string, string> = {
  [DomainErrorCode.TaskNotOpen]: 'task',
  [DomainErrorCode.TaskNotYours]: 'agency',
};

/**
 * Checks an agency's answer and applies it as a Temporal update. Every check that fails gives a
 * dead-letter verdict naming it; Temporal being unreachable is thrown, so the message is retried.
 * The task and agency checks are the update validator's (one round trip to Temporal, not a query
 * and then an update). The update id derives from the agency and its idempotency key, so a
 * repeated answer returns the first outcome and changes nothing.
 */
export async function handleAgencyResponse(client: Client, json: unknown): Promise<Verdict> {
  const parsed = agencyResponse.safeParse(json);
  if (!parsed.success) {
    return deadLetter('schema', parsed.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`).join('; '));
  }
  const answer = parsed.data.data;
  const actor: Actor = { userId: `agency-system:${answer.agencyId}`, role: 'agency', agencyId: answer.agencyId };
  try {
    const view = await client.workflow.getHandle(answer.processId).executeUpdate(takeActionUpdate, {
      args: [{ action: answer.action, payload: answer.payload, actor, taskId: answer.taskId }],
      updateId: createHash('sha256').update(`${answer.agencyId}\n${answer.idempotencyKey}`).digest('hex').slice(0, 32),
    });
    return { outcome: 'applied', stage: view.stage };
  } catch (err) {
    if (err instanceof WorkflowUpdateFailedError && err.cause instanceof ApplicationFailure) {
      const code = err.cause.type ?? undefined;
      return deadLetter((code && checkOfRefusal[code]) ?? 'action', err.cause.message, code);
    }
    if (err instanceof WorkflowNotFoundError) return deadLetter('process', `no running process '${answer.processId}'`);
    throw err;
  }
}
