import { ActivityFailure, proxyActivities, TimeoutFailure } from '@temporalio/workflow';
import {
  NonDeliveryCodes,
  type DeliveryActivities,
  type DeliveryInput,
  type DeliveryOutcome,
} from './delivery.messages';

/**
 * One message to a partner installation (docs/federation.md, the gateway): its envelope was sealed
 * once and put in the outbox before this started; the activity sends those bytes, retried with
 * exponential backoff while the partner is down, until the partner answers an evidence or the
 * delivery timeout runs out, which is recorded as a non-delivery. Never a silent drop.
 */
export async function federationDeliveryWorkflow(input: DeliveryInput): Promise<DeliveryOutcome> {
  const { deliverEnvelope } = proxyActivities<DeliveryActivities>({
    startToCloseTimeout: '1 minute',
    scheduleToCloseTimeout: input.deliveryTimeoutMs,
    retry: { initialInterval: '1 second', backoffCoefficient: 2, maximumInterval: input.retryMaxIntervalMs },
  });
  const { recordNonDelivery } = proxyActivities<DeliveryActivities>({
    startToCloseTimeout: '30 seconds',
    retry: { maximumInterval: '1 minute' },
  });
  try {
    return await deliverEnvelope({ messageId: input.messageId });
  } catch (err) {
    if (!(err instanceof ActivityFailure)) throw err;
    // Out of time: the last attempt's failure comes with the retry state TIMEOUT (or as a timeout itself).
    const timedOut = err.retryState === 'TIMEOUT' || err.cause instanceof TimeoutFailure;
    const code = timedOut ? NonDeliveryCodes.timeout : NonDeliveryCodes.failed;
    const last = err.cause?.message ?? err.message;
    const detail = (
      timedOut ? `no answer from ${input.partner} within ${input.deliveryTimeoutMs / 1000} s; last: ${last}` : last
    ).slice(0, 500);
    await recordNonDelivery({ messageId: input.messageId, code, detail });
    return { outcome: 'not-delivered', code };
  }
}
