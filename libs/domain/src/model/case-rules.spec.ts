import { caseObligationsOf, definitionOf, openProcess, spawnedBy } from '../index';

const NOW = Date.parse('2026-03-02T09:00:00.000Z');
const team = (legalBasis: string) =>
  openProcess(
    definitionOf('joint-investigation'),
    {
      processId: 'jit-7',
      type: 'joint-investigation',
      caseId: 'case-3',
      legalBasis,
      priority: 'high',
      handlingCode: 'H3',
      parties: { lead: { agencyId: 'nl-om', state: 'NL' }, member: { agencyId: 'it-dda', state: 'IT' } },
    },
    NOW,
  );

describe('spawnedBy', () => {
  it('opens the declared process in the same case, mapping the parties, with an id fixed by its origin', () => {
    expect(spawnedBy(definitionOf('joint-investigation'), team('UNTOC'), 'refer-for-confiscation', 12)).toEqual({
      processId: 'jit-7.refer-for-confiscation.12',
      type: 'asset-confiscation',
      caseId: 'case-3',
      legalBasis: 'UNTOC',
      priority: 'high',
      handlingCode: 'H3',
      parties: { requesting: { agencyId: 'nl-om', state: 'NL' }, requested: { agencyId: 'it-dda', state: 'IT' } },
    });
  });

  it('falls back to UNTOC when this process basis does not apply to the new type', () => {
    expect(
      spawnedBy(definitionOf('joint-investigation'), team('EU-JIT'), 'refer-for-confiscation', 3)?.legalBasis,
    ).toBe('UNTOC');
  });

  it('spawns nothing for an action without the rule', () => {
    expect(spawnedBy(definitionOf('joint-investigation'), team('UNTOC'), 'close', 3)).toBeUndefined();
  });
});

describe('caseObligationsOf', () => {
  it('lists the prosecute-instead obligation open, then discharged, and nothing before', () => {
    const of = (stage: string) => caseObligationsOf([{ id: 'x-1', type: 'extradition', stage }], definitionOf);
    expect(of('judicial-hearing')).toEqual([]);
    expect(of('prosecution-instead')).toEqual([
      { id: 'prosecute-instead', label: expect.stringContaining('16(10)'), processId: 'x-1', status: 'open' },
    ]);
    expect(of('submitted-for-prosecution')).toEqual([expect.objectContaining({ status: 'discharged' })]);
    expect(of('surrendered')).toEqual([]);
  });
});
