import { sha256 } from '@noble/hashes/sha2.js';
import { bytesToHex, utf8ToBytes } from '@noble/hashes/utils.js';
import type { Actor } from './actor';

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
}

export const AUDIT_GENESIS = '0'.repeat(64);

/** JSON with object keys sorted at every level, so equal records always hash alike. */
function canonical(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map(canonical).join(',')}]`;
  if (value !== null && typeof value === 'object') {
    const entries = Object.entries(value as Record<string, unknown>)
      .filter(([, v]) => v !== undefined)
      .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
    return `{${entries.map(([k, v]) => `${JSON.stringify(k)}:${canonical(v)}`).join(',')}}`;
  }
  return JSON.stringify(value ?? null);
}

/** The hash of a record chained to the previous one's: changing any earlier record breaks every later link. */
export function auditHash(previousHash: string, record: AuditRecord): string {
  return bytesToHex(sha256(utf8ToBytes(`${previousHash}\n${canonical(record)}`)));
}

export type ChainVerdict =
  | { readonly valid: true; readonly length: number }
  | { readonly valid: false; readonly length: number; readonly firstBrokenSequence: number; readonly reason: string };

/** Recomputes a process's chain from its records (in sequence order) and the hashes stored with them. */
export function verifyAuditChain(
  links: readonly { record: AuditRecord; previousHash: string; hash: string }[],
): ChainVerdict {
  let previous = AUDIT_GENESIS;
  for (const [index, link] of links.entries()) {
    const broken = (reason: string): ChainVerdict => ({
      valid: false,
      length: links.length,
      firstBrokenSequence: link.record.sequence,
      reason,
    });
    if (link.record.sequence !== index) return broken(`sequence ${index} is missing`);
    if (link.previousHash !== previous) return broken('it does not chain to the record before it');
    if (auditHash(previous, link.record) !== link.hash) return broken('its content does not match its hash');
    previous = link.hash;
  }
  return { valid: true, length: links.length };
}
