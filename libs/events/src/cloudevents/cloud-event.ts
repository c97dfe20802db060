import { z } from 'zod';
import { HandlingCodes } from '@comity/domain';

/**
 * CloudEvents 1.0 in structured mode: the whole envelope is the Kafka message value (JSON), with
 * header `content-type: application/cloudevents+json`. Structured mode keeps a message
 * self-contained, so a dead-lettered or archived copy still says what it was.
 */
export const CLOUDEVENTS_CONTENT_TYPE = 'application/cloudevents+json';

/** On the agency channel the CloudEvent travels inside a compact JWS or JWE (RFC 7515/7516): this media type. */
export const JOSE_CONTENT_TYPE = 'application/jose';

export const cloudEventEnvelope = z.object({
  specversion: z.literal('1.0'),
  id: z.string().min(1),
  source: z.string().min(1),
  type: z.string().regex(/^comity\.[a-z0-9-]+(\.[a-z0-9-]+)*\.v\d+$/, 'type must be comity.<...>.v<N>'),
  subject: z.string().min(1),
  time: z.iso.datetime(),
  datacontenttype: z.literal('application/json'),
  /** Extension attribute: the case's handling code travels with every event (need to know). */
  handlingcode: z.enum(HandlingCodes),
  data: z.unknown(),
});

export type CloudEvent<T> = Omit<z.infer<typeof cloudEventEnvelope>, 'data'> & { data: T };
