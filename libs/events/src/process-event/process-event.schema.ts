import { z } from 'zod';
import { HandlingCodes, Offences, Priorities, Roles } from '@comity/domain';
import { cloudEventEnvelope, type CloudEvent } from '../cloudevents/cloud-event';

export const PROCESS_EVENT_VERSION = 'v1';

const partyBinding = z.object({ agencyId: z.string().min(1), state: z.string().length(2) });

/** Data of every event on the process-events topic: one transition of one process. */
export const processEventData = z.object({
  processId: z.string().min(1),
  processType: z.string().min(1),
  caseId: z.string().min(1).optional(),
  /** The coded offence the process is about; absent when none was given at the start. */
  offence: z.enum(Offences).optional(),
  /** 0 for the start, then +1 per transition: consumers apply events of a process in this order. */
  sequence: z.number().int().min(0),
  action: z.string().min(1),
  fromStage: z.string().min(1).optional(),
  stage: z.string().min(1),
  terminal: z.boolean(),
  actor: z.object({
    userId: z.string().min(1),
    role: z.enum(Roles),
    agencyId: z.string().min(1).optional(),
  }),
  legalBasis: z.string().min(1),
  priority: z.enum(Priorities),
  handlingCode: z.enum(HandlingCodes),
  parties: z.record(z.string(), partyBinding),
  /** Every deadline of the process after this event (running, expired, met, missed). */
  deadlines: z.array(
    z.object({
      id: z.string().min(1),
      label: z.string().min(1),
      startedAt: z.iso.datetime(),
      dueAt: z.iso.datetime(),
      status: z.enum(['running', 'expired', 'met', 'missed']),
    }),
  ),
  overdue: z.boolean(),
  /** The event's link in the process's tamper-evident audit chain (see docs/events.md). */
  audit: z.object({ previousHash: z.string().regex(/^[0-9a-f]{64}$/), hash: z.string().regex(/^[0-9a-f]{64}$/) }),
  payload: z.unknown(),
  /** The signed answer the transition came from (an agency's compact JWS and its key id); absent otherwise. */
  evidence: z.object({ kid: z.string().min(1), jws: z.string().min(1) }).optional(),
  occurredAt: z.iso.datetime(),
});
export type ProcessEventData = z.infer<typeof processEventData>;
export type ProcessEvent = CloudEvent<ProcessEventData>;

export const processEvent = cloudEventEnvelope.extend({ data: processEventData });

/** `comity.<type>.<stage entered, or the action when the stage does not change>.v1`. */
export function processEventType(
  data: Pick<ProcessEventData, 'processType' | 'action' | 'fromStage' | 'stage'>,
): string {
  const name = data.action === 'start' ? 'started' : data.fromStage === data.stage ? data.action : data.stage;
  return `comity.${data.processType}.${name}.${PROCESS_EVENT_VERSION}`;
}

/** The event id is fixed by the workflow (process id + sequence) so a retried publish repeats it. */
export function processEventId(processId: string, sequence: number): string {
  return `${processId}:${sequence}`;
}

export function buildProcessEvent(data: ProcessEventData, source: string): ProcessEvent {
  return {
    specversion: '1.0',
    id: processEventId(data.processId, data.sequence),
    source,
    type: processEventType(data),
    subject: data.processId,
    time: data.occurredAt,
    datacontenttype: 'application/json',
    handlingcode: data.handlingCode,
    data,
  };
}
