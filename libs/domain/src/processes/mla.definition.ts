import { z } from 'zod';
import type { ProcessDefinition } from '../model/process-definition';

const reasons = z.string().trim().min(1, 'reasons are required');

/**
 * Mutual legal assistance (UNTOC art. 18). The requesting side drafts and transmits through its
 * central authority; the requested side acknowledges, executes (possibly in partial returns) or,
 * after consulting the requesting side (18(26)), refuses with reasons (18(23)) or postpones (18(25)).
 */
export const mlaDefinition = {
  type: 'mla',
  title: 'Mutual legal assistance',
  legalReference: 'UNTOC art. 18',
  parties: ['requesting', 'requested'],
  initial: 'draft',
  states: {
    draft: { label: 'Draft', awaiting: 'requesting' },
    'ca-review': { label: 'Central-authority review', awaiting: 'requesting' },
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
    transmit: {
      label: 'Transmit to the requested state',
      from: ['ca-review'],
      to: 'transmitted',
      by: [{ role: 'coordinator' }],
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
    refuse: {
      label: 'Refuse with reasons (18(21), 18(23))',
      from: ['consultation'],
      to: 'refused',
      by: [{ party: 'requested' }],
      payload: z.object({ ground: z.string().trim().min(1, 'a coded ground is required'), reasons }),
    },
    'complete-execution': {
      label: 'Execution complete',
      from: ['in-execution'],
      to: 'executed',
      by: [{ party: 'requested' }],
    },
    withdraw: {
      label: 'Withdraw the request',
      from: [
        'draft',
        'ca-review',
        'transmitted',
        'acknowledged',
        'further-info-requested',
        'in-execution',
        'consultation',
        'postponed',
      ],
      to: 'withdrawn',
      by: [{ party: 'requesting' }, { role: 'coordinator' }],
      payload: z.object({ reasons }),
    },
  },
} as const satisfies ProcessDefinition;
