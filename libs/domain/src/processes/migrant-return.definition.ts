import { z } from 'zod';
import { typedAction, type ProcessDefinition } from '../model/process-definition';
import { date, reasons, required } from './common';

const beforeReturn = [
  'verification-requested',
  'verified',
  'documents-issued',
  'return-scheduled',
  'suspended',
] as const;

/**
 * Return of a smuggled migrant (Smuggling of Migrants Protocol art. 18). The state where the
 * migrant is asks the state of nationality or permanent residence to verify that status without
 * unreasonable delay (18(3)), which then issues the travel documents needed (18(4)); the return is
 * carried out in an orderly manner, with due regard for the person's safety and dignity (18(5)).
 * A return may be suspended (e.g. a protection claim, art. 19) and resumed or cancelled.
 */
export const migrantReturnDefinition = {
  type: 'migrant-return',
  title: 'Return of a smuggled migrant',
  legalReference: 'Smuggling of Migrants Protocol art. 18',
  parties: ['requesting', 'origin'],
  initial: 'verification-requested',
  states: {
    'verification-requested': { label: 'Nationality or residence verification requested', awaiting: 'origin' },
    verified: { label: 'Nationality or residence verified', awaiting: 'origin' },
    'documents-issued': { label: 'Travel documents issued', awaiting: 'requesting' },
    'return-scheduled': { label: 'Return scheduled', awaiting: 'origin' },
    suspended: { label: 'Return suspended', awaiting: 'requesting' },
    returned: { label: 'Returned', terminal: true },
    'not-verified': { label: 'Nationality or residence not confirmed', terminal: true },
    cancelled: { label: 'Cancelled', terminal: true },
  },
  actions: {
    'confirm-status': typedAction({
      label: 'Confirm the person is a national or permanent resident (18(3))',
      from: ['verification-requested'],
      to: 'verified',
      by: [{ party: 'origin' }],
      payload: z.object({ status: z.enum(['national', 'permanent-resident']) }),
      records: (payload) => ({ status: payload.status }),
    }),
    'deny-status': {
      label: 'Not a national or permanent resident, with reasons',
      from: ['verification-requested'],
      to: 'not-verified',
      by: [{ party: 'origin' }],
      payload: z.object({ reasons }),
    },
    'issue-travel-documents': {
      label: 'Issue the travel documents needed to return (18(4))',
      from: ['verified'],
      to: 'documents-issued',
      by: [{ party: 'origin' }],
      payload: z.object({
        document: z.enum(['passport', 'laissez-passer', 'emergency-travel-document']),
        reference: required('reference'),
      }),
    },
    'schedule-return': {
      label: 'Schedule the return (date, means, escort)',
      from: ['documents-issued'],
      to: 'return-scheduled',
      by: [{ party: 'requesting' }, { role: 'coordinator' }],
      payload: z.object({ date, arrangements: required('arrangements') }),
    },
    'confirm-arrival': {
      label: 'The person arrived and was received (18(5))',
      from: ['return-scheduled'],
      to: 'returned',
      by: [{ party: 'origin' }],
    },
    suspend: {
      label: 'Suspend the return (e.g. a protection claim), with reasons',
      from: ['verified', 'documents-issued', 'return-scheduled'],
      to: 'suspended',
      by: [{ party: 'requesting' }, { role: 'coordinator' }],
      payload: z.object({ reasons }),
    },
    resume: {
      label: 'Resume the return',
      from: ['suspended'],
      to: 'documents-issued',
      by: [{ party: 'requesting' }, { role: 'coordinator' }],
    },
    cancel: {
      label: 'Cancel the return (e.g. protection granted), with reasons',
      from: beforeReturn,
      to: 'cancelled',
      by: [{ party: 'requesting' }, { role: 'coordinator' }],
      payload: z.object({ reasons }),
    },
  },
  deadlines: [
    {
      id: 'status-verification',
      label: 'Verify nationality or residence without unreasonable delay',
      rule: 'return-status-verification',
      while: ['verification-requested'],
      onExpiry: { kind: 'escalate', to: 'requesting' },
    },
    {
      id: 'travel-documents',
      label: 'Issue the travel documents',
      rule: 'return-travel-documents',
      while: ['verified'],
      onExpiry: { kind: 'escalate', to: 'requesting' },
    },
  ],
  statistics: {
    requestingParty: 'requesting',
    requestedParty: 'origin',
    acknowledgedAt: ['verified', 'not-verified'],
    decidedAt: ['verified', 'not-verified'],
    outcomes: { returned: 'executed', 'not-verified': 'refused', cancelled: 'withdrawn' },
    counts: { 'returns-suspended': ['suspended'] },
  },
} as const satisfies ProcessDefinition;
