import {
  actionsForParty,
  applyTransition,
  decide,
  definitionOf,
  openProcess,
  reconciliationProblems,
  type Actor,
  type ProcessSnapshot,
} from '@comity/domain';
import type { AgencyTaskData } from '@comity/events';
import { answersFor } from './answer-policy';
import type { AgencyBehaviour } from './simulator-config';

const behaviour: AgencyBehaviour = {
  partialReturns: 1,
  askFurtherInfo: false,
  translationLanguage: 'en',
  promoteToMla: false,
};
const NOW = Date.parse('2026-03-02T09:00:00.000Z');

/** Plays every task the process would send with the simulator's answers, until no party is awaited. */
function play(type: string, parties: Record<string, { agencyId: string; state: string }>, from: ProcessSnapshot) {
  const definition = definitionOf(type);
  let snapshot = from;
  for (let turn = 0; turn < 30; turn++) {
    const party = definition.states[snapshot.stage]?.awaiting;
    if (!party) break;
    const { agencyId } = parties[party];
    const task = {
      agencyId,
      processId: snapshot.processId,
      expectedActions: actionsForParty(definition, snapshot, party).map((action) => ({ action, label: action })),
      counterpartStates: Object.entries(parties)
        .filter(([slot]) => slot !== party)
        .map(([, p]) => p.state),
    } as unknown as AgencyTaskData;
    const answers = answersFor(task, behaviour, new Set());
    if (answers.length === 0) break;
    const actor: Actor = { userId: `${agencyId}-clerk`, role: 'agency', agencyId };
    for (const answer of answers) {
      snapshot = applyTransition(definition, snapshot, decide(definition, snapshot, answer, actor), NOW);
    }
  }
  return snapshot;
}

it('drives an asset confiscation from the freezing request to disposal, the ledger reconciled', () => {
  const definition = definitionOf('asset-confiscation');
  const parties = {
    requesting: { agencyId: 'fr-pnf', state: 'FR' },
    requested: { agencyId: 'es-fiscalia', state: 'ES' },
  };
  const opened = openProcess(
    definition,
    {
      processId: 'c-1',
      type: 'asset-confiscation',
      legalBasis: 'UNTOC',
      priority: 'urgent',
      handlingCode: 'H2',
      parties,
    },
    NOW,
  );
  const officer: Actor = { userId: 'officer', role: 'coordinator' };
  const request = { action: 'request-freezing', payload: { description: 'accounts' } };
  const requested = applyTransition(definition, opened, decide(definition, opened, request, officer), NOW);
  const done = play('asset-confiscation', parties, requested);
  expect(done.stage).toBe('disposed');
  expect(reconciliationProblems(done.ledger)).toEqual([]);
  expect(done.ledger?.['EUR']).toMatchObject({ frozen: '250000.00', confiscated: '200000.00', shared: '75000.00' });
});

it('has a member sign a team agreement for itself', () => {
  const task = {
    agencyId: 'it-dda',
    processId: 'j-1',
    expectedActions: [{ action: 'sign-agreement', label: '' }],
    counterpartStates: ['NL'],
  } as unknown as AgencyTaskData;
  expect(answersFor(task, behaviour, new Set())).toEqual([
    { action: 'sign-agreement', payload: { signatory: 'it-dda' } },
  ]);
});

it('only records an escalation: it answers nothing, whatever the task offers', () => {
  const escalation = {
    agencyId: 'gr-europol-unit',
    processId: 'lee-1',
    escalates: { deadlineId: 'answer', label: 'Answer the request', dueAt: '2026-03-02T17:00:00.000Z' },
    expectedActions: [{ action: 'withdraw', label: 'Withdraw the request' }],
    counterpartStates: ['TR'],
  } as unknown as AgencyTaskData;
  expect(answersFor(escalation, behaviour, new Set())).toEqual([]);
});
