import { AGENCY_RESPONSE_TYPE, type AgencyResponse } from '../agency-response/agency-response.schema';
import { agencyTaskId, buildAgencyTask, type AgencyTask } from '../agency-task/agency-task.schema';
import { CLOUDEVENTS_CONTENT_TYPE } from '../cloudevents/cloud-event';
import {
  buildProcessEvent,
  type ProcessEvent,
  type ProcessEventData,
  type SealedProcessEvent,
} from '../process-event/process-event.schema';
import { SEALED_VALUE_SCHEME } from '../sealed/sealed-value';
import { DefaultTopics } from '../topics';

/** One example per message of the AsyncAPI document; the spec checks each against its zod schema. */

const processId = 'mla-3f0c9a52';
const workflowSource = 'comity/process-workflow';
const cloudEventHeaders = { 'content-type': CLOUDEVENTS_CONTENT_TYPE } as const;

export const processEventExample: ProcessEvent = buildProcessEvent(
  {
    processId,
    processType: 'mla',
    caseId: 'case-aegean-route',
    offence: 'migrant-smuggling',
    sequence: 3,
    action: 'transmit',
    fromStage: 'ca-review',
    stage: 'transmitted',
    terminal: false,
    actor: { userId: 'gr-ca-officer', role: 'agency', agencyId: 'gr-central-authority' },
    legalBasis: 'UNTOC',
    priority: 'urgent',
    handlingCode: 'H1',
    parties: {
      requesting: { agencyId: 'gr-central-authority', state: 'GR' },
      requested: { agencyId: 'tr-central-authority', state: 'TR' },
    },
    deadlines: [
      {
        id: 'translation',
        label: 'Translate into an accepted language and transmit',
        startedAt: '2026-11-28T20:14:02.112Z',
        dueAt: '2026-12-05T20:14:02.112Z',
        status: 'met',
      },
      {
        id: 'recognition',
        label: 'Acknowledge (recognise) the request',
        startedAt: '2026-11-28T20:25:40.318Z',
        dueAt: '2026-12-01T20:25:40.318Z',
        status: 'running',
      },
    ],
    overdue: false,
    payload: { note: 'translated into Turkish' },
    audit: { previousHash: 'a3f1'.repeat(16), hash: '5c0e'.repeat(16) },
    occurredAt: '2026-11-28T20:25:40.318Z',
  },
  workflowSource,
);

/**
 * The same event as it travels: its payload and its actor's user id sealed. The ciphertexts are
 * illustrations (no key here opens them); the worker makes real ones with the installation's key.
 */
export const sealedProcessEventExample: SealedProcessEvent = {
  ...processEventExample,
  data: {
    // An officer's transition: no agency's signed answer to seal.
    ...(processEventExample.data as Omit<ProcessEventData, 'evidence' | 'offChannel'>),
    actor: {
      ...processEventExample.data.actor,
      userId: {
        enc: SEALED_VALUE_SCHEME,
        kid: '2026-11',
        iv: '+zaMej6ccWXcG0z/',
        ct: 'tMIYZJ5kdaCvRDZTLn4UejLVMDi+4OGIwmJoQcGh',
      },
    },
    payload: {
      enc: SEALED_VALUE_SCHEME,
      kid: '2026-11',
      iv: '36WglAzRIwipAJ/e',
      ct: 'OPYNbKSrWRVKFqDyG0ZEDnOgIO6WdVLHDesPCAy9gQH4SSvL441lDado++TxxA9PSmy2oZYSKomgcm91oCKr+s6Xtpm1pep6E09x',
    },
  },
};

const taskId = agencyTaskId(processId, 4);

export const agencyTaskExample: AgencyTask = buildAgencyTask(
  {
    taskId,
    agencyId: 'tr-central-authority',
    party: 'requested',
    processId,
    processType: 'mla',
    caseId: 'case-aegean-route',
    stage: 'acknowledged',
    stageLabel: 'Acknowledged',
    expectedActions: [
      { action: 'request-further-info', label: 'Ask the requesting side for further information' },
      { action: 'start-execution', label: 'Start execution' },
      { action: 'consult', label: 'Consult the requesting side before refusing or postponing (18(26))' },
    ],
    dueAt: '2027-03-28T20:31:25.655Z',
    priority: 'urgent',
    handlingCode: 'H1',
    legalBasis: 'UNTOC',
    counterpartStates: ['GR'],
    assignedAt: '2026-11-28T20:31:25.655Z',
  },
  workflowSource,
);

export const agencyResponseExample: AgencyResponse = {
  specversion: '1.0',
  id: '7b0c2d2e-5d1f-4a51-9a8e-2f0d7c4b9e61',
  source: 'tr-central-authority/case-system',
  type: AGENCY_RESPONSE_TYPE,
  subject: processId,
  time: '2026-11-28T20:35:00.000Z',
  datacontenttype: 'application/json',
  data: {
    taskId,
    processId,
    action: 'start-execution',
    payload: {},
    idempotencyKey: 'tr-ca-2026-11-28-0001',
  },
};

/** A wrong answer: another agency, on its own topic, answering the task addressed to tr-central-authority. */
const forgedAnswer: AgencyResponse = {
  ...agencyResponseExample,
  id: 'c41f7e0a-93b2-4f7d-8d55-0b6a1e2c7f30',
  source: 'bg-central-authority/case-system',
  data: { ...agencyResponseExample.data, idempotencyKey: 'bg-ca-2026-11-28-0007' },
};

export const deadLetterExample = {
  headers: {
    'comity-dead-letter-check': 'agency',
    'comity-dead-letter-reason': `task '${taskId}' is addressed to 'tr-central-authority', not 'bg-central-authority'`,
    'comity-dead-letter-code': 'TASK_NOT_YOURS',
    'comity-original-topic': `${DefaultTopics.agencyAnswersPrefix}bg-central-authority`,
    'comity-original-partition': '2',
    'comity-original-offset': '118',
  },
  /** The original value, unchanged: here the refused answer (on the wire, the JWS around it). */
  payload: JSON.stringify(forgedAnswer),
} as const;

export const asyncApiExamples = {
  processEvent: { name: 'mla-transmitted', headers: cloudEventHeaders, payload: sealedProcessEventExample },
  agencyTask: { name: 'mla-acknowledged-task', headers: cloudEventHeaders, payload: agencyTaskExample },
  agencyResponse: { name: 'start-execution', headers: cloudEventHeaders, payload: agencyResponseExample },
  deadLetter: { name: 'forged-answer', ...deadLetterExample },
} as const;
