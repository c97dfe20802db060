import { z } from 'zod';
import type { Answer } from './answer';

/** The agency registry's answers (docs/agencies.md). */
export const agencyKeyView = z.object({
  kid: z.string(),
  algorithm: z.enum(['EdDSA', 'ES256']),
  jwk: z.record(z.string(), z.unknown()),
  status: z.enum(['active', 'revoked']),
  addedAt: z.string(),
  revokedAt: z.string().optional(),
  sealed: z.boolean().describe("whether the installation's seal over the key holds (false: not trusted)"),
});

export const agencyView = z.object({
  agencyId: z.string(),
  name: z.string(),
  state: z.string(),
  status: z.enum(['active', 'suspended']),
  registeredAt: z.string(),
  credentialIssuedAt: z.string().optional(),
  channel: z.object({
    principal: z.string().describe('its broker principal (SASL/SCRAM-SHA-512 user name)'),
    tasksTopic: z.string(),
    answersTopic: z.string(),
    groupPrefix: z.string().describe('the consumer groups it may use start with this'),
  }),
  keys: z.array(agencyKeyView),
});
export const agencyList = z.object({ items: z.array(agencyView) });

export const issuedCredential = z.object({
  principal: z.string(),
  mechanism: z.literal('SCRAM-SHA-512'),
  password: z.string().describe('shown once: Comity keeps only what the broker keeps, a salted hash'),
  brokers: z.array(z.string()),
});

export const installationKeys = z.object({
  keys: z
    .array(z.record(z.string(), z.unknown()))
    .describe('JWKs: `use: sig` verify the tasks this installation signs; answers are encrypted to the `use: enc` one'),
});

export type AgencyKey = Answer<typeof agencyKeyView>;
export type Agency = Answer<typeof agencyView>;
export type AgencyList = Answer<typeof agencyList>;
export type IssuedCredential = Answer<typeof issuedCredential>;
