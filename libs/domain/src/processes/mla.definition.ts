import { z } from 'zod';
import {
  typedAction,
  type Facts,
  type GuardContext,
  type GuardProblem,
  type ProcessDefinition,
} from '../model/process-definition';
import { refusalGroundsOf } from '../legal-basis/refusal-grounds.table';
import {
  CONSULTATION_DEADLINE,
  CONSULTATION_FACT,
  consultationHeld,
  date,
  permittedGround,
  reasons,
  refusalPayload,
  refusalReasons,
  refusalRecord,
  required,
  type ConsultationRecord,
} from './common';

// Postponement (18(25)) and consultation (18(26)) do not restart the clock: the execution deadline runs on.
const beforeExecution = [
  'acknowledged',
  'in-execution',
  'in-partial-execution',
  'further-info-requested',
  'consultation',
  'consulted',
  'conditions-proposed',
  'postponed',
] as const;

/** Where the requested state decides after consulting: on the answer, or once the time to answer ran out. */
const decisionStages = ['consultation', 'consulted'] as const;

/** 18(26): refusing, postponing or granting subject to conditions comes after the consultation. */
function afterConsultation({ snapshot }: GuardContext): GuardProblem[] {
  return consultationHeld(snapshot)
    ? []
    : [
        {
          code: 'PRECONDITION_UNMET',
          detail:
            'the requesting side has not answered the consultation and its time to answer has not run out (18(26))',
        },
      ];
}

const consultationOf = (facts: Facts) => facts[CONSULTATION_FACT] as ConsultationRecord | undefined;
/** The conditions as grant-subject-to-conditions recorded them. */
const conditionsOf = (facts: Facts) => facts['conditions'] as { readonly text: string; readonly status: string };

/**
 * Mutual legal assistance (UNTOC art. 18). The requesting side drafts, has the request translated
 * into a language the requested state accepts (18(14)) and transmits it through its central
 * authority (18(13)); the requested side acknowledges and executes (possibly in partial returns).
 * Before refusing on a ground of 18(21), postponing (18(25)) or granting subject to conditions, it
 * consults the requesting side (18(26)), which gets a task and answers within a deadline; then it
 * grants, grants subject to conditions (which the requesting side accepts or declines), postpones,
 * refuses in part or refuses, each with reasons (18(23)) that the requesting side reads on the
 * process. Grounds per instrument: refusal-grounds.table.ts. Deadlines come from the legal basis.
 * Version 2 (version 1: mla.definition.v1.ts).
 */
export const mlaDefinition = {
  type: 'mla',
  title: 'Mutual legal assistance',
  legalReference: 'UNTOC art. 18',
  parties: ['requesting', 'requested'],
  publicFacts: ['consultation', 'conditions', 'postponement', 'partialRefusal', 'refusal'],
  initial: 'draft',
  states: {
    draft: { label: 'Draft', awaiting: 'requesting' },
    'ca-review': { label: 'Central-authority review and translation', awaiting: 'requesting' },
    transmitted: { label: 'Transmitted', awaiting: 'requested' },
    acknowledged: { label: 'Acknowledged', awaiting: 'requested' },
    'further-info-requested': { label: 'Further information requested', awaiting: 'requesting' },
    'in-execution': { label: 'In execution', awaiting: 'requested' },
    'in-partial-execution': { label: 'In execution (part of the request refused)', awaiting: 'requested' },
    consultation: { label: 'Consultation: the requesting side is asked for its view (18(26))', awaiting: 'requesting' },
    consulted: { label: 'Consulted: the requested side decides', awaiting: 'requested' },
    'conditions-proposed': {
      label: 'Assistance offered subject to conditions (18(26))',
      awaiting: 'requesting',
    },
    postponed: { label: 'Postponed', awaiting: 'requested' },
    executed: { label: 'Executed', terminal: true },
    'partly-executed': { label: 'Executed in part, refused in part', terminal: true },
    refused: { label: 'Refused', terminal: true },
    withdrawn: { label: 'Withdrawn', terminal: true },
  },
  actions: {
    'submit-for-review': {
      label: 'Submit to the central authority',
      from: ['draft'],
      to: 'ca-review',
      by: [{ party: 'requesting' }, { role: 'coordinator' }],
    },
    'return-to-draft': {
      label: 'Return to the drafter',
      from: ['ca-review'],
      to: 'draft',
      by: [{ role: 'coordinator' }],
      payload: z.object({ reasons }),
    },
    'record-translation': typedAction({
      label: 'Record the translation (18(14))',
      from: ['ca-review'],
      by: [{ party: 'requesting' }, { role: 'coordinator' }],
      payload: z.object({ language: z.string().regex(/^[a-z]{2}$/, 'an ISO 639-1 code such as en') }),
      guard: ({ payload, basis }) =>
        basis.languages.includes(payload.language)
          ? []
          : [
              {
                code: 'NOT_PERMITTED_BY_LEGAL_BASIS',
                detail: `${basis.id} requests are accepted in ${basis.languages.join(', ')}, not '${payload.language}'`,
              },
            ],
      records: (payload) => ({ translation: payload.language }),
    }),
    transmit: {
      label: 'Transmit to the requested state',
      from: ['ca-review'],
      to: 'transmitted',
      by: [{ party: 'requesting' }, { role: 'coordinator' }],
      guard: ({ snapshot }) =>
        snapshot.facts['translation'] || snapshot.priority === 'urgent'
          ? []
          : [{ code: 'PRECONDITION_UNMET', detail: 'a translation into an accepted language must be recorded first' }],
    },
    acknowledge: {
      label: 'Acknowledge receipt',
      from: ['transmitted'],
      to: 'acknowledged',
      by: [{ party: 'requested' }],
    },
    'request-further-info': {
      label: 'Ask the requesting side for further information',
      from: ['acknowledged', 'in-execution'],
      to: 'further-info-requested',
      by: [{ party: 'requested' }],
      payload: z.object({ questions: z.string().trim().min(1, 'questions are required') }),
    },
    'provide-further-info': {
      label: 'Provide the information asked for',
      from: ['further-info-requested'],
      to: 'acknowledged',
      by: [{ party: 'requesting' }, { role: 'coordinator' }],
    },
    'start-execution': {
      label: 'Start execution',
      from: ['acknowledged'],
      to: 'in-execution',
      by: [{ party: 'requested' }],
    },
    'return-partial': {
      label: 'Return part of the evidence',
      from: ['in-execution', 'in-partial-execution'],
      by: [{ party: 'requested' }],
      payload: z.object({ description: z.string().trim().min(1, 'description is required') }),
    },
    consult: typedAction({
      label: 'Consult the requesting side before refusing, postponing or setting conditions (18(26))',
      from: ['acknowledged', 'in-execution'],
      to: 'consultation',
      by: [{ party: 'requested' }],
      payload: z.object({
        intended: z.enum(['refusal', 'partial-refusal', 'postponement', 'conditions']),
        ground: required('ground').optional(),
        reasons: refusalReasons,
      }),
      // A ground named in the consultation is one a refusal could use; the refusal itself is checked again.
      guard: ({ payload: { ground }, basis, snapshot }) => {
        const permitted = Object.keys(refusalGroundsOf(basis.id, snapshot.type).grounds);
        return ground === undefined || permitted.includes(ground)
          ? []
          : [
              {
                code: 'NOT_PERMITTED_BY_LEGAL_BASIS',
                detail: `payload.ground '${ground}' is not permitted by ${basis.id} for mla (permitted: ${permitted.join(', ')})`,
              },
            ];
      },
      records: ({ intended, reasons, ground }): { consultation: ConsultationRecord } => ({
        consultation: { intended, reasons, ...(ground !== undefined ? { ground } : {}), status: 'awaiting-answer' },
      }),
    }),
    'answer-consultation': typedAction({
      label: 'Answer the consultation: the requesting side’s view (e.g. more information, narrower scope)',
      from: ['consultation'],
      to: 'consulted',
      by: [{ party: 'requesting' }, { role: 'coordinator' }],
      payload: z.object({ answer: required('answer') }),
      records: (payload, facts) => ({
        consultation: { ...consultationOf(facts), status: 'answered', answer: payload.answer },
      }),
    }),
    'resume-execution': {
      label: 'Grant: resume execution',
      from: [...decisionStages, 'postponed'],
      to: 'in-execution',
      by: [{ party: 'requested' }],
    },
    'grant-subject-to-conditions': typedAction({
      label: 'Grant subject to conditions (18(26))',
      from: [...decisionStages],
      to: 'conditions-proposed',
      by: [{ party: 'requested' }],
      payload: z.object({ conditions: required('conditions') }),
      guard: afterConsultation,
      records: (payload) => ({ conditions: { text: payload.conditions, status: 'proposed' } }),
    }),
    'accept-conditions': {
      label: 'Accept the assistance subject to the conditions (then bound by them, 18(26))',
      from: ['conditions-proposed'],
      to: 'in-execution',
      by: [{ party: 'requesting' }, { role: 'coordinator' }],
      records: (_, facts) => ({ conditions: { ...conditionsOf(facts), status: 'accepted' } }),
    },
    'decline-conditions': typedAction({
      label: 'Decline the conditions (the requested side then decides again)',
      from: ['conditions-proposed'],
      to: 'consulted',
      by: [{ party: 'requesting' }, { role: 'coordinator' }],
      payload: z.object({ reasons }),
      records: (payload, facts) => ({
        conditions: { ...conditionsOf(facts), status: 'declined', reasons: payload.reasons },
      }),
    }),
    postpone: typedAction({
      label: 'Postpone execution: it would interfere with an investigation or proceedings (18(25))',
      from: [...decisionStages],
      to: 'postponed',
      by: [{ party: 'requested' }],
      payload: z.object({ reasons: refusalReasons, until: date.optional() }),
      guard: afterConsultation,
      records: (payload) => ({ postponement: { reasons: payload.reasons, until: payload.until } }),
    }),
    'refuse-in-part': typedAction({
      label: 'Refuse part of the request on a permitted ground and execute the rest (18(21), 18(23))',
      from: [...decisionStages],
      to: 'in-partial-execution',
      by: [{ party: 'requested' }],
      payload: refusalPayload.extend({ part: required('part') }),
      guard: permittedGround,
      records: (payload, _, snapshot) => ({
        partialRefusal: { part: payload.part, ...refusalRecord(snapshot.legalBasis, snapshot.type, payload) },
      }),
    }),
    refuse: typedAction({
      label: 'Refuse on a permitted ground, with reasons (18(21), 18(23))',
      // 18(9) (dual criminality) needs no consultation; the grounds of 18(21) do (the guard says which).
      from: ['acknowledged', 'in-execution', ...decisionStages],
      to: 'refused',
      by: [{ party: 'requested' }],
      payload: refusalPayload,
      guard: permittedGround,
      records: (payload, _, snapshot) => ({ refusal: refusalRecord(snapshot.legalBasis, snapshot.type, payload) }),
    }),
    'complete-execution': {
      label: 'Execution complete',
      from: ['in-execution'],
      to: 'executed',
      by: [{ party: 'requested' }],
    },
    'complete-partial-execution': {
      label: 'Execution of the part not refused complete',
      from: ['in-partial-execution'],
      to: 'partly-executed',
      by: [{ party: 'requested' }],
    },
    withdraw: {
      label: 'Withdraw the request',
      from: ['draft', 'ca-review', 'transmitted', ...beforeExecution],
      to: 'withdrawn',
      by: [{ party: 'requesting' }, { role: 'coordinator' }],
      payload: z.object({ reasons }),
    },
  },
  deadlines: [
    {
      id: 'translation',
      label: 'Translate into an accepted language and transmit',
      rule: 'translation',
      while: ['ca-review'],
      onExpiry: { kind: 'escalate', to: 'requesting' },
    },
    {
      id: 'recognition',
      label: 'Acknowledge (recognise) the request',
      rule: 'mla-recognition',
      while: ['transmitted'],
      onExpiry: { kind: 'escalate', to: 'requesting' },
    },
    {
      id: CONSULTATION_DEADLINE,
      label: 'Answer the consultation (18(26))',
      rule: 'mla-consultation',
      while: ['consultation'],
      // The requested side may decide once the time to answer has run out: it is told so.
      onExpiry: { kind: 'escalate', to: 'requested' },
    },
    {
      id: 'execution',
      label: 'Execute the request',
      rule: 'mla-execution',
      while: beforeExecution,
      onExpiry: { kind: 'escalate', to: 'requesting' },
    },
  ],
  statistics: {
    requestingParty: 'requesting',
    requestedParty: 'requested',
    receivedAt: ['transmitted'],
    acknowledgedAt: ['acknowledged'],
    decidedAt: ['in-execution', 'in-partial-execution', 'refused'],
    outcomes: {
      executed: 'executed',
      'partly-executed': 'partly-executed',
      refused: 'refused',
      withdrawn: 'withdrawn',
    },
  },
} as const satisfies ProcessDefinition;
