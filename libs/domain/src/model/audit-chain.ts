import { sha256 } from '@noble/hashes/sha2.js';
import { bytesToHex, utf8ToBytes } from '@noble/hashes/utils.js';
import type { Actor } from './actor';
import type { OffChannelStep } from './off-channel';

/** What the audit chain vouches for, per event: who did what, when, to which process, with what. */
export interface AuditRecord {
  readonly processId: string;
  readonly sequence: number;
  readonly action: string;
  readonly fromStage: string | null;
  readonly stage: string;
  readonly actor: Actor;
  readonly occurredAt: string;
  readonly payload: unknown;
  /** What the actor signed, when it signed what it sent (an agency's answer); absent otherwise. */
  readonly evidence?: SignedEvidence;
  /** How and when the step was taken when it went outside Comity (by post, …); absent otherwise. */
  readonly offChannel?: OffChannelStep;
}

/**
 * A message as its sender signed it — an agency's answer, a compact JWS verified against a key the
 * agency registered — kept with the event it caused, so the sender cannot later deny it.
 */
export interface SignedEvidence {
  readonly kid: string;
  readonly jws: string;
}

export const AUDIT_GENESIS = '0'.repeat(64);

/** How deep a record may nest; what Comity accepts nests at most 32 levels under the record. */
export const MAX_AUDIT_DEPTH = 64;

export class AuditRecordTooDeepError extends Error {
  override readonly name = 'AuditRecordTooDeepError';
}

/**
 * JSON with object keys sorted at every level, so equal records always hash alike. Iterative (an
 * explicit stack of what is still to write), so no record can exhaust the call stack; a record
 * nested deeper than MAX_AUDIT_DEPTH is refused. Its output is exactly that of the recursive
 * definition it replaced, so every stored hash still verifies.
 */
export function canonicalJson(root: unknown): string {
  type Item = { readonly text: string } | { readonly value: unknown; readonly depth: number };
  const out: string[] = [];
  const pending: Item[] = [{ value: root, depth: 0 }];
  for (let item = pending.pop(); item; item = pending.pop()) {
    if ('text' in item) {
      out.push(item.text);
      continue;
    }
    const { value, depth } = item;
    if (value === null || typeof value !== 'object') {
      out.push(JSON.stringify(value ?? null));
      continue;
    }
    if (depth >= MAX_AUDIT_DEPTH)
      throw new AuditRecordTooDeepError(`the record nests deeper than ${MAX_AUDIT_DEPTH} levels`);
    const parts: Item[] = [];
    if (Array.isArray(value)) {
      value.forEach((element, i) => {
        if (i > 0) parts.push({ text: ',' });
        parts.push({ value: element, depth: depth + 1 });
      });
      pending.push({ text: ']' }, ...parts.reverse(), { text: '[' });
      continue;
    }
    const entries = Object.entries(value as Record<string, unknown>)
      .filter(([, v]) => v !== undefined)
      .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
    entries.forEach(([key, v], i) => {
      parts.push({ text: `${i > 0 ? ',' : ''}${JSON.stringify(key)}:` }, { value: v, depth: depth + 1 });
    });
    pending.push({ text: '}' }, ...parts.reverse(), { text: '{' });
  }
  return out.join('');
}

/** The hash of a record chained to the previous one's: changing any earlier record breaks every later link. */
export function auditHash(previousHash: string, record: AuditRecord): string {
  return bytesToHex(sha256(utf8ToBytes(`${previousHash}\n${canonicalJson(record)}`)));
}

export type ChainVerdict =
  | {
      readonly valid: true;
      readonly length: number;
      /** Whether the chain was checked against the process's own head (see AuditAnchor). */
      readonly anchored: boolean;
      /** Events the process has recorded that the read model has not yet (it lags by moments). */
      readonly pending?: number;
    }
  | {
      readonly valid: false;
      readonly length: number;
      readonly anchored: boolean;
      readonly firstBrokenSequence: number;
      readonly reason: string;
    };

/**
 * The head of a process's chain as the process itself holds it (its workflow's state): how many
 * events it has recorded, the last one's hash, and when. The read model is checked against it, so
 * a rewrite that re-hashes every later record, or records deleted from the end, are detected too.
 */
export interface AuditAnchor {
  readonly sequence: number;
  readonly hash: string;
  readonly recordedAt: string;
}

/** How long the read model may lag behind the process before missing records count as deleted (default). */
export const AUDIT_LAG_GRACE_MS = 60_000;

/**
 * Recomputes a process's chain from its records (in sequence order) and the hashes stored with
 * them and, given the process's own head, checks that the chain ends there.
 */
export function verifyAuditChain(
  links: readonly { record: AuditRecord; previousHash: string; hash: string }[],
  anchor?: AuditAnchor,
  { now = Date.now(), lagGraceMs = AUDIT_LAG_GRACE_MS }: { now?: number; lagGraceMs?: number } = {},
): ChainVerdict {
  const anchored = anchor !== undefined;
  const broken = (sequence: number, reason: string): ChainVerdict => ({
    valid: false,
    length: links.length,
    anchored,
    firstBrokenSequence: sequence,
    reason,
  });
  let previous = AUDIT_GENESIS;
  for (const [index, link] of links.entries()) {
    const sequence = link.record.sequence;
    if (sequence !== index) return broken(sequence, `sequence ${index} is missing`);
    if (link.previousHash !== previous) return broken(sequence, 'it does not chain to the record before it');
    let hash: string;
    try {
      hash = auditHash(previous, link.record);
    } catch (err) {
      if (err instanceof AuditRecordTooDeepError) return broken(sequence, err.message);
      throw err;
    }
    if (hash !== link.hash) return broken(sequence, 'its content does not match its hash');
    previous = link.hash;
  }
  if (!anchor) return { valid: true, length: links.length, anchored };
  if (links.length > anchor.sequence) {
    return broken(anchor.sequence, `the process has recorded ${anchor.sequence} events, the read model holds more`);
  }
  if (links.length < anchor.sequence) {
    const missing = anchor.sequence - links.length;
    if (now - Date.parse(anchor.recordedAt) < lagGraceMs) {
      return { valid: true, length: links.length, anchored, pending: missing };
    }
    return broken(links.length, `the read model lacks the last ${missing} of the process's ${anchor.sequence} events`);
  }
  if (links.length > 0 && previous !== anchor.hash) {
    return broken(links.length - 1, "the chain does not end at the process's own head: records were rewritten");
  }
  return { valid: true, length: links.length, anchored };
}
