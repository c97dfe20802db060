import { sha256 } from '@noble/hashes/sha2.js';
import { bytesToHex, utf8ToBytes } from '@noble/hashes/utils.js';
import fc from 'fast-check';
import {
  AUDIT_GENESIS,
  AUDIT_LAG_GRACE_MS,
  MAX_AUDIT_DEPTH,
  auditHash,
  verifyAuditChain,
  type AuditRecord,
} from './audit-chain';

const record = (sequence: number, payload: unknown = {}): AuditRecord => ({
  processId: 'mla-1',
  sequence,
  action: sequence === 0 ? 'start' : 'return-partial',
  fromStage: sequence === 0 ? null : 'in-execution',
  stage: 'in-execution',
  actor: { userId: 'es', role: 'agency', agencyId: 'es-ca' },
  occurredAt: `2026-01-0${sequence + 1}T00:00:00.000Z`,
  payload,
});

function chain(records: AuditRecord[]) {
  let previous = AUDIT_GENESIS;
  return records.map((r) => {
    const hash = auditHash(previous, r);
    const link = { record: r, previousHash: previous, hash };
    previous = hash;
    return link;
  });
}

describe('the audit chain', () => {
  const links = chain([record(0), record(1, { description: 'bank records' }), record(2, { description: 'phones' })]);

  it('verifies an untouched chain', () => {
    expect(verifyAuditChain(links)).toEqual({ valid: true, length: 3, anchored: false });
    expect(verifyAuditChain([])).toEqual({ valid: true, length: 0, anchored: false });
  });

  it('hashes records alike whatever the order of their keys', () => {
    const original = record(1, { account: 'IBAN', bank: 'X' });
    const reversed = Object.fromEntries(
      Object.entries({ ...original, payload: { bank: 'X', account: 'IBAN' } }).reverse(),
    );
    expect(auditHash('x', reversed as unknown as AuditRecord)).toBe(auditHash('x', original));
    expect(auditHash('x', record(1, { account: 'other' }))).not.toBe(auditHash('x', original));
  });

  it('finds the first record whose content changed', () => {
    const tampered = links.map((l, i) => (i === 1 ? { ...l, record: record(1, { description: 'nothing' }) } : l));
    expect(verifyAuditChain(tampered)).toMatchObject({
      valid: false,
      firstBrokenSequence: 1,
      reason: expect.stringMatching(/hash/),
    });
  });

  it('finds a removed record and a relinked one', () => {
    expect(verifyAuditChain([links[0]!, links[2]!])).toMatchObject({ valid: false, firstBrokenSequence: 2 });
    const forged = chain([record(0), record(1, { description: 'forged' })]);
    expect(verifyAuditChain([links[0]!, links[1]!, { ...links[2]!, previousHash: forged[1]!.hash }])).toMatchObject({
      valid: false,
      firstBrokenSequence: 2,
      reason: expect.stringMatching(/chain/),
    });
  });

  it('hashes exactly as the recursive definition every stored hash was made with', () => {
    // The definition the chain used until canonicalisation became iterative, kept here as the reference.
    const recursive = (value: unknown): string => {
      if (Array.isArray(value)) return `[${value.map(recursive).join(',')}]`;
      if (value !== null && typeof value === 'object') {
        const entries = Object.entries(value as Record<string, unknown>)
          .filter(([, v]) => v !== undefined)
          .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
        return `{${entries.map(([k, v]) => `${JSON.stringify(k)}:${recursive(v)}`).join(',')}}`;
      }
      return JSON.stringify(value ?? null);
    };
    const reference = (previous: string, r: AuditRecord) =>
      bytesToHex(sha256(utf8ToBytes(`${previous}\n${recursive(r)}`)));
    fc.assert(
      fc.property(fc.anything({ maxDepth: 6, withNullPrototype: false }), (payload) => {
        const r = record(1, payload);
        expect(auditHash('prev', r)).toBe(reference('prev', r));
      }),
      { numRuns: 500 },
    );
  });

  it('refuses a record nested too deep, as a broken link rather than a crash', () => {
    const deep = JSON.parse(`${'{"a":'.repeat(10_000)}1${'}'.repeat(10_000)}`) as unknown;
    expect(() => auditHash('x', record(0, deep))).toThrow(new RegExp(`deeper than ${MAX_AUDIT_DEPTH}`));
    const [first] = links;
    const withDeep = [first!, { record: record(1, deep), previousHash: first!.hash, hash: 'f'.repeat(64) }];
    expect(verifyAuditChain(withDeep)).toMatchObject({ valid: false, firstBrokenSequence: 1, reason: /deeper/ });
  });

  describe('anchored to the process’s own head', () => {
    const head = { sequence: 3, hash: links[2]!.hash, recordedAt: '2026-01-03T00:00:00.000Z' };
    const later = Date.parse(head.recordedAt) + AUDIT_LAG_GRACE_MS + 1;

    it('verifies a chain that ends at the head', () => {
      expect(verifyAuditChain(links, head, { now: later })).toEqual({ valid: true, length: 3, anchored: true });
    });

    it('detects the last record deleted, once the read model cannot merely be lagging', () => {
      const truncated = links.slice(0, 2);
      expect(verifyAuditChain(truncated)).toMatchObject({ valid: true });
      expect(verifyAuditChain(truncated, head, { now: later })).toMatchObject({
        valid: false,
        firstBrokenSequence: 2,
        reason: expect.stringMatching(/lacks the last 1/),
      });
      expect(verifyAuditChain(truncated, head, { now: Date.parse(head.recordedAt) + 1000 })).toEqual({
        valid: true,
        length: 2,
        anchored: true,
        pending: 1,
      });
    });

    it('detects a consistent rewrite: one record changed and every later one re-hashed', () => {
      const rewritten = chain([
        record(0),
        { ...record(1, { description: 'bank records' }), actor: { userId: 'system', role: 'admin' } },
        record(2, { description: 'phones' }),
      ]);
      expect(verifyAuditChain(rewritten)).toMatchObject({ valid: true });
      expect(verifyAuditChain(rewritten, head, { now: later })).toMatchObject({
        valid: false,
        firstBrokenSequence: 2,
        reason: expect.stringMatching(/rewritten/),
      });
    });

    it('detects records the process never made', () => {
      const extra = chain([
        record(0),
        record(1, { description: 'bank records' }),
        record(2, { description: 'phones' }),
        record(3),
      ]);
      expect(verifyAuditChain(extra, head, { now: later })).toMatchObject({ valid: false, firstBrokenSequence: 3 });
    });
  });
});
