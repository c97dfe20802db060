import { z } from 'zod';
import { HandlingCodes, Offences, OffChannels, Priorities, Roles } from '@comity/domain';
import { cloudEventEnvelope, type CloudEvent } from '../cloudevents/cloud-event';
import { sealedValue, type FieldCipher } from '../sealed/sealed-value';

export { buildProcessEvent, PROCESS_EVENT_VERSION, processEventId, processEventType } from '../builders';

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
  /**
   * Set when the step was taken outside Comity — by post, through the diplomatic channel, by
   * e-mail — and recorded by the central authority: when it was taken (its deadlines run from
   * then; `occurredAt` is when it was recorded), the paper's reference, the party it was taken by
   * when it was the other side's, and the scans (documents attached to the process).
   */
  offChannel: z
    .object({
      channel: z.enum(OffChannels),
      at: z.iso.datetime(),
      reference: z.string().min(1).max(100).optional(),
      onBehalfOf: z.object({ party: z.string().min(1), agencyId: z.string().min(1) }).optional(),
      documents: z.array(z.string().min(1)).readonly(),
    })
    .optional(),
  occurredAt: z.iso.datetime(),
});
export type ProcessEventData = z.infer<typeof processEventData>;
export type ProcessEvent = CloudEvent<ProcessEventData>;

/** A process event as Comity's own code holds it: built by the workflow, applied by the projector. */
export const processEvent = cloudEventEnvelope.extend({ data: processEventData });

/**
 * The data as it travels on the topic: the fields that can hold personal data — the action's
 * payload, the user who took it, and the agency's signed answer (which holds the payload too) — are sealed (see docs/events.md); what consumers route,
 * order, count and scope on stays clear.
 */
export const sealedProcessEventData = processEventData.extend({
  actor: processEventData.shape.actor.extend({ userId: sealedValue }),
  payload: sealedValue,
  evidence: sealedValue.optional(),
  /** A step taken outside Comity: its paper reference can name a person, and its scans are the case's. */
  offChannel: sealedValue.optional(),
});
export type SealedProcessEventData = z.infer<typeof sealedProcessEventData>;
export type SealedProcessEvent = CloudEvent<SealedProcessEventData>;

/** A process event as it travels on the process-events topic. */
export const sealedProcessEvent = cloudEventEnvelope.extend({ data: sealedProcessEventData });

/** Where a sealed field sits, its associated data: a sealed value copied into another event does not open. */
const sealedAt = (eventId: string, field: 'payload' | 'actor.userId' | 'evidence' | 'offChannel') =>
  `process-event:${eventId}:data.${field}`;

export function sealProcessEvent(event: ProcessEvent, cipher: FieldCipher): SealedProcessEvent {
  const { evidence, offChannel, ...data } = event.data;
  return {
    ...event,
    data: {
      ...data,
      actor: { ...data.actor, userId: cipher.seal(data.actor.userId, sealedAt(event.id, 'actor.userId')) },
      // JSON has no undefined: an absent payload travels as null.
      payload: cipher.seal(data.payload ?? null, sealedAt(event.id, 'payload')),
      ...(evidence ? { evidence: cipher.seal(evidence, sealedAt(event.id, 'evidence')) } : {}),
      ...(offChannel ? { offChannel: cipher.seal(offChannel, sealedAt(event.id, 'offChannel')) } : {}),
    },
  };
}

/** Throws (see FieldCipher.open) when a sealed field does not open, or the user it holds is not a string. */
export function openProcessEvent(event: SealedProcessEvent, cipher: FieldCipher): ProcessEvent {
  const { evidence, offChannel, ...data } = event.data;
  const userId = cipher.open(data.actor.userId, sealedAt(event.id, 'actor.userId'));
  if (typeof userId !== 'string' || !userId) throw new TypeError('the sealed actor is not a user id');
  return {
    ...event,
    data: {
      ...data,
      actor: { ...data.actor, userId },
      payload: cipher.open(data.payload, sealedAt(event.id, 'payload')),
      ...(evidence ? { evidence: openEvidence(cipher.open(evidence, sealedAt(event.id, 'evidence'))) } : {}),
      ...(offChannel ? { offChannel: openOffChannel(cipher.open(offChannel, sealedAt(event.id, 'offChannel'))) } : {}),
    },
  };
}

function openOffChannel(opened: unknown): NonNullable<ProcessEventData['offChannel']> {
  const step = processEventData.shape.offChannel.safeParse(opened);
  if (!step.success || !step.data) throw new TypeError('the sealed offChannel is not a step taken outside Comity');
  return step.data;
}

function openEvidence(opened: unknown): { kid: string; jws: string } {
  const evidence = processEventData.shape.evidence.safeParse(opened);
  if (!evidence.success || !evidence.data) throw new TypeError('the sealed evidence is not a signed answer');
  return evidence.data;
}
