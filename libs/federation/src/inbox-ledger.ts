/**
 * The inbox's rule for one sender and one process (docs/federation.md#replay-and-order): which
 * opened message to apply now, answer again, refuse, or hold. Pure: the gateway keeps the state
 * (its inbox table, later) and applies the decision; nothing here reads a clock or a database.
 */

/** A message the inbox took, applied or held. */
export interface LedgerEntry {
  readonly messageId: string;
  readonly sequence: number;
  /** SHA-256 of the envelope's bytes: the same bytes again are a retry, not a replay. */
  readonly envelopeDigest: string;
  /** SHA-256 of the signed message. */
  readonly contentDigest: string;
  readonly status: 'applied' | 'held';
}

/** What the inbox holds for one (sender installation, process). */
export interface InboxLedgerState {
  /** Every message up to this sequence is applied (0: none yet; sequences start at 1). */
  readonly appliedThrough: number;
  readonly seen: ReadonlyMap<string, LedgerEntry>;
}

export type Inbound = Omit<LedgerEntry, 'status'>;

export type InboxDecision =
  /** The next in order: apply it, then any held one that follows (`nextHeld`). */
  | { readonly verdict: 'accept' }
  /** The same envelope again (the sender retried): answer with the evidence already given, apply nothing. */
  | { readonly verdict: 'duplicate'; readonly entry: LedgerEntry }
  /** An id or a place in the order already taken by something else: refuse, with a negative evidence. */
  | { readonly verdict: 'replay'; readonly reason: string }
  /** Ahead of the order: hold it until the missing sequences arrive. */
  | { readonly verdict: 'gap'; readonly missing: readonly [from: number, to: number] };

export const emptyLedger = (): InboxLedgerState => ({ appliedThrough: 0, seen: new Map() });

export function classifyInbound(state: InboxLedgerState, inbound: Inbound): InboxDecision {
  const known = state.seen.get(inbound.messageId);
  if (known) {
    if (known.envelopeDigest === inbound.envelopeDigest) return { verdict: 'duplicate', entry: known };
    return {
      verdict: 'replay',
      reason:
        known.contentDigest === inbound.contentDigest
          ? `message ${inbound.messageId} again under a new envelope`
          : `message id ${inbound.messageId} reused for other content`,
    };
  }
  if (inbound.sequence <= state.appliedThrough)
    return { verdict: 'replay', reason: `sequence ${inbound.sequence} is already applied under another id` };
  for (const entry of state.seen.values()) {
    if (entry.sequence === inbound.sequence)
      return { verdict: 'replay', reason: `sequence ${inbound.sequence} is already held as ${entry.messageId}` };
  }
  if (inbound.sequence === state.appliedThrough + 1) return { verdict: 'accept' };
  return { verdict: 'gap', missing: [state.appliedThrough + 1, inbound.sequence - 1] };
}

/** The state once a message the inbox accepted (or a held one it releases) is applied. */
export function recordApplied(state: InboxLedgerState, inbound: Inbound): InboxLedgerState {
  if (inbound.sequence !== state.appliedThrough + 1)
    throw new RangeError(`sequence ${inbound.sequence} applied out of order after ${state.appliedThrough}`);
  const seen = new Map(state.seen).set(inbound.messageId, { ...inbound, status: 'applied' });
  return { appliedThrough: inbound.sequence, seen };
}

/** The state once a message ahead of the order is held. */
export function recordHeld(state: InboxLedgerState, inbound: Inbound): InboxLedgerState {
  return { ...state, seen: new Map(state.seen).set(inbound.messageId, { ...inbound, status: 'held' }) };
}

/** The held message that is next in order, if it has arrived: apply it with `recordApplied`. */
export function nextHeld(state: InboxLedgerState): LedgerEntry | undefined {
  for (const entry of state.seen.values()) {
    if (entry.status === 'held' && entry.sequence === state.appliedThrough + 1) return entry;
  }
  return undefined;
}
