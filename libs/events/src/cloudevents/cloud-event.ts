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

/**
 * The CloudEvents Distributed Tracing extension carries a W3C Trace Context: `traceparent` is
 * version 00 exactly, `00-<32 hex trace id>-<16 hex parent span id>-<2 hex flags>` in lowercase,
 * neither id all zeros. It comes from outside too (an agency's answer): it only places spans in a
 * trace, never decides anything.
 */
export const TRACEPARENT_PATTERN = /^00-(?!0{32})[0-9a-f]{32}-(?!0{16})[0-9a-f]{16}-[0-9a-f]{2}$/;

// W3C tracestate: up to 32 comma-separated `key=value` members (key: simple or tenant@system).
const tracestateKey = '(?:[a-z0-9][_0-9a-z*/-]{0,255}|[a-z0-9][_0-9a-z*/-]{0,240}@[a-z][_0-9a-z*/-]{0,13})';
const tracestateValue = '[\\x20-\\x2b\\x2d-\\x3c\\x3e-\\x7e]{0,255}[\\x21-\\x2b\\x2d-\\x3c\\x3e-\\x7e]';
const tracestateMember = `${tracestateKey}=${tracestateValue}`;
export const TRACESTATE_PATTERN = new RegExp(`^${tracestateMember}(?:[ \\t]*,[ \\t]*${tracestateMember}){0,31}$`);
export const TRACESTATE_MAX_LENGTH = 512;

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
  /** Extension attributes (Distributed Tracing): where the event sits in a trace, when it was traced. */
  traceparent: z
    .string()
    .regex(TRACEPARENT_PATTERN, 'a W3C traceparent: 00-<32 hex trace id>-<16 hex span id>-<2 hex flags>, lowercase')
    .optional(),
  tracestate: z
    .string()
    .max(TRACESTATE_MAX_LENGTH)
    .regex(TRACESTATE_PATTERN, 'a W3C tracestate: up to 32 key=value members, comma-separated')
    .optional(),
  data: z.unknown(),
});

export type CloudEvent<T> = Omit<z.infer<typeof cloudEventEnvelope>, 'data'> & { data: T };
