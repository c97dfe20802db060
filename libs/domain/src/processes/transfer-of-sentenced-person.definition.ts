import { z } from 'zod';
import { typedAction, type GuardContext, type GuardProblem, type ProcessDefinition } from '../model/process-definition';
import { date, reasons, required } from './common';
import {
  TransferConditions,
  conditionFact,
  conditionsOf,
  exceptionFact,
  type TransferCondition,
} from './transfer-conditions';

type StateParty = 'sentencing' | 'administering';
const MINIMUM_MONTHS_LEFT = 6;

const finding = { evidence: required('evidence') };
type FoundCondition = Exclude<TransferCondition, 'six-months-left'>;
const otherConditions = (Object.keys(TransferConditions) as TransferCondition[]).filter(
  (c): c is FoundCondition => c !== 'six-months-left',
) as [FoundCondition, ...FoundCondition[]];
/** Months left are given as a number and the finding follows from it; the other conditions are met or not. */
const conditionFinding = z.discriminatedUnion('condition', [
  z.object({ condition: z.literal('six-months-left'), remainingMonths: z.number().min(0).max(1200), ...finding }),
  z.object({ condition: z.enum(otherConditions), met: z.boolean(), ...finding }),
]);

/** The party slot of the agency taking the action (a state's own agency), if any. */
function actingParty({ actor, snapshot }: GuardContext<unknown>): StateParty | undefined {
  return (['sentencing', 'administering'] as const).find(
    (slot) => actor.agencyId !== undefined && snapshot.parties[slot]?.agencyId === actor.agencyId,
  );
}

/** Each state records only the conditions it answers for; the problem names whose they are. */
function ownCondition(context: GuardContext<{ readonly condition: TransferCondition }>): GuardProblem[] {
  if (context.actor.role === 'admin') return []; // the platform's administrator, audited like anyone
  const { condition } = context.payload;
  const responsible = TransferConditions[condition].by;
  return actingParty(context) === responsible
    ? []
    : [
        {
          code: 'PRECONDITION_UNMET',
          detail: `payload.condition '${condition}' is for the ${responsible} state to record (it may record: ${conditionsOf(responsible).join(', ')})`,
        },
      ];
}

/** A state consents to the exception only for itself. */
function ownConsent(context: GuardContext<{ readonly party: StateParty }>): GuardProblem[] {
  if (context.actor.role === 'admin') return [];
  const { party } = context.payload;
  return actingParty(context) === party
    ? []
    : [
        {
          code: 'PRECONDITION_UNMET',
          detail: `payload.party '${party}': only that state's own agency consents for it`,
        },
      ];
}

const isMet = (facts: Readonly<Record<string, unknown>>, condition: TransferCondition): boolean =>
  facts[conditionFact(condition)] === true ||
  (condition === 'six-months-left' &&
    facts[exceptionFact('sentencing')] === true &&
    facts[exceptionFact('administering')] === true);

/** A state may agree only once every condition is recorded as met; the problem lists the others. */
function conditionsMet({ snapshot }: GuardContext): GuardProblem[] {
  const unmet = (Object.keys(TransferConditions) as TransferCondition[]).filter((c) => !isMet(snapshot.facts, c));
  return unmet.length === 0
    ? []
    : [
        {
          code: 'PRECONDITION_UNMET',
          detail: `conditions not recorded as met: ${unmet.map((c) => `${c} (${TransferConditions[c].meaning}, recorded by the ${TransferConditions[c].by} state)`).join(', ')}`,
        },
      ];
}

const beforeAgreement = ['transmitted', 'conditions-check', 'administering-state-agreed'] as const;

/**
 * Transfer of a sentenced person (UNTOC art. 17; CoE 1983 Convention) to serve the sentence in
 * another state. The sentencing state requests (the first party slot is the requesting side); each
 * condition — nationality, final judgment, at least six months left (given in months), consent,
 * dual criminality — is recorded by the state that answers for it, never by the other; with less
 * than six months left both states may agree to the transfer all the same (art. 3(2)), each
 * recording its consent. Each state then agrees, which is refused while any condition is not met
 * (the refusal names them and who records them); both having agreed, the person is handed over.
 * Version 2 (version 1: transfer-of-sentenced-person.definition.v1.ts).
 */
export const transferOfSentencedPersonDefinition = {
  type: 'transfer-of-sentenced-person',
  title: 'Transfer of a sentenced person',
  legalReference: 'UNTOC art. 17',
  parties: ['sentencing', 'administering'],
  publicFacts: [
    ...(Object.keys(TransferConditions) as TransferCondition[]).map(conditionFact),
    'remainingMonths',
    exceptionFact('sentencing'),
    exceptionFact('administering'),
  ],
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
      label: 'Record whether a condition the state answers for is met, with the evidence',
      from: ['request', ...beforeAgreement],
      by: [{ party: 'sentencing' }, { party: 'administering' }],
      payload: conditionFinding,
      guard: ownCondition,
      records: (payload) =>
        payload.condition === 'six-months-left'
          ? {
              [conditionFact(payload.condition)]: payload.remainingMonths >= MINIMUM_MONTHS_LEFT,
              remainingMonths: payload.remainingMonths,
            }
          : { [conditionFact(payload.condition)]: payload.met },
    }),
    'agree-short-sentence-exception': typedAction({
      label: 'Agree to the transfer although less than six months remain (CoE 1983 art. 3(2))',
      from: ['request', ...beforeAgreement],
      by: [{ party: 'sentencing' }, { party: 'administering' }],
      payload: z.object({ party: z.enum(['sentencing', 'administering']), reasons }),
      guard: ownConsent,
      records: (payload) => ({ [exceptionFact(payload.party)]: true }),
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
