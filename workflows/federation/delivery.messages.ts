/**
 * The gateway's delivery workflow and its activities (apps/gateway): one argument each, typed
 * here, safe to import into the workflow sandbox.
 */
export interface DeliveryInput {
  /** The outbox message; also the workflow's id. */
  readonly messageId: string;
  readonly partner: string;
  /** After this long without an answer, the message is recorded as not delivered. */
  readonly deliveryTimeoutMs: number;
  /** The longest pause between two attempts while the partner is down. */
  readonly retryMaxIntervalMs: number;
}

export type DeliveryOutcome =
  | { readonly outcome: 'relayed' }
  /** The partner refused the envelope with a signed rejection: its code. */
  | { readonly outcome: 'rejected'; readonly code: string }
  | { readonly outcome: 'not-delivered'; readonly code: string };

export interface DeliveryActivities {
  /**
   * Sends the outbox's envelope to the partner over mutual TLS, verifies the evidence it answers
   * and records it. Throws (retried) while the partner cannot be reached or answers no evidence.
   */
  deliverEnvelope(input: {
    readonly messageId: string;
  }): Promise<Exclude<DeliveryOutcome, { outcome: 'not-delivered' }>>;
  /** Signs and records the non-delivery evidence. */
  recordNonDelivery(input: {
    readonly messageId: string;
    readonly code: string;
    readonly detail: string;
  }): Promise<void>;
}

/** Why a message was not delivered: the timeout ran out, or an attempt failed for good. */
export const NonDeliveryCodes = { timeout: 'DELIVERY_TIMEOUT', failed: 'DELIVERY_FAILED' } as const;
