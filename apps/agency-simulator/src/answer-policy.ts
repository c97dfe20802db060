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
const sign = (task: AgencyTaskData): Answer => ({ action: 'sign-agreement', payload: { signatory: task.agencyId } });
const inDays = (days: number) => new Date(Date.now() + days * 86_400_000).toISOString().slice(0, 10);

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
  { when: ['refuse'], answers: (b) => [{ action: 'refuse', payload: { ...b.refuseWith } }] },
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
];

export function answersFor(task: AgencyTaskData, behaviour: AgencyBehaviour, memory: Set<string>): readonly Answer[] {
  const offered = new Set(task.expectedActions.map((a) => a.action));
  const rule = rules.find((r) => r.when.every((action) => offered.has(action)));
  return rule ? rule.answers(behaviour, task, memory) : [];
}
