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
