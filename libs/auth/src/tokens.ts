import { createRemoteJWKSet, jwtVerify, SignJWT, type JWTPayload, type JWTVerifyGetKey } from 'jose';
import { ConfigError, type AuthConfig } from '@comity/config';
import { Roles, SYSTEM_ACTOR, type Actor, type Role } from '@comity/domain';

/** Claims Comity reads from a bearer token besides `sub`. */
export interface ComityClaims {
  readonly role: Role;
  /** The agency the user works for; required for the agency role. */
  readonly agency_id?: string;
}

export class AuthenticationError extends Error {
  override readonly name = 'AuthenticationError';
}

const LOCAL_ISSUER = 'comity-local';

/** Signs a token with the local key (development, tests, and the CLI's `token` command). */
export async function issueLocalToken(
  secret: string,
  subject: { userId: string; role: Role; agencyId?: string },
  options: { audience?: string; expiresIn?: string } = {},
): Promise<string> {
  const claims: ComityClaims = { role: subject.role, ...(subject.agencyId ? { agency_id: subject.agencyId } : {}) };
  return new SignJWT({ ...claims })
    .setProtectedHeader({ alg: 'HS256' })
    .setSubject(subject.userId)
    .setIssuer(LOCAL_ISSUER)
    .setAudience(options.audience ?? 'comity-api')
    .setIssuedAt()
    .setExpirationTime(options.expiresIn ?? '8h')
    .sign(new TextEncoder().encode(secret));
}

/** What a verified token says: who, and until when (every token Comity accepts expires). */
export interface VerifiedToken {
  readonly actor: Actor;
  readonly expiresAt: Date;
}

export type TokenVerifier = (token: string) => Promise<VerifiedToken>;

/** A token's `sub`: printable ASCII without spaces, as OIDC allows (at most 255 characters). */
const SUBJECT = /^[\x21-\x7e]{1,255}$/;
/** An agency id, as the API accepts it elsewhere. */
const AGENCY_ID = /^[A-Za-z0-9._:-]{1,100}$/;

/**
 * Verifies bearer tokens: locally signed (HS256, key from configuration) or, in production, issued by
 * an OIDC provider and checked against its JWKS. Either way the token becomes an Actor.
 */
export function createTokenVerifier(config: AuthConfig): TokenVerifier {
  let key: Uint8Array | JWTVerifyGetKey;
  let issuer: string;
  if (config.mode === 'local') {
    if (!config.secret)
      throw new ConfigError('invalid configuration:\n  COMITY_AUTH_SECRET: required when COMITY_AUTH_MODE=local');
    key = new TextEncoder().encode(config.secret);
    issuer = LOCAL_ISSUER;
  } else {
    if (!config.issuer)
      throw new ConfigError('invalid configuration:\n  COMITY_AUTH_ISSUER: required when COMITY_AUTH_MODE=oidc');
    issuer = config.issuer;
    key = createRemoteJWKSet(new URL(config.jwksUrl ?? `${config.issuer.replace(/\/$/, '')}/.well-known/jwks.json`));
  }
  return async (token) => {
    let payload: JWTPayload;
    try {
      ({ payload } = await jwtVerify(token, key as Uint8Array, {
        issuer,
        audience: config.audience,
        requiredClaims: ['exp', 'sub'],
      }));
    } catch (err) {
      throw new AuthenticationError(`invalid token: ${err instanceof Error ? err.message : String(err)}`);
    }
    return { actor: actorOf(payload), expiresAt: new Date((payload.exp as number) * 1000) };
  };
}

function actorOf(payload: JWTPayload): Actor {
  const role = payload['role'];
  const agencyId = payload['agency_id'];
  if (typeof payload.sub !== 'string' || !SUBJECT.test(payload.sub)) {
    throw new AuthenticationError('token subject must be 1 to 255 printable ASCII characters without spaces');
  }
  if (payload.sub === SYSTEM_ACTOR.userId) throw new AuthenticationError('token subject is reserved');
  if (typeof role !== 'string' || !(Roles as readonly string[]).includes(role)) {
    throw new AuthenticationError(`token role must be one of ${Roles.join(', ')}`);
  }
  if (agencyId !== undefined && (typeof agencyId !== 'string' || !AGENCY_ID.test(agencyId))) {
    throw new AuthenticationError('agency_id must be 1 to 100 letters, digits and . _ : -');
  }
  if (role === 'agency' && !agencyId) throw new AuthenticationError('an agency token must name its agency_id');
  return { userId: payload.sub, role: role as Role, ...(agencyId ? { agencyId } : {}) };
}
