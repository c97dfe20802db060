/**
 * The confiscation ledger: every accepted sequence of amounts reconciles, per currency, and equals
 * the sum of what was accepted; victims are settled before anything is shared (UNTOC 14(2)-(3)).
 */
import fc from 'fast-check';
import { codeOf, takerOf } from '../testing/spec-helpers';
import {
  applyTransition,
  decide,
  definitionOf,
  DomainError,
  DomainErrorCode,
  fromUnits,
  openProcess,
  reconciliationProblems,
  toUnits,
  type Actor,
  type AssetFigure,
  type ProcessSnapshot,
} from '../index';

const NOW = Date.parse('2026-03-02T09:00:00.000Z');
const definition = definitionOf('asset-confiscation');
const requesting: Actor = { userId: 'fr', role: 'agency', agencyId: 'fr-pnf' };
const requested: Actor = { userId: 'es', role: 'agency', agencyId: 'es-fiscalia' };

const opened = (): ProcessSnapshot =>
  openProcess(
    definition,
    {
      processId: 'conf-1',
      type: 'asset-confiscation',
      legalBasis: 'UNTOC',
      priority: 'urgent',
      handlingCode: 'H2',
      parties: {
        requesting: { agencyId: 'fr-pnf', state: 'FR' },
        requested: { agencyId: 'es-fiscalia', state: 'ES' },
      },
    },
    NOW,
  );

const take = takerOf(definition, NOW);

/** A process frozen with 1000 EUR and 500 USD. */
function frozen(): ProcessSnapshot {
  let s = take(opened(), 'request-freezing', requesting, { description: 'accounts at Banco X' });
  s = take(s, 'recognise-freezing', requested);
  s = take(s, 'execute-freezing', requested, { amount: '1000.00', currency: 'EUR' });
  return take(s, 'freeze-more', requested, { amount: '500', currency: 'USD' });
}

it('keeps amounts per currency, exactly, as decimal strings', () => {
  const s = take(frozen(), 'freeze-more', requested, { amount: '0.10', currency: 'EUR' });
  const again = take(s, 'freeze-more', requested, { amount: '0.205', currency: 'EUR' });
  expect(again.ledger).toEqual({ EUR: { frozen: '1000.305' }, USD: { frozen: '500.00' } });
});

it.each([
  ['a float-like number', 1000],
  ['a negative amount', '-5'],
  ['zero', '0.00'],
  ['four decimals', '1.2345'],
  ['an exponent', '1e3'],
])('refuses %s as an amount', (_what, amount) => {
  expect(codeOf(() => take(frozen(), 'freeze-more', requested, { amount, currency: 'EUR' }))).toBe(
    DomainErrorCode.PayloadInvalid,
  );
});

it('refuses to confiscate more than is still frozen, in that currency', () => {
  const asked = take(frozen(), 'transmit-confiscation-order', requesting, { mode: 'enforce', reference: 'C-1' });
  expect(codeOf(() => take(asked, 'enforce-confiscation', requested, { amount: '1000.01', currency: 'EUR' }))).toBe(
    DomainErrorCode.PreconditionUnmet,
  );
  expect(codeOf(() => take(asked, 'enforce-confiscation', requested, { amount: '1', currency: 'GBP' }))).toBe(
    DomainErrorCode.PreconditionUnmet,
  );
  // The refusal says how much is available.
  expect(() => take(asked, 'enforce-confiscation', requested, { amount: '1000.01', currency: 'EUR' })).toThrow(
    'payload.amount: 1000.01 EUR exceeds what is still frozen (available: 1000.00 EUR)',
  );
  expect(take(asked, 'enforce-confiscation', requested, { amount: '1000', currency: 'EUR' }).stage).toBe(
    'asset-management',
  );
});

it('settles victims before sharing, and closes only once they are settled', () => {
  let s = take(frozen(), 'transmit-confiscation-order', requesting, { mode: 'obtain', reference: 'C-2' });
  s = take(s, 'obtain-confiscation-order', requested, { amount: '800', currency: 'EUR' });
  s = take(s, 'begin-disposal', requested);
  const share = { amount: '100', currency: 'EUR', withState: 'FR' };
  expect(codeOf(() => take(s, 'share', requested, share))).toBe(DomainErrorCode.PreconditionUnmet);
  expect(codeOf(() => take(s, 'close-disposal', requested))).toBe(DomainErrorCode.PreconditionUnmet);
  s = take(s, 'return-to-victims', requested, { amount: '600', currency: 'EUR', claim: 'victims of the network' });
  s = take(s, 'settle-victim-claims', requested);
  expect(codeOf(() => take(s, 'share', requested, { ...share, amount: '200.01' }))).toBe(
    DomainErrorCode.PreconditionUnmet,
  );
  s = take(s, 'share', requested, { ...share, amount: '200' });
  expect(s.ledger?.['EUR']).toEqual({
    frozen: '1000.00',
    confiscated: '800.00',
    'returned-to-victims': '600.00',
    shared: '200.00',
  });
  expect(take(s, 'close-disposal', requested).stage).toBe('disposed');
});

// ---------------------------------------------------------------------------------------------
// Property: whatever is attempted, in whatever order, the accepted amounts reconcile.
// ---------------------------------------------------------------------------------------------

const amountActions = Object.entries(definition.statistics.amounts ?? {}) as [string, AssetFigure][];
const moves = ['transmit-confiscation-order', 'begin-disposal', 'settle-victim-claims'];

const attempt = fc.oneof(
  {
    weight: 6,
    arbitrary: fc.record({
      action: fc.constantFrom(...amountActions.map(([name]) => name)),
      amount: fc
        .tuple(fc.integer({ min: 0, max: 2_000 }), fc.integer({ min: 0, max: 999 }))
        .map(([units, thousandths]) => `${units}.${String(thousandths).padStart(3, '0')}`),
      currency: fc.constantFrom('EUR', 'USD', 'JPY'),
    }),
  },
  { weight: 1, arbitrary: fc.record({ action: fc.constantFrom(...moves) }) },
);

const extrasFor: Readonly<Record<string, Record<string, unknown>>> = {
  'release-assets': { reasons: 'court order' },
  'return-to-victims': { claim: 'victim claim' },
  share: { withState: 'FR' },
  'transmit-confiscation-order': { mode: 'enforce', reference: 'C-3' },
};

it('reconciles after every accepted sequence, and sums exactly what was accepted', () => {
  fc.assert(
    fc.property(fc.array(attempt, { maxLength: 60 }), (attempts) => {
      let snapshot = take(
        take(opened(), 'request-freezing', requesting, { description: 'x' }),
        'recognise-freezing',
        requested,
      );
      const accepted = new Map<string, bigint>();
      for (const a of attempts) {
        const payload = {
          ...('amount' in a ? { amount: a.amount, currency: a.currency } : {}),
          ...extrasFor[a.action],
        };
        const actor = a.action === 'transmit-confiscation-order' ? requesting : requested;
        let transition;
        try {
          transition = decide(definition, snapshot, { action: a.action, payload }, actor);
        } catch (err) {
          expect(err).toBeInstanceOf(DomainError);
          continue;
        }
        snapshot = applyTransition(definition, snapshot, transition, NOW);
        const figure = definition.statistics.amounts?.[a.action];
        if (figure && 'amount' in a) {
          const key = `${a.currency}/${figure}`;
          accepted.set(key, (accepted.get(key) ?? BigInt(0)) + toUnits(a.amount));
        }
        expect(reconciliationProblems(snapshot.ledger)).toEqual([]);
      }
      const recorded = Object.entries(snapshot.ledger ?? {}).flatMap(([currency, figures]) =>
        Object.entries(figures).map(([figure, total]) => [`${currency}/${figure}`, total]),
      );
      expect(Object.fromEntries(recorded)).toEqual(
        Object.fromEntries([...accepted].map(([key, units]) => [key, fromUnits(units)])),
      );
      if (snapshot.ledger && Object.values(snapshot.ledger).some((f) => f.shared !== undefined)) {
        expect(snapshot.facts['victimsSettled']).toBe(true);
      }
    }),
    { numRuns: 300 },
  );
});
