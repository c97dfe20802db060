import { z } from 'zod';
import { AGENCY_ID_PATTERN } from '@comity/events';

export const agencyIdParam = z
  .string()
  .regex(AGENCY_ID_PATTERN, 'lower-case letters, digits and single hyphens, 1–64 characters (it names topics)');

export const registerAgencyBody = z
  .object({
    name: z.string().trim().min(1).max(200),
    /** The agency's state, ISO 3166-1 alpha-2. */
    state: z.string().regex(/^[A-Z]{2}$/, 'an ISO 3166-1 alpha-2 code such as GR'),
  })
  .strict();
export type RegisterAgencyBody = z.infer<typeof registerAgencyBody>;

const base64url = (length: number) =>
  z.string().regex(new RegExp(`^[A-Za-z0-9_-]{${length}}$`), `${length} base64url characters`);

/** Public keys only: a JWK with a private part (`d`) is refused, so no one pastes a secret here by mistake. */
const ed25519Jwk = z.object({ kty: z.literal('OKP'), crv: z.literal('Ed25519'), x: base64url(43) });
const p256Jwk = z.object({ kty: z.literal('EC'), crv: z.literal('P-256'), x: base64url(43), y: base64url(43) });

export const addAgencyKeyBody = z
  .object({
    kid: z.string().regex(/^[A-Za-z0-9._:-]{1,100}$/, 'letters, digits and . _ : - (1–100 characters)'),
    jwk: z.union([ed25519Jwk.strict(), p256Jwk.strict()], {
      error: 'a public JWK: {kty:"OKP",crv:"Ed25519",x} or {kty:"EC",crv:"P-256",x,y}, without "d"',
    }),
  })
  .strict();
export type AddAgencyKeyBody = z.infer<typeof addAgencyKeyBody>;

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
export type AgencyView = z.infer<typeof agencyView>;

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
