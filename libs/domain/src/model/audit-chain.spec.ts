import { AUDIT_GENESIS, auditHash, verifyAuditChain, type AuditRecord } from './audit-chain';

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
    expect(verifyAuditChain(links)).toEqual({ valid: true, length: 3 });
    expect(verifyAuditChain([])).toEqual({ valid: true, length: 0 });
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
});
