import { z } from 'zod';
import { typedAction, type GuardProblem, type ProcessDefinition } from '../model/process-definition';
import type { ProcessSnapshot } from '../model/process-state';
import { reasons, required } from './common';

/** The fact a member agency is recorded under (its role in the task force). */
export const memberFact = (agencyId: string): string => `member:${agencyId}`;

/** The fact a result attached to the case is recorded under (what kind of request it answers). */
export const resultFact = (reference: string): string => `result:${reference}`;

const isMember = (snapshot: ProcessSnapshot, agencyId: string) => snapshot.facts[memberFact(agencyId)] !== undefined;

function memberNamed<F extends string>(field: F) {
  return ({ payload, snapshot }: { payload: Readonly<Record<F, string>>; snapshot: ProcessSnapshot }) => {
    const agencyId = payload[field];
    return isMember(snapshot, agencyId)
      ? []
      : [{ code: 'PRECONDITION_UNMET', detail: `'${agencyId}' is not a member of the task force` } as GuardProblem];
  };
}

// The API's identifier rule for agency ids.
const agencyId = z
  .string()
  .trim()
  .min(1, 'an agency id is required')
  .max(100)
  .regex(/^[A-Za-z0-9._:-]+$/, 'letters, digits and . _ : - only');

/**
 * A domestic task force (national coordination of agencies against a smuggling network; FATF
 * R.2, R.31). The national coordination body sets it up and records its member agencies; it
 * relays information requests between members, and sends money-trace requests to the FIU, which
 * asks a financial institution or money-value transfer service for records. Each request runs
 * against a deadline; every result is recorded by reference and reaches the case with its event.
 * One request is outstanding at a time: a new one follows the answer to the last.
 */
export const domesticTaskforceDefinition = {
  type: 'domestic-taskforce',
  title: 'Domestic task force',
  legalReference: 'Domestic law (national coordination; FATF R.2, R.31)',
  parties: ['coordination', 'fiu', 'institution'],
  // A national task force: its members are agencies of one state.
  betweenStates: false,
  initial: 'setup',
  states: {
    setup: { label: 'Being set up', awaiting: 'coordination' },
    active: { label: 'Active', awaiting: 'coordination' },
    'information-requested': { label: 'Information requested from a member', awaiting: 'coordination' },
    'money-trace-at-fiu': { label: 'Money trace at the FIU', awaiting: 'fiu' },
    'money-trace-at-institution': { label: 'Records requested from a financial institution', awaiting: 'institution' },
    closed: { label: 'Closed', terminal: true },
  },
  actions: {
    'add-member': typedAction({
      label: 'Add a member agency',
      from: ['setup', 'active'],
      by: [{ party: 'coordination' }, { role: 'coordinator' }],
      payload: z.object({
        agencyId,
        role: z.enum(['police', 'prosecutor', 'border-guard', 'immigration', 'customs', 'fiu', 'tax', 'other']),
      }),
      records: (payload) => ({ [memberFact(payload.agencyId)]: payload.role }),
    }),
    activate: {
      label: 'Start work (terms of reference agreed)',
      from: ['setup'],
      to: 'active',
      by: [{ party: 'coordination' }, { role: 'coordinator' }],
      guard: ({ snapshot }) =>
        Object.keys(snapshot.facts).some((fact) => fact.startsWith(memberFact('')))
          ? []
          : [{ code: 'PRECONDITION_UNMET', detail: 'at least one member agency must be added first' }],
    },
    'request-information': typedAction({
      label: 'Request information from a member',
      from: ['active'],
      to: 'information-requested',
      by: [{ party: 'coordination' }, { role: 'coordinator' }],
      payload: z.object({ member: agencyId, questions: required('questions') }),
      guard: memberNamed('member'),
    }),
    'record-information': typedAction({
      label: 'Record the member’s answer (attached to the case)',
      from: ['information-requested'],
      to: 'active',
      by: [{ party: 'coordination' }, { role: 'coordinator' }],
      payload: z.object({ member: agencyId, reference: required('reference'), summary: required('summary') }),
      guard: memberNamed('member'),
      records: (payload) => ({ [resultFact(payload.reference)]: 'information' }),
    }),
    'request-money-trace': {
      label: 'Ask the FIU to trace the money',
      from: ['active'],
      to: 'money-trace-at-fiu',
      by: [{ party: 'coordination' }, { role: 'coordinator' }],
      payload: z.object({ subjects: required('subjects') }),
    },
    'request-institution-records': {
      label: 'The FIU asks a financial institution or MVTS for records',
      from: ['money-trace-at-fiu'],
      to: 'money-trace-at-institution',
      by: [{ party: 'fiu' }],
      payload: z.object({
        institutionKind: z.enum(['bank', 'mvts', 'payment-institution', 'virtual-asset-provider']),
        scope: required('scope'),
      }),
    },
    'return-records': {
      label: 'The institution returns the records',
      from: ['money-trace-at-institution'],
      to: 'money-trace-at-fiu',
      by: [{ party: 'institution' }],
      payload: z.object({ reference: required('reference') }),
    },
    'report-money-trace': typedAction({
      label: 'The FIU reports the money trace (attached to the case)',
      from: ['money-trace-at-fiu'],
      to: 'active',
      by: [{ party: 'fiu' }],
      payload: z.object({ reference: required('reference'), summary: required('summary') }),
      records: (payload) => ({ [resultFact(payload.reference)]: 'money-trace' }),
    }),
    close: {
      label: 'Close the task force',
      from: ['setup', 'active'],
      to: 'closed',
      by: [{ party: 'coordination' }, { role: 'coordinator' }],
      payload: z.object({ reasons }),
    },
  },
  deadlines: [
    {
      id: 'member-information',
      label: 'The member answers the information request',
      rule: 'taskforce-information',
      while: ['information-requested'],
      onExpiry: { kind: 'escalate', to: 'coordination' },
    },
    {
      id: 'money-trace',
      label: 'The FIU reports the money trace',
      rule: 'money-trace',
      while: ['money-trace-at-fiu', 'money-trace-at-institution'],
      onExpiry: { kind: 'escalate', to: 'coordination' },
    },
    {
      id: 'institution-records',
      label: 'The institution returns the records',
      rule: 'institution-records',
      while: ['money-trace-at-institution'],
      onExpiry: { kind: 'escalate', to: 'fiu' },
    },
  ],
  statistics: {
    requestingParty: 'coordination',
    requestedParty: 'fiu',
    acknowledgedAt: ['active'],
    decidedAt: ['active'],
    outcomes: { closed: 'closed' },
    counts: {
      'money-traces': ['money-trace-at-fiu'],
      'institution-requests': ['money-trace-at-institution'],
    },
  },
} as const satisfies ProcessDefinition;
