/**
 * The inbox's rule for one sender and one process (docs/federation.md#replay-and-order): which
 * opened message to apply now, answer again, refuse, or hold. Pure: the rule reads a few facts the
 * store finds by key (the gateway's inbox table, or `InboxLedger` in memory); nothing here reads a
 * clock or a database.
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

export type Inbound = Omit<LedgerEntry, 'status'>;

/**
 * How much a sender may put the inbox ahead of itself, per (sender, process). A sender whose
 * signature verifies could otherwise make the inbox hold any number of messages, up to sequence
 * 2^53: every held message costs storage and claims its place in the order.
 */
export interface InboxLimits {
  /** A message is taken only up to `appliedThrough + window`. */
  readonly window: number;
  /** At most this many held at once; beyond, only the next in order is taken. */
  readonly maxHeld: number;
}

export const INBOX_LIMITS: InboxLimits = { window: 1000, maxHeld: 256 };

/**
 * What the rule needs to know about one inbound message, each found by key (id, sequence) or kept
 * as a count: never by going through everything the inbox holds.
 */
export interface InboxFacts {
  /** Every message up to this sequence is applied (0: none yet; sequences start at 1). */
  readonly appliedThrough: number;
  /** What the inbox already took under the message's id, if anything. */
  readonly sameId: LedgerEntry | undefined;
  /** The held message at the message's sequence, if any. */
  readonly heldAtSequence: LedgerEntry | undefined;
  readonly heldCount: number;
}

export type InboxDecision =
  /** The next in order: apply it, then any held one that follows (`nextHeld`). */
  | { readonly verdict: 'accept' }
  /** The same envelope again (the sender retried): answer with the evidence already given, apply nothing. */
  | { readonly verdict: 'duplicate'; readonly entry: LedgerEntry }
  /** An id or a place in the order already taken by something else: refuse, with a negative evidence. */
  | { readonly verdict: 'replay'; readonly reason: string }
  /** Beyond the window, or the hold is full: refuse, with a negative evidence; nothing is kept. */
  | { readonly verdict: 'too-far-ahead'; readonly reason: string }
  /** Ahead of the order: hold it until the missing sequences arrive. */
  | { readonly verdict: 'gap'; readonly missing: readonly [from: number, to: number] };

export function classifyInbound(facts: InboxFacts, inbound: Inbound, limits = INBOX_LIMITS): InboxDecision {
  const { appliedThrough, sameId: known, heldAtSequence: held } = facts;
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
  if (inbound.sequence <= appliedThrough)
    return { verdict: 'replay', reason: `sequence ${inbound.sequence} is already applied under another id` };
  if (inbound.sequence > appliedThrough + limits.window)
    return {
      verdict: 'too-far-ahead',
      reason: `sequence ${inbound.sequence} is beyond ${appliedThrough + limits.window}: at most ${limits.window} past the ${appliedThrough} applied`,
    };
  if (held) return { verdict: 'replay', reason: `sequence ${inbound.sequence} is already held as ${held.messageId}` };
  if (inbound.sequence === appliedThrough + 1) return { verdict: 'accept' };
  if (facts.heldCount >= limits.maxHeld)
    return {
      verdict: 'too-far-ahead',
      reason: `${facts.heldCount} messages already wait for sequence ${appliedThrough + 1} (at most ${limits.maxHeld})`,
    };
  return { verdict: 'gap', missing: [appliedThrough + 1, inbound.sequence - 1] };
}

/**
 * The rule over an inbox kept in memory for one (sender, process), indexed by id and by sequence
 * so that each message costs the same however many came before. The gateway keeps the same
 * indexes in its table (libs/persistence federation-inbox.ts).
 */
export class InboxLedger {
  private through = 0;
  private readonly byId = new Map<string, LedgerEntry>();
  private readonly held = new Map<number, LedgerEntry>();

  constructor(private readonly limits: InboxLimits = INBOX_LIMITS) {}

  /** Every message up to this sequence is applied (0: none yet). */
  get appliedThrough(): number {
    return this.through;
  }

  get heldCount(): number {
    return this.held.size;
  }

  entry(messageId: string): LedgerEntry | undefined {
    return this.byId.get(messageId);
  }

  classify(inbound: Inbound): InboxDecision {
    return classifyInbound(
      {
        appliedThrough: this.through,
        sameId: this.byId.get(inbound.messageId),
        heldAtSequence: this.held.get(inbound.sequence),
        heldCount: this.held.size,
      },
      inbound,
      this.limits,
    );
  }

  /** Applies a message the rule accepted, or the held one `nextHeld` released. */
  recordApplied(inbound: Inbound): void {
    if (inbound.sequence !== this.through + 1)
      throw new RangeError(`sequence ${inbound.sequence} applied out of order after ${this.through}`);
    this.held.delete(inbound.sequence);
    this.byId.set(inbound.messageId, { ...inbound, status: 'applied' });
    this.through = inbound.sequence;
  }

  /** Holds a message the rule found ahead of the order (`gap`). */
  recordHeld(inbound: Inbound): void {
    const decision = this.classify(inbound);
    if (decision.verdict !== 'gap')
      throw new RangeError(`message ${inbound.messageId} is ${decision.verdict}, not held`);
    const entry: LedgerEntry = { ...inbound, status: 'held' };
    this.byId.set(inbound.messageId, entry);
    this.held.set(inbound.sequence, entry);
  }

  /** The held message that is next in order, if it has arrived: apply it with `recordApplied`. */
  nextHeld(): LedgerEntry | undefined {
    return this.held.get(this.through + 1);
  }
}
