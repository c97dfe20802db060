/**
 * The envelope's format (docs/federation.md#the-envelope): a compact JWE whose plaintext is a
 * compact JWS over the message. Each layer names its type, so a signed evidence, a task or an
 * agency's answer never passes for a message, whatever key signed it.
 */
export const ENVELOPE_TYPE = 'comity-envelope.v1+jwe';
export const MESSAGE_TYPE = 'comity-message.v1+jws';

export const ENVELOPE_LIMITS = {
  /** Documents cross in chunks of their own, so a message is small: above this it is refused unread. */
  maxBytes: 1024 * 1024,
  /** How old a message may be: the inbox remembers message ids at least this long. */
  maxAgeMs: 48 * 60 * 60 * 1000,
  /** How far ahead of this installation's clock a sender's may run. */
  maxFutureSkewMs: 5 * 60 * 1000,
} as const;

export const COMPACT_JWE = /^[\w-]+\.[\w-]+\.[\w-]+\.[\w-]+\.[\w-]+$/;
export const COMPACT_JWS = /^[\w-]+\.[\w-]+\.[\w-]+$/;

/** A value from hostile input, shortened and quoted for a refusal's detail. */
export const shown = (value: unknown): string => JSON.stringify(String(value).slice(0, 100));
