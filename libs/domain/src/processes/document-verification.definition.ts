import { z } from 'zod';
import { typedAction, type ProcessDefinition } from '../model/process-definition';
import { reasons, required } from './common';

const unanswered = ['sent', 'under-verification', 'further-details-requested'] as const;

/**
 * Verification of a travel or identity document (Smuggling of Migrants Protocol art. 13): the
 * state whose name the document bears is asked to verify, within a reasonable time, whether it
 * issued it and whether it is legitimate and valid. The deadline runs on while the issuing state
 * asks for further details (a copy, the holder's data); an overdue request escalates.
 */
export const documentVerificationDefinition = {
  type: 'document-verification',
  title: 'Travel-document verification',
  legalReference: 'Smuggling of Migrants Protocol art. 13',
  parties: ['requesting', 'issuing'],
  initial: 'sent',
  states: {
    sent: { label: 'Request sent to the issuing state', awaiting: 'issuing' },
    'under-verification': { label: 'Being verified', awaiting: 'issuing' },
    'further-details-requested': { label: 'Further details requested', awaiting: 'requesting' },
    verified: { label: 'Verified: genuine and valid', terminal: true },
    'not-verified': { label: 'Not verified: not genuine or not valid', terminal: true },
    withdrawn: { label: 'Withdrawn', terminal: true },
  },
  actions: {
    acknowledge: {
      label: 'Acknowledge receipt',
      from: ['sent'],
      to: 'under-verification',
      by: [{ party: 'issuing' }],
    },
    'request-further-details': {
      label: 'Ask for further details (a copy, the holder’s data)',
      from: ['under-verification'],
      to: 'further-details-requested',
      by: [{ party: 'issuing' }],
      payload: z.object({ questions: required('questions') }),
    },
    'provide-further-details': {
      label: 'Provide the details asked for',
      from: ['further-details-requested'],
      to: 'under-verification',
      by: [{ party: 'requesting' }, { role: 'coordinator' }],
    },
    'confirm-genuine': {
      label: 'Confirm the document was issued by this state and is valid',
      from: ['sent', 'under-verification'],
      to: 'verified',
      by: [{ party: 'issuing' }],
    },
    'report-not-genuine': typedAction({
      label: 'Report the document not genuine or not valid, with the finding',
      from: ['sent', 'under-verification'],
      to: 'not-verified',
      by: [{ party: 'issuing' }],
      payload: z.object({
        finding: z.enum(['counterfeit', 'falsified', 'not-issued', 'revoked-or-expired', 'used-by-impostor']),
        details: required('details'),
      }),
      records: (payload) => ({ finding: payload.finding }),
    }),
    withdraw: {
      label: 'Withdraw the request',
      from: unanswered,
      to: 'withdrawn',
      by: [{ party: 'requesting' }, { role: 'coordinator' }],
      payload: z.object({ reasons }),
    },
  },
  deadlines: [
    {
      id: 'verification',
      label: 'Answer whether the document is genuine and valid',
      rule: 'document-verification',
      while: unanswered,
      onExpiry: { kind: 'escalate', to: 'requesting' },
    },
  ],
  statistics: {
    requestingParty: 'requesting',
    requestedParty: 'issuing',
    acknowledgedAt: ['under-verification'],
    decidedAt: ['verified', 'not-verified'],
    outcomes: { verified: 'executed', 'not-verified': 'executed', withdrawn: 'withdrawn' },
    counts: { 'documents-not-genuine': ['not-verified'] },
  },
} as const satisfies ProcessDefinition;
