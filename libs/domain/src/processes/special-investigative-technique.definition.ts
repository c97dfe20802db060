import { z } from 'zod';
import { typedAction, type GuardProblem, type ProcessDefinition } from '../model/process-definition';
import type { ProcessSnapshot } from '../model/process-state';
import { reasons, required, stateCode } from './common';

/** The fact a route state's authorisation is recorded under (its reference). */
export const authorisationFact = (state: string): string => `authorised:${state}`;

const routeOf = (snapshot: ProcessSnapshot): readonly string[] => {
  const route = snapshot.facts['route'];
  return Array.isArray(route) ? route.map(String) : [];
};

const noRoute: GuardProblem = { code: 'PRECONDITION_UNMET', detail: 'the route must be declared first' };

/**
 * A special investigative technique across borders (UNTOC art. 20), here a controlled delivery:
 * an illicit consignment is let through under surveillance. Every state on the route must
 * authorise it before it starts (20(2)-(4)), so each authorisation is recorded per route state and
 * `start-delivery` is refused while any is missing (naming them). It is short-lived: once running it is
 * concluded with its outcome.
 */
export const specialInvestigativeTechniqueDefinition = {
  type: 'special-investigative-technique',
  title: 'Special investigative technique (controlled delivery)',
  legalReference: 'UNTOC art. 20',
  parties: ['requesting', 'requested'],
  initial: 'planning',
  states: {
    planning: { label: 'Planning: route and technique', awaiting: 'requesting' },
    'authorisation-requested': { label: 'Authorisation requested from the route states', awaiting: 'requested' },
    // The requesting side gathers the route states' authorisations and starts the delivery.
    authorising: { label: 'Authorisations being gathered', awaiting: 'requesting' },
    active: { label: 'Delivery under way', awaiting: 'requesting' },
    concluded: { label: 'Concluded', terminal: true },
    refused: { label: 'Refused by a route state', terminal: true },
    withdrawn: { label: 'Withdrawn', terminal: true },
  },
  actions: {
    'declare-route': typedAction({
      label: 'Declare the route: every state the consignment crosses',
      from: ['planning', 'authorisation-requested', 'authorising'],
      by: [{ party: 'requesting' }, { role: 'coordinator' }],
      payload: z.object({ states: z.array(stateCode).min(1, 'at least one state is required') }),
      records: (payload) => ({ route: payload.states }),
    }),
    'request-authorisation': {
      label: 'Request authorisation from the route states',
      from: ['planning'],
      to: 'authorisation-requested',
      by: [{ party: 'requesting' }, { role: 'coordinator' }],
      guard: ({ snapshot }) => (routeOf(snapshot).length ? [] : [noRoute]),
    },
    acknowledge: {
      label: 'Acknowledge receipt',
      from: ['authorisation-requested'],
      to: 'authorising',
      by: [{ party: 'requested' }],
    },
    'record-authorisation': typedAction({
      label: 'Record a route state’s authorisation (its authority and reference)',
      from: ['authorisation-requested', 'authorising'],
      by: [{ party: 'requesting' }, { party: 'requested' }, { role: 'coordinator' }],
      payload: z.object({ state: stateCode, authority: required('authority'), reference: required('reference') }),
      guard: ({ payload, snapshot }) => {
        const route = routeOf(snapshot);
        const state = payload.state;
        if (!route.length) return [noRoute];
        return route.includes(state)
          ? []
          : [{ code: 'PRECONDITION_UNMET', detail: `${state} is not on the route (${route.join(', ')})` }];
      },
      records: (payload) => ({ [authorisationFact(payload.state)]: payload.reference }),
    }),
    'refuse-authorisation': {
      label: 'A route state refuses authorisation, with reasons',
      from: ['authorisation-requested', 'authorising'],
      to: 'refused',
      by: [{ party: 'requested' }, { role: 'coordinator' }],
      payload: z.object({ state: stateCode, reasons }),
    },
    'start-delivery': {
      label: 'Start the delivery (every route state has authorised it)',
      from: ['authorising'],
      to: 'active',
      by: [{ party: 'requesting' }, { role: 'coordinator' }],
      guard: ({ snapshot }) => {
        const route = routeOf(snapshot);
        if (!route.length) return [noRoute];
        const missing = route.filter((state) => snapshot.facts[authorisationFact(state)] === undefined);
        return missing.length
          ? [{ code: 'PRECONDITION_UNMET', detail: `not yet authorised by: ${missing.join(', ')}` }]
          : [];
      },
    },
    conclude: typedAction({
      label: 'Conclude the operation with its outcome',
      from: ['active'],
      to: 'concluded',
      by: [{ party: 'requesting' }, { party: 'requested' }, { role: 'coordinator' }],
      payload: z.object({
        outcome: z.enum(['seized-and-arrested', 'seized', 'consignment-lost', 'aborted']),
        summary: required('summary'),
      }),
      records: (payload) => ({ outcome: payload.outcome }),
    }),
    withdraw: {
      label: 'Withdraw before the delivery starts',
      from: ['planning', 'authorisation-requested', 'authorising'],
      to: 'withdrawn',
      by: [{ party: 'requesting' }, { role: 'coordinator' }],
      payload: z.object({ reasons }),
    },
  },
  deadlines: [
    {
      id: 'authorisation',
      label: 'Every route state authorises (or refuses) the delivery',
      rule: 'sit-authorisation',
      while: ['authorisation-requested', 'authorising'],
      onExpiry: { kind: 'escalate', to: 'requesting' },
    },
    {
      id: 'operation',
      label: 'Conclude the operation',
      rule: 'sit-operation',
      while: ['active'],
      onExpiry: { kind: 'escalate', to: 'requested' },
    },
  ],
  statistics: {
    requestingParty: 'requesting',
    requestedParty: 'requested',
    receivedAt: ['authorisation-requested'],
    acknowledgedAt: ['authorising'],
    decidedAt: ['active', 'refused'],
    outcomes: { concluded: 'executed', refused: 'refused', withdrawn: 'withdrawn' },
  },
} as const satisfies ProcessDefinition;
