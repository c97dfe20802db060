import { z } from 'zod';
import { cloudEventEnvelope, type CloudEvent } from '../cloudevents/cloud-event';

export const AGENCY_RESPONSE_TYPE = 'comity.agency-response.submitted.v1';

/**
 * An agency's answer to a task, signed by the agency (a compact JWS around this CloudEvent) on its
 * own answer topic, keyed by process id. Who answered is the topic's agency (the broker let only it
 * write there); `agencyId`, if given, must name that agency.
 */
export const agencyResponseData = z.strictObject({
  taskId: z.string().min(1).max(200),
  processId: z.string().min(1).max(120),
  agencyId: z.string().min(1).max(120).optional(),
  action: z.string().min(1).max(60),
  payload: z.record(z.string(), z.unknown()).default({}),
  /** Answers repeated with the same key are applied once. */
  idempotencyKey: z.string().min(8).max(200),
});
export type AgencyResponseData = z.infer<typeof agencyResponseData>;
export type AgencyResponse = Omit<CloudEvent<AgencyResponseData>, 'handlingcode'>;

export const agencyResponse = cloudEventEnvelope
  .omit({ handlingcode: true })
  .extend({ type: z.literal(AGENCY_RESPONSE_TYPE), data: agencyResponseData });
