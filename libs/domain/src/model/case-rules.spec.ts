import {
  applyTransition,
  caseObligationsOf,
  decide,
  definitionOf,
  holdSignalsOf,
  openProcess,
  spawnedBy,
} from '../index';

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
  it('lists the prosecute-instead obligation open, then discharged, and nothing before; then the report of its result', () => {
    const of = (stage: string) => caseObligationsOf([{ id: 'x-1', type: 'extradition', stage }], definitionOf);
    expect(of('judicial-hearing')).toEqual([]);
    expect(of('prosecution-instead')).toEqual([
      { id: 'prosecute-instead', label: expect.stringContaining('16(10)'), processId: 'x-1', status: 'open' },
    ]);
    expect(of('submitted-for-prosecution')).toEqual([
      expect.objectContaining({ id: 'prosecute-instead', status: 'discharged' }),
      expect.objectContaining({
        id: 'report-prosecution-result',
        status: 'open',
        label: expect.stringContaining('6(2)'),
      }),
    ]);
    expect(of('prosecution-concluded').map((o) => o.status)).toEqual(['discharged', 'discharged']);
    expect(of('surrendered')).toEqual([]);
  });
});

describe('holdSignalsOf', () => {
  const definition = definitionOf('asset-confiscation');
  const officer = { userId: 'officer', role: 'coordinator' } as const;
  const requested = { userId: 'es', role: 'agency', agencyId: 'es-fiscalia' } as const;
  const opened = openProcess(
    definition,
    {
      processId: 'conf-9',
      type: 'asset-confiscation',
      caseId: 'case-3',
      legalBasis: 'UNTOC',
      priority: 'urgent',
      handlingCode: 'H2',
      parties: { requesting: { agencyId: 'fr-pnf', state: 'FR' }, requested: { agencyId: 'es-fiscalia', state: 'ES' } },
    },
    NOW,
  );
  const take = (s: typeof opened, action: string, actor: typeof officer | typeof requested, payload = {}) => {
    const transition = decide(definition, s, { action, payload }, actor);
    const after = applyTransition(definition, s, transition, NOW);
    return { after, signals: holdSignalsOf(definition, s, after, action, transition.payload) };
  };

  it('places a hold on the named process and lifts it when the assets are frozen', () => {
    const asked = take(opened, 'request-freezing', officer, { description: 'x', synchronisedWith: 'extradition-4' });
    expect(asked.signals).toEqual([
      {
        target: 'extradition-4',
        caseId: 'case-3',
        place: expect.objectContaining({
          id: 'conf-9:request-freezing',
          action: 'arrest-provisionally',
          heldBy: 'conf-9',
        }),
      },
    ]);
    const recognised = take(asked.after, 'recognise-freezing', requested);
    expect(recognised.signals).toEqual([]);
    const frozen = take(recognised.after, 'execute-freezing', requested, { amount: '5', currency: 'EUR' });
    expect(frozen.signals).toEqual([{ target: 'extradition-4', caseId: 'case-3', lift: 'conf-9:request-freezing' }]);
  });

  it('places none when the freezing names no process', () => {
    expect(take(opened, 'request-freezing', officer, { description: 'x' }).signals).toEqual([]);
  });
});

it('refuses an action another process of the case holds back, and only that one', () => {
  const definition = definitionOf('extradition');
  const opened = openProcess(
    definition,
    {
      processId: 'x-4',
      type: 'extradition',
      caseId: 'case-3',
      legalBasis: 'ECE',
      priority: 'urgent',
      handlingCode: 'H2',
      parties: { requesting: { agencyId: 'fr-pnf', state: 'FR' }, requested: { agencyId: 'es-an', state: 'ES' } },
    },
    NOW,
  );
  const held = {
    ...opened,
    holds: [
      { id: 'conf-9:request-freezing', action: 'arrest-provisionally', heldBy: 'conf-9', reason: 'freeze first' },
    ],
  };
  const requested = { userId: 'es', role: 'agency', agencyId: 'es-an' } as const;
  expect(() => decide(definition, held, { action: 'arrest-provisionally' }, requested)).toThrow(
    /held back by conf-9: freeze first/,
  );
  expect(decide(definition, held, { action: 'receive-formal-request' }, requested).to).toBe('formal-request-received');
});
