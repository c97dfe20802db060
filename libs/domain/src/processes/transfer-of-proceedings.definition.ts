import { z } from 'zod';
import { typedAction, type ProcessDefinition } from '../model/process-definition';
import { permittedGround, reasons, refusalPayload, required } from './common';

const beforeDecision = ['request-transmitted', 'under-decision', 'further-info-requested'] as const;

/**
 * Transfer of criminal proceedings (UNTOC art. 21): where several states have jurisdiction, the
 * one best placed prosecutes. The states consult first; the requesting state then transmits a
 * formal request; the requested state decides, refusing only on a ground the legal basis permits,
 * and on acceptance takes the proceedings over (the requesting state suspends its own).
 */
export const transferOfProceedingsDefinition = {
  type: 'transfer-of-proceedings',
  title: 'Transfer of criminal proceedings',
  legalReference: 'UNTOC art. 21',
  parties: ['requesting', 'requested'],
  initial: 'consultation',
  states: {
    consultation: { label: 'Consultation on the best place to prosecute', awaiting: 'requested' },
    consulted: { label: 'Consulted: formal request to be transmitted', awaiting: 'requesting' },
    'request-transmitted': { label: 'Formal request transmitted', awaiting: 'requested' },
    'under-decision': { label: 'Under decision by the requested state', awaiting: 'requested' },
    'further-info-requested': { label: 'Further information requested', awaiting: 'requesting' },
    accepted: { label: 'Accepted: proceedings to be taken over', awaiting: 'requested' },
    'taken-over': { label: 'Proceedings taken over', terminal: true },
    refused: { label: 'Refused', terminal: true },
    withdrawn: { label: 'Withdrawn', terminal: true },
  },
  actions: {
    'conclude-consultation': typedAction({
      label: 'Consultation concluded: the requested state gives its view',
      from: ['consultation'],
      to: 'consulted',
      by: [{ party: 'requested' }],
      payload: z.object({ view: z.enum(['favourable', 'unfavourable']), reasons: reasons.optional() }),
      records: (payload) => ({ consultationView: payload.view }),
    }),
    'transmit-request': {
      label: 'Transmit the formal request with the file',
      from: ['consulted'],
      to: 'request-transmitted',
      by: [{ party: 'requesting' }, { role: 'coordinator' }],
    },
    acknowledge: {
      label: 'Acknowledge receipt',
      from: ['request-transmitted'],
      to: 'under-decision',
      by: [{ party: 'requested' }],
    },
    'request-further-info': {
      label: 'Ask the requesting side for further information',
      from: ['under-decision'],
      to: 'further-info-requested',
      by: [{ party: 'requested' }],
      payload: z.object({ questions: required('questions') }),
    },
    'provide-further-info': {
      label: 'Provide the information asked for',
      from: ['further-info-requested'],
      to: 'under-decision',
      by: [{ party: 'requesting' }, { role: 'coordinator' }],
    },
    accept: {
      label: 'Accept the transfer',
      from: ['under-decision'],
      to: 'accepted',
      by: [{ party: 'requested' }],
    },
    refuse: typedAction({
      label: 'Refuse on a permitted ground, with reasons',
      from: ['under-decision'],
      to: 'refused',
      by: [{ party: 'requested' }],
      payload: refusalPayload,
      guard: permittedGround,
    }),
    'take-over': typedAction({
      label: 'Proceedings opened in the requested state (the requesting state suspends its own)',
      from: ['accepted'],
      to: 'taken-over',
      by: [{ party: 'requested' }],
      payload: z.object({ reference: required('the reference of the proceedings') }),
      records: (payload) => ({ proceedingsReference: payload.reference }),
    }),
    withdraw: {
      label: 'Withdraw the request',
      from: ['consultation', 'consulted', ...beforeDecision],
      to: 'withdrawn',
      by: [{ party: 'requesting' }, { role: 'coordinator' }],
      payload: z.object({ reasons }),
    },
  },
  deadlines: [
    {
      id: 'consultation',
      label: 'Give a view in the consultation',
      rule: 'transfer-consultation',
      while: ['consultation'],
      onExpiry: { kind: 'escalate', to: 'requesting' },
    },
    {
      id: 'decision',
      label: 'Decide on the request',
      rule: 'transfer-decision',
      while: beforeDecision,
      onExpiry: { kind: 'escalate', to: 'requesting' },
    },
  ],
  statistics: {
    requestingParty: 'requesting',
    requestedParty: 'requested',
    acknowledgedAt: ['under-decision'],
    decidedAt: ['accepted', 'refused'],
    outcomes: { 'taken-over': 'executed', refused: 'refused', withdrawn: 'withdrawn' },
  },
} as const satisfies ProcessDefinition;
