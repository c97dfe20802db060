import { z } from 'zod';
import { typedAction, type ProcessDefinition } from '../model/process-definition';
import { permittedGround, reasons, refusalPayload, required } from './common';

const open = ['sent', 'in-progress', 'answered'] as const;

/**
 * Whether the requested information is held in the requested authority's own databases (directly
 * accessible) or must be obtained from other authorities or private parties (indirectly
 * accessible): Dir. 2023/977 art. 2(5)-(6), on which its art. 5(1) time limits depend.
 */
export const InformationAccessibility = ['directly-accessible', 'indirectly-accessible'] as const;
export type InformationAccessibility = (typeof InformationAccessibility)[number];

/**
 * Law-enforcement cooperation (UNTOC art. 27): an informal police-to-police or FIU-to-FIU
 * information request, answered within the deadline the legal basis sets for its priority (e.g.
 * 8 hours urgent, 7 days normal) and, under Dir. 2023/977, for the accessibility the request
 * declares (urgent: 8 hours if directly accessible, 3 days if indirectly; otherwise 7 days). Information exchanged informally often lays the ground for a
 * formal request: `promote-to-mla` ends the exchange, records the reference and starts the formal
 * MLA in the same case, between the same two parties (under UNTOC when the exchange's basis, e.g.
 * Directive 2023/977, does not apply to MLA); the MLA's start data names the exchange it came from.
 */
export const lawEnforcementExchangeDefinition = {
  type: 'law-enforcement-exchange',
  title: 'Law-enforcement information exchange',
  legalReference: 'UNTOC art. 27',
  parties: ['requesting', 'requested'],
  // Required where the legal basis's answer deadline depends on it (Dir. 2023/977).
  startData: z.object({ accessibility: z.enum(InformationAccessibility).optional() }),
  initial: 'sent',
  states: {
    sent: { label: 'Request sent', awaiting: 'requested' },
    'in-progress': { label: 'Being answered', awaiting: 'requested' },
    answered: { label: 'Answered', awaiting: 'requesting' },
    completed: { label: 'Completed', terminal: true },
    declined: { label: 'Declined', terminal: true },
    'promoted-to-mla': { label: 'Promoted to a formal MLA request', terminal: true },
    withdrawn: { label: 'Withdrawn', terminal: true },
  },
  actions: {
    acknowledge: {
      label: 'Acknowledge receipt',
      from: ['sent'],
      to: 'in-progress',
      by: [{ party: 'requested' }],
    },
    answer: {
      label: 'Answer with the information found',
      from: ['sent', 'in-progress'],
      to: 'answered',
      by: [{ party: 'requested' }],
      payload: z.object({ summary: required('summary') }),
    },
    decline: typedAction({
      label: 'Decline on a ground the legal basis permits, with reasons',
      from: ['sent', 'in-progress'],
      to: 'declined',
      by: [{ party: 'requested' }],
      payload: refusalPayload,
      guard: permittedGround,
    }),
    complete: {
      label: 'Close the exchange: the answer suffices',
      from: ['answered'],
      to: 'completed',
      by: [{ party: 'requesting' }, { role: 'coordinator' }],
    },
    'promote-to-mla': typedAction({
      label: 'Promote to a formal MLA request in the same case',
      from: open,
      to: 'promoted-to-mla',
      by: [{ party: 'requesting' }, { role: 'coordinator' }],
      payload: z.object({ reference: required('reference').optional() }),
      records: (payload) => ({ promotedToMla: payload.reference ?? true }),
      spawns: { type: 'mla', parties: { requesting: 'requesting', requested: 'requested' } },
    }),
    withdraw: {
      label: 'Withdraw the request',
      from: ['sent', 'in-progress'],
      to: 'withdrawn',
      by: [{ party: 'requesting' }, { role: 'coordinator' }],
      payload: z.object({ reasons }),
    },
  },
  deadlines: [
    {
      id: 'answer',
      label: 'Answer the request',
      rule: 'le-exchange-answer',
      variantBy: 'accessibility',
      while: ['sent', 'in-progress'],
      onExpiry: { kind: 'escalate', to: 'requesting' },
    },
  ],
  statistics: {
    requestingParty: 'requesting',
    requestedParty: 'requested',
    acknowledgedAt: ['in-progress', 'answered'],
    decidedAt: ['answered', 'declined'],
    outcomes: { completed: 'executed', declined: 'refused', 'promoted-to-mla': 'closed', withdrawn: 'withdrawn' },
    counts: { 'promoted-to-mla': ['promoted-to-mla'] },
  },
} as const satisfies ProcessDefinition;
