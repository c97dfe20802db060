import { z } from 'zod';
import { typedAction, type ProcessDefinition } from '../model/process-definition';
import { reasons, required } from './common';

export const ProtectionNeeds = [
  'shelter',
  'medical',
  'legal-aid',
  'psychosocial',
  'child-protection',
  'interpretation',
  'consular',
] as const;

/**
 * Protection and assistance (Smuggling of Migrants Protocol art. 16): a smuggled migrant
 * identified in a case is referred to a protection or assistance provider — a government service
 * or an NGO — for the needs found (shelter, medical care, legal aid, a child's protection …). The
 * provider accepts or declines; an accepted referral is followed until its outcome is recorded.
 * A declined referral ends: a new referral goes to another provider.
 */
export const protectionReferralDefinition = {
  type: 'protection-referral',
  title: 'Protection and assistance referral',
  legalReference: 'Smuggling of Migrants Protocol art. 16',
  parties: ['referring', 'provider'],
  // A provider is often at home (a national service or NGO).
  betweenStates: false,
  initial: 'identified',
  states: {
    identified: { label: 'Migrant identified; needs being assessed', awaiting: 'referring' },
    referred: { label: 'Referred to the provider', awaiting: 'provider' },
    assisting: { label: 'Being assisted', awaiting: 'provider' },
    closed: { label: 'Closed with an outcome', terminal: true },
    declined: { label: 'Declined by the provider', terminal: true },
    withdrawn: { label: 'Withdrawn', terminal: true },
  },
  actions: {
    refer: typedAction({
      label: 'Refer to the provider, with the needs found',
      from: ['identified'],
      to: 'referred',
      by: [{ party: 'referring' }, { role: 'coordinator' }],
      payload: z.object({
        providerKind: z.enum(['government-service', 'ngo', 'international-organisation']),
        needs: z.array(z.enum(ProtectionNeeds)).min(1, 'at least one need is required'),
      }),
      records: (payload) => ({ providerKind: payload.providerKind, needs: payload.needs }),
    }),
    accept: {
      label: 'The provider takes the person in',
      from: ['referred'],
      to: 'assisting',
      by: [{ party: 'provider' }],
    },
    decline: {
      label: 'The provider declines (e.g. no capacity), with reasons',
      from: ['referred'],
      to: 'declined',
      by: [{ party: 'provider' }],
      payload: z.object({ reasons }),
    },
    'report-progress': {
      label: 'Report on the assistance given',
      from: ['assisting'],
      by: [{ party: 'provider' }],
      payload: z.object({ summary: required('summary') }),
    },
    'record-outcome': typedAction({
      label: 'Record the outcome and close',
      from: ['assisting'],
      to: 'closed',
      by: [{ party: 'provider' }, { party: 'referring' }, { role: 'coordinator' }],
      payload: z.object({
        outcome: z.enum([
          'assistance-completed',
          'transferred-to-another-provider',
          'protection-granted',
          'returned-home',
          'left-the-programme',
          'contact-lost',
        ]),
        summary: required('summary'),
      }),
      records: (payload) => ({ outcome: payload.outcome }),
    }),
    withdraw: {
      label: 'Withdraw the referral',
      from: ['identified', 'referred'],
      to: 'withdrawn',
      by: [{ party: 'referring' }, { role: 'coordinator' }],
      payload: z.object({ reasons }),
    },
  },
  deadlines: [
    {
      id: 'provider-response',
      label: 'The provider accepts or declines',
      rule: 'protection-response',
      while: ['referred'],
      onExpiry: { kind: 'escalate', to: 'referring' },
    },
    {
      id: 'outcome',
      label: 'Report the outcome of the assistance',
      rule: 'protection-follow-up',
      while: ['assisting'],
      onExpiry: { kind: 'escalate', to: 'referring' },
    },
  ],
  statistics: {
    requestingParty: 'referring',
    requestedParty: 'provider',
    receivedAt: ['referred'],
    acknowledgedAt: ['assisting', 'declined'],
    decidedAt: ['assisting', 'declined'],
    outcomes: { closed: 'executed', declined: 'refused', withdrawn: 'withdrawn' },
  },
} as const satisfies ProcessDefinition;
