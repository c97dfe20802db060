/** A joint investigation team: members join and act as members, sign, exchange evidence, extend by consent. */
import { codeOf, takerOf } from '../testing/spec-helpers';
import { definitionOf, DomainErrorCode, openProcess, type Actor, type ProcessSnapshot } from '../index';

const NOW = Date.parse('2026-03-02T09:00:00.000Z');
const definition = definitionOf('joint-investigation');
const lead: Actor = { userId: 'nl', role: 'agency', agencyId: 'nl-om' };
const member: Actor = { userId: 'it', role: 'agency', agencyId: 'it-dda' };
const joiner: Actor = { userId: 'gr', role: 'agency', agencyId: 'gr-police' };
const coordinator: Actor = { userId: 'officer', role: 'coordinator' };

const take = takerOf(definition, NOW);

const opened = () =>
  openProcess(
    definition,
    {
      processId: 'jit-1',
      type: 'joint-investigation',
      legalBasis: 'EU-JIT',
      priority: 'normal',
      handlingCode: 'H2',
      parties: { lead: { agencyId: 'nl-om', state: 'NL' }, member: { agencyId: 'it-dda', state: 'IT' } },
    },
    NOW,
  );

function active(): ProcessSnapshot {
  let s = take(opened(), 'propose-agreement', lead, { summary: 'network on the central Mediterranean route' });
  s = take(s, 'sign-agreement', lead, { signatory: 'nl-om' });
  s = take(s, 'sign-agreement', member, { signatory: 'it-dda' });
  s = take(s, 'conclude-agreement', lead);
  return take(s, 'adopt-action-plan', coordinator, { summary: 'joint action days in May' });
}

it('binds a joining member under the group and lets it act as a member', () => {
  let s = take(active(), 'join', lead, { agencyId: 'gr-police', state: 'GR' });
  expect(s.parties['member:gr-police']).toEqual({ agencyId: 'gr-police', state: 'GR' });
  expect(codeOf(() => take(s, 'join', lead, { agencyId: 'gr-police', state: 'GR' }))).toBe(
    DomainErrorCode.PreconditionUnmet,
  );
  // A member that has not signed the agreement neither sends nor receives evidence.
  const share = { recipients: ['gr-police'], item: 'phone extraction', handlingCode: 'H3' };
  expect(codeOf(() => take(s, 'share-evidence', lead, share))).toBe(DomainErrorCode.PreconditionUnmet);
  s = take(s, 'sign-agreement', joiner, { signatory: 'gr-police' });
  s = take(s, 'share-evidence', lead, share);
  s = take(s, 'share-evidence', joiner, { recipients: ['nl-om', 'it-dda'], item: 'ledger', handlingCode: 'H2' });
  expect(s.facts['exchangeLog']).toEqual({ count: 2, byHandlingCode: { H3: 1, H2: 1 } });
});

it('lets an agency sign only for itself; a coordinator records a signature for a member', () => {
  const s = take(opened(), 'propose-agreement', lead, { summary: 'x' });
  expect(codeOf(() => take(s, 'sign-agreement', member, { signatory: 'nl-om' }))).toBe(
    DomainErrorCode.PreconditionUnmet,
  );
  expect(codeOf(() => take(s, 'sign-agreement', joiner, { signatory: 'gr-police' }))).toBe(
    DomainErrorCode.ActorNotPermitted,
  );
  const signed = take(s, 'sign-agreement', coordinator, { signatory: 'it-dda' });
  expect(codeOf(() => take(signed, 'conclude-agreement', lead))).toBe(DomainErrorCode.PreconditionUnmet);
  expect(take(take(signed, 'sign-agreement', lead, { signatory: 'nl-om' }), 'conclude-agreement', lead).stage).toBe(
    'action-plan',
  );
});

it('extends the term only with every signatory consenting to the same date, and only later', () => {
  let s = active();
  const term = s.deadlines.find((d) => d.id === 'term');
  expect(term?.dueAt).toBe('2027-08-24T09:00:00.000Z'); // 540 days under the framework decision
  s = take(s, 'consent-to-extension', lead, { consenting: 'nl-om', until: '2028-02-29' });
  expect(codeOf(() => take(s, 'extend-term', lead, { until: '2028-02-29' }))).toBe(DomainErrorCode.PreconditionUnmet);
  s = take(s, 'consent-to-extension', member, { consenting: 'it-dda', until: '2028-02-29' });
  s = take(s, 'extend-term', lead, { until: '2028-02-29' });
  expect(s.deadlines.find((d) => d.id === 'term')).toMatchObject({
    dueAt: '2028-02-29T00:00:00.000Z',
    status: 'running',
  });
  s = take(s, 'consent-to-extension', lead, { consenting: 'nl-om', until: '2027-01-01' });
  s = take(s, 'consent-to-extension', member, { consenting: 'it-dda', until: '2027-01-01' });
  expect(codeOf(() => take(s, 'extend-term', lead, { until: '2027-01-01' }))).toBe(DomainErrorCode.PreconditionUnmet);
});
