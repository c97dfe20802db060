import { conditionsOf } from '@comity/domain';
import type { AgencyTaskData } from '@comity/events';
import type { AgencyBehaviour } from './simulator-config';

export interface Answer {
  readonly action: string;
  readonly payload?: Record<string, unknown>;
}

interface Rule {
  readonly when: readonly string[];
  readonly answers: (behaviour: AgencyBehaviour, task: AgencyTaskData, memory: Set<string>) => readonly Answer[];
}

const eur = (amount: string) => ({ amount, currency: 'EUR' });

/** A transfer's conditions the party's state answers for, found met (months left: a year). */
const conditionFindings = (party: string): Answer[] =>
  conditionsOf(party).map((condition) => ({
    action: 'record-condition',
    payload: {
      condition,
      ...(condition === 'six-months-left' ? { remainingMonths: 12 } : { met: true }),
      evidence: 'checked against the court file and the prison record',
    },
  }));
const sign = (task: AgencyTaskData): Answer => ({ action: 'sign-agreement', payload: { signatory: task.agencyId } });
const inDays = (days: number) => new Date(Date.now() + days * 86_400_000).toISOString().slice(0, 10);

const authorisation = (state: string, task: AgencyTaskData): Answer => ({
  action: 'record-authorisation',
  payload: { state, authority: 'public prosecutor', reference: `authorisation-${state}-${task.processId}` },
});

/**
 * What a cooperative agency answers to a task, by the actions the task offers: the first rule
 * whose actions are all offered wins. `memory` holds what this agency already did in the process
 * (e.g. that it asked for further information once).
 */
const rules: readonly Rule[] = [
  { when: ['submit-for-review'], answers: () => [{ action: 'submit-for-review' }] },
  {
    when: ['record-translation', 'transmit'],
    answers: (b) => [
      { action: 'record-translation', payload: { language: b.translationLanguage } },
      { action: 'transmit' },
    ],
  },
  // (before the plain acknowledgement) a route state's agency authorises for its own state, then acknowledges
  {
    when: ['acknowledge', 'record-authorisation', 'refuse-authorisation'],
    answers: (b, t) => [...(b.state ? [authorisation(b.state, t)] : []), { action: 'acknowledge' }],
  },
  { when: ['acknowledge'], answers: () => [{ action: 'acknowledge' }] },
  { when: ['provide-further-info'], answers: () => [{ action: 'provide-further-info' }] },
  {
    when: ['start-execution', 'request-further-info'],
    answers: (b, _, memory) => {
      if (!b.askFurtherInfo || memory.has('asked')) return [{ action: 'start-execution' }];
      memory.add('asked');
      return [{ action: 'request-further-info', payload: { questions: 'Please confirm the account holders named.' } }];
    },
  },
  // transfer of proceedings: the requested state's decision (before the MLA refusal rule, which also matches)
  {
    when: ['accept', 'refuse'],
    answers: (b) => [b.refuseWith ? { action: 'refuse', payload: { ...b.refuseWith } } : { action: 'accept' }],
  },
  {
    when: ['return-partial', 'complete-execution', 'consult'],
    answers: (b) =>
      b.refuseWith
        ? [{ action: 'consult', payload: { intended: 'refusal', reasons: b.refuseWith.reasons } }]
        : [
            ...Array.from({ length: b.partialReturns }, (_, i) => ({
              action: 'return-partial',
              payload: { description: `evidence batch ${i + 1}` },
            })),
            { action: 'complete-execution' },
          ],
  },
  // MLA: the requesting side answers a consultation (18(26)); the requested side then refuses as it said it would
  {
    when: ['answer-consultation'],
    answers: () => [{ action: 'answer-consultation', payload: { answer: 'No further information can be given.' } }],
  },
  { when: ['refuse'], answers: (b) => [{ action: 'refuse', payload: { ...b.refuseWith } }] },
  { when: ['arrest-provisionally'], answers: () => [{ action: 'arrest-provisionally' }] },
  { when: ['receive-formal-request'], answers: () => [{ action: 'receive-formal-request' }] },
  { when: ['open-hearing'], answers: () => [{ action: 'open-hearing' }] },
  { when: ['decide-eligible'], answers: () => [{ action: 'decide-eligible' }] },
  { when: ['refer-to-executive'], answers: () => [{ action: 'refer-to-executive' }] },
  { when: ['order-surrender'], answers: () => [{ action: 'order-surrender', payload: { date: inDays(14) } }] },
  { when: ['confirm-surrender'], answers: () => [{ action: 'confirm-surrender' }] },
  // asset-confiscation: the requested state freezes, confiscates, manages and disposes; amounts are
  // the simulator's own (a task carries none), chosen so that the ledger reconciles.
  {
    when: ['report-assets'],
    answers: () => [{ action: 'report-assets', payload: { description: 'accounts traced' } }],
  },
  { when: ['recognise-freezing'], answers: () => [{ action: 'recognise-freezing' }] },
  { when: ['execute-freezing'], answers: () => [{ action: 'execute-freezing', payload: eur('250000.00') }] },
  {
    when: ['transmit-confiscation-order'],
    answers: (_, t) => [
      { action: 'transmit-confiscation-order', payload: { mode: 'enforce', reference: `order-${t.processId}` } },
    ],
  },
  { when: ['enforce-confiscation'], answers: () => [{ action: 'enforce-confiscation', payload: eur('200000.00') }] },
  {
    when: ['begin-disposal'],
    answers: () => [{ action: 'record-management-cost', payload: eur('5000.00') }, { action: 'begin-disposal' }],
  },
  {
    when: ['return-to-victims', 'settle-victim-claims', 'share', 'close-disposal'],
    answers: (_, t) => [
      { action: 'return-to-victims', payload: { ...eur('120000.00'), claim: 'victims identified in the case' } },
      { action: 'settle-victim-claims' },
      { action: 'share', payload: { ...eur('75000.00'), withState: t.counterpartStates[0] ?? 'FR' } },
      { action: 'close-disposal' },
    ],
  },
  // joint-investigation: a member signs the agreement for itself; the lead drives the team's stages.
  { when: ['sign-agreement', 'conclude-agreement'], answers: (_, t) => [sign(t), { action: 'conclude-agreement' }] },
  { when: ['sign-agreement'], answers: (_, t) => [sign(t)] },
  {
    when: ['propose-agreement'],
    answers: () => [{ action: 'propose-agreement', payload: { summary: 'as assessed' } }],
  },
  {
    when: ['adopt-action-plan'],
    answers: () => [{ action: 'adopt-action-plan', payload: { summary: 'joint action days' } }],
  },
  { when: ['evaluate'], answers: () => [{ action: 'evaluate', payload: { summary: 'objectives met' } }] },
  {
    when: ['submit-for-prosecution'],
    answers: (_, t) => [{ action: 'submit-for-prosecution', payload: { reference: `prosecution-${t.processId}` } }],
  },
  // transfer of proceedings
  {
    when: ['conclude-consultation'],
    answers: () => [{ action: 'conclude-consultation', payload: { view: 'favourable' } }],
  },
  { when: ['transmit-request'], answers: () => [{ action: 'transmit-request' }] },
  {
    when: ['take-over'],
    answers: (_, t) => [{ action: 'take-over', payload: { reference: `proceedings-${t.processId}` } }],
  },
  // transfer of a sentenced person: each state records the conditions it answers for, then both agree
  {
    when: ['transmit', 'record-condition'],
    answers: (_, t) => [...conditionFindings(t.party), { action: 'transmit' }],
  },
  { when: ['transmit'], answers: () => [{ action: 'transmit' }] },
  {
    when: ['record-condition', 'agree-administering'],
    answers: (_, t) => [...conditionFindings(t.party), { action: 'agree-administering' }],
  },
  { when: ['agree-sentencing'], answers: () => [{ action: 'agree-sentencing' }] },
  {
    when: ['schedule-handover'],
    answers: () => [
      { action: 'schedule-handover', payload: { date: inDays(21), place: 'the border crossing agreed' } },
    ],
  },
  { when: ['confirm-handover'], answers: () => [{ action: 'confirm-handover' }] },
  // controlled delivery: the requesting police declare the route; each route state's agency authorises for its state
  {
    when: ['declare-route', 'request-authorisation'],
    answers: (b) =>
      b.route ? [{ action: 'declare-route', payload: { states: b.route } }, { action: 'request-authorisation' }] : [],
  },
  // the requesting side authorises for its own state and starts; without a state of its own it leaves that to the officer
  {
    when: ['record-authorisation', 'start-delivery'],
    answers: (b, t) => (b.state ? [authorisation(b.state, t), { action: 'start-delivery' }] : []),
  },
  {
    when: ['conclude'],
    answers: () => [{ action: 'conclude', payload: { outcome: 'seized-and-arrested', summary: 'consignment seized' } }],
  },
  // law-enforcement exchange
  {
    when: ['answer'],
    answers: () => [{ action: 'answer', payload: { summary: 'subscriber and account holder identified' } }],
  },
  {
    when: ['complete', 'promote-to-mla'],
    answers: (b, t) => [
      b.promoteToMla
        ? { action: 'promote-to-mla', payload: { reference: `mla-${t.processId}` } }
        : { action: 'complete' },
    ],
  },
  // domestic task force: the coordination body adds its members and starts; asks one money trace, then closes
  {
    when: ['add-member', 'activate'],
    answers: (b) =>
      b.members ? [...b.members.map((m) => ({ action: 'add-member', payload: { ...m } })), { action: 'activate' }] : [],
  },
  {
    when: ['request-money-trace', 'close'],
    answers: (b, _, memory) => {
      if (!b.members) return [];
      if (memory.has('trace-asked'))
        return [{ action: 'close', payload: { reasons: 'the money trace is in the case' } }];
      memory.add('trace-asked');
      return [{ action: 'request-money-trace', payload: { subjects: 'the network organiser and the couriers' } }];
    },
  },
  // domestic task force: the FIU asks an institution for records once, then reports; the institution returns them
  {
    when: ['request-institution-records', 'report-money-trace'],
    answers: (_, t, memory) => {
      if (memory.has('institution-asked')) {
        return [
          { action: 'report-money-trace', payload: { reference: `fiu-${t.processId}`, summary: 'funds traced' } },
        ];
      }
      memory.add('institution-asked');
      return [
        {
          action: 'request-institution-records',
          payload: { institutionKind: 'mvts', scope: 'transfers of the last two years' },
        },
      ];
    },
  },
  {
    when: ['return-records'],
    answers: (_, t) => [{ action: 'return-records', payload: { reference: `records-${t.processId}` } }],
  },
  // document verification
  {
    when: ['confirm-genuine', 'report-not-genuine'],
    answers: (b) => [
      b.documentFinding
        ? {
            action: 'report-not-genuine',
            payload: { finding: b.documentFinding, details: 'compared with the register' },
          }
        : { action: 'confirm-genuine' },
    ],
  },
  // return of a smuggled migrant
  { when: ['confirm-status'], answers: () => [{ action: 'confirm-status', payload: { status: 'national' } }] },
  {
    when: ['issue-travel-documents'],
    answers: (_, t) => [
      { action: 'issue-travel-documents', payload: { document: 'laissez-passer', reference: `travel-${t.processId}` } },
    ],
  },
  {
    when: ['schedule-return'],
    answers: () => [
      { action: 'schedule-return', payload: { date: inDays(10), arrangements: 'escorted scheduled flight' } },
    ],
  },
  { when: ['confirm-arrival'], answers: () => [{ action: 'confirm-arrival' }] },
  // protection referral
  {
    when: ['refer'],
    answers: () => [{ action: 'refer', payload: { providerKind: 'ngo', needs: ['shelter', 'medical'] } }],
  },
  { when: ['accept', 'decline'], answers: () => [{ action: 'accept' }] },
  {
    when: ['record-outcome'],
    answers: () => [
      { action: 'report-progress', payload: { summary: 'sheltered and seen by a doctor' } },
      { action: 'record-outcome', payload: { outcome: 'assistance-completed', summary: 'assistance completed' } },
    ],
  },
];

export function answersFor(task: AgencyTaskData, behaviour: AgencyBehaviour, memory: Set<string>): readonly Answer[] {
  // An escalation tells the agency a deadline was missed; a simulated agency only records it
  // (answering what it offers, e.g. a withdrawal, would end the demo's processes early).
  if (task.escalates) return [];
  const offered = new Set(task.expectedActions.map((a) => a.action));
  const rule = rules.find((r) => r.when.every((action) => offered.has(action)));
  return rule ? rule.answers(behaviour, task, memory) : [];
}
