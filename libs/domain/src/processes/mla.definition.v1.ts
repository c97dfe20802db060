import { z } from 'zod';
import { typedAction, type ProcessDefinition } from '../model/process-definition';
import { groundInTable, reasons } from './common';

// Postponement (18(25)) does not restart the clock: the execution deadline runs on through it.
const beforeExecution = [
  'acknowledged',
  'in-execution',
  'further-info-requested',
  'consultation',
  'postponed',
] as const;

/**
 * Version 1 of the MLA definition, kept for the processes started under it (see
 * definition-versions.ts).
 *
 * Mutual legal assistance (UNTOC art. 18). The requesting side drafts, has the request translated
 * into a language the requested state accepts (18(14)) and transmits it through its central
 * authority (18(13)); the requested side acknowledges, executes (possibly in partial returns) or,
 * after consulting the requesting side (18(26)), refuses on a permitted ground with reasons
 * (18(21), 18(23)) or postpones (18(25)). Deadlines come from the legal basis.
 */
export const mlaDefinitionV1 = {
  type: 'mla',
  title: 'Mutual legal assistance',
  legalReference: 'UNTOC art. 18',
  parties: ['requesting', 'requested'],
  initial: 'draft',
  states: {
    draft: { label: 'Draft', awaiting: 'requesting' },
    'ca-review': { label: 'Central-authority review and translation', awaiting: 'requesting' },
    transmitted: { label: 'Transmitted', awaiting: 'requested' },
    acknowledged: { label: 'Acknowledged', awaiting: 'requested' },
    'further-info-requested': { label: 'Further information requested', awaiting: 'requesting' },
    'in-execution': { label: 'In execution', awaiting: 'requested' },
    consultation: { label: 'Consultation before refusal or postponement', awaiting: 'requested' },
    postponed: { label: 'Postponed', awaiting: 'requested' },
    executed: { label: 'Executed', terminal: true },
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
      from: ['in-execution'],
      by: [{ party: 'requested' }],
      payload: z.object({ description: z.string().trim().min(1, 'description is required') }),
    },
    consult: {
      label: 'Consult the requesting side before refusing or postponing (18(26))',
      from: ['acknowledged', 'in-execution'],
      to: 'consultation',
      by: [{ party: 'requested' }],
      payload: z.object({ intended: z.enum(['refusal', 'postponement']), reasons }),
    },
    'resume-execution': {
      label: 'Resume execution',
      from: ['consultation', 'postponed'],
      to: 'in-execution',
      by: [{ party: 'requested' }],
    },
    postpone: {
      label: 'Postpone execution (18(25))',
      from: ['consultation'],
      to: 'postponed',
      by: [{ party: 'requested' }],
      payload: z.object({ reasons }),
    },
    refuse: typedAction({
      label: 'Refuse on a permitted ground, with reasons (18(21), 18(23))',
      from: ['consultation'],
      to: 'refused',
      by: [{ party: 'requested' }],
      payload: z.object({ ground: z.string().trim().min(1, 'a coded ground is required'), reasons }),
      guard: groundInTable,
    }),
    'complete-execution': {
      label: 'Execution complete',
      from: ['in-execution'],
      to: 'executed',
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
    decidedAt: ['in-execution', 'refused'],
    outcomes: { executed: 'executed', refused: 'refused', withdrawn: 'withdrawn' },
  },
} as const satisfies ProcessDefinition;
