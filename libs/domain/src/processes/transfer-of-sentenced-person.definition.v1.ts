import { z } from 'zod';
import { typedAction, type GuardContext, type GuardProblem, type ProcessDefinition } from '../model/process-definition';
import { date, reasons, required } from './common';

// Version 1: either state (or the coordinator) recorded any condition, as met or not.
const TransferConditions = {
  'national-of-administering-state': 'the person is a national of the administering state',
  'final-judgment': 'the judgment is final',
  'six-months-left': 'at least six months of the sentence remain to be served',
  consent: 'the person (or a legal representative) consents',
  'dual-criminality': 'the acts are an offence under the law of the administering state too',
} as const;
type TransferCondition = keyof typeof TransferConditions;
const conditionNames = Object.keys(TransferConditions) as [TransferCondition, ...TransferCondition[]];
const conditionFact = (condition: string): string => `condition:${condition}`;
/** A state may agree only once every condition is recorded as met; the problem lists the others. */
function conditionsMet({ snapshot }: GuardContext): GuardProblem[] {
  const unmet = conditionNames.filter((c) => snapshot.facts[conditionFact(c)] !== true);
  return unmet.length === 0
    ? []
    : [
        {
          code: 'PRECONDITION_UNMET',
          detail: `conditions not recorded as met: ${unmet.map((c) => `${c} (${TransferConditions[c]})`).join(', ')}`,
        },
      ];
}

const beforeAgreement = ['transmitted', 'conditions-check', 'administering-state-agreed'] as const;

/**
 * Version 1 of the definition, kept for the processes started under it (see definition-versions.ts).
 *
 * Transfer of a sentenced person (UNTOC art. 17) to serve the sentence in another state. The
 * sentencing state requests (the first party slot is the requesting side); each condition —
 * nationality, final judgment, at least six months left, consent, dual criminality — is recorded
 * as a finding by either state; each state then agrees, which is refused while any condition is
 * not recorded as met (the refusal names them); both having agreed, the person is handed over.
 */
export const transferOfSentencedPersonDefinitionV1 = {
  type: 'transfer-of-sentenced-person',
  title: 'Transfer of a sentenced person',
  legalReference: 'UNTOC art. 17',
  parties: ['sentencing', 'administering'],
  initial: 'request',
  states: {
    request: { label: 'Request being prepared', awaiting: 'sentencing' },
    transmitted: { label: 'Request transmitted', awaiting: 'administering' },
    'conditions-check': { label: 'Conditions being checked', awaiting: 'administering' },
    'administering-state-agreed': { label: 'Administering state agreed', awaiting: 'sentencing' },
    agreed: { label: 'Both states agreed', awaiting: 'sentencing' },
    'handover-scheduled': { label: 'Handover scheduled', awaiting: 'administering' },
    transferred: { label: 'Transferred', terminal: true },
    declined: { label: 'Declined', terminal: true },
    withdrawn: { label: 'Withdrawn', terminal: true },
  },
  actions: {
    transmit: {
      label: 'Transmit the request to the administering state',
      from: ['request'],
      to: 'transmitted',
      by: [{ party: 'sentencing' }, { role: 'coordinator' }],
    },
    acknowledge: {
      label: 'Acknowledge receipt',
      from: ['transmitted'],
      to: 'conditions-check',
      by: [{ party: 'administering' }],
    },
    'record-condition': typedAction({
      label: 'Record whether a condition is met, with the evidence',
      from: ['request', ...beforeAgreement],
      by: [{ party: 'sentencing' }, { party: 'administering' }, { role: 'coordinator' }],
      payload: z.object({ condition: z.enum(conditionNames), met: z.boolean(), evidence: required('evidence') }),
      records: (payload) => ({ [conditionFact(payload.condition)]: payload.met }),
    }),
    'agree-administering': {
      label: 'The administering state agrees (every condition met)',
      from: ['conditions-check'],
      to: 'administering-state-agreed',
      by: [{ party: 'administering' }],
      guard: conditionsMet,
    },
    'agree-sentencing': {
      label: 'The sentencing state agrees (every condition met)',
      from: ['administering-state-agreed'],
      to: 'agreed',
      by: [{ party: 'sentencing' }, { role: 'coordinator' }],
      guard: conditionsMet,
    },
    decline: {
      label: 'A state declines the transfer, with reasons',
      from: [...beforeAgreement],
      to: 'declined',
      by: [{ party: 'sentencing' }, { party: 'administering' }, { role: 'coordinator' }],
      payload: z.object({ reasons }),
    },
    'schedule-handover': {
      label: 'Schedule the handover',
      from: ['agreed'],
      to: 'handover-scheduled',
      by: [{ party: 'sentencing' }, { role: 'coordinator' }],
      payload: z.object({ date, place: required('place') }),
    },
    'confirm-handover': {
      label: 'Handover carried out: the administering state continues the enforcement',
      from: ['handover-scheduled'],
      to: 'transferred',
      by: [{ party: 'administering' }],
    },
    withdraw: {
      label: 'Withdraw the request',
      from: ['request', ...beforeAgreement, 'agreed', 'handover-scheduled'],
      to: 'withdrawn',
      by: [{ party: 'sentencing' }, { role: 'coordinator' }],
      payload: z.object({ reasons }),
    },
  },
  deadlines: [
    {
      id: 'agreement',
      label: 'Both states decide on the transfer',
      rule: 'sentenced-person-decision',
      while: beforeAgreement,
      onExpiry: { kind: 'escalate', to: 'sentencing' },
    },
    {
      id: 'handover',
      label: 'Hand the person over',
      rule: 'sentenced-person-handover',
      while: ['agreed', 'handover-scheduled'],
      onExpiry: { kind: 'escalate', to: 'sentencing' },
    },
  ],
  statistics: {
    requestingParty: 'sentencing',
    requestedParty: 'administering',
    receivedAt: ['transmitted'],
    acknowledgedAt: ['conditions-check'],
    decidedAt: ['agreed', 'declined'],
    outcomes: { transferred: 'executed', declined: 'refused', withdrawn: 'withdrawn' },
  },
} as const satisfies ProcessDefinition;
