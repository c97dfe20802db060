import { z } from 'zod';

/**
 * What one installation says to another: a message about one process, in order. The gateway seals
 * it in an envelope (envelope.seal.ts); its `body` is the transition the partner must know, as the
 * message kind defines it (later slices: one schema per kind).
 */

/** An installation's id: lower-case letters, digits and hyphens (it names topics and namespaces). */
export const installationId = z
  .string()
  .regex(/^[a-z0-9](?:[a-z0-9-]{0,62}[a-z0-9])?$/, 'lower-case letters, digits and hyphens, 1–64 characters');

/** Message and process ids: letters, digits and `._:-`, at most 200 characters. */
export const identifier = z.string().regex(/^[A-Za-z0-9][A-Za-z0-9._:-]{0,199}$/, 'letters, digits and ._:-');

export const federationMessage = z
  .object({
    from: installationId,
    to: installationId,
    messageId: identifier,
    processId: identifier,
    /** 1, 2, 3… per sender and process: the receiving inbox applies them in this order. */
    sequence: z.number().int().min(1).max(Number.MAX_SAFE_INTEGER),
    /** What the message says happened, e.g. `mla.transmitted`. */
    kind: z.string().regex(/^[a-z][a-z0-9-]*(?:\.[a-z][a-z0-9-]*){0,5}$/, 'dotted lower-case words'),
    body: z.record(z.string(), z.unknown()),
    sentAt: z.iso.datetime({ offset: true }),
  })
  .strict()
  .refine((m) => m.from !== m.to, { message: 'an installation does not send to itself', path: ['to'] });
export type FederationMessage = z.infer<typeof federationMessage>;
