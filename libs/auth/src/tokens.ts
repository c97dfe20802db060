import { createRemoteJWKSet, jwtVerify, SignJWT, type JWTPayload, type JWTVerifyGetKey } from 'jose';
import { ConfigError, type AuthConfig } from '@comity/config';
import type { Actor, Role } from '@comity/domain';
import { actorOf, AuthenticationError, LOCAL_CLAIMS, type ClaimMapping } from './claims';

/** Claims Comity reads from a bearer token besides `sub`. */
export interface ComityClaims {
  readonly role: Role;
  /** The agency the user works for; required for the agency role. */
  readonly agency_id?: string;
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

/**
 * Verifies bearer tokens: locally signed (HS256, key from configuration) or, in production, issued by
 * an OIDC provider and checked against its JWKS (from the provider's discovery document unless
 * COMITY_AUTH_JWKS_URL names it). Either way the token becomes an Actor (claims.ts).
 */
export function createTokenVerifier(config: AuthConfig, fetchJson: FetchJson = defaultFetchJson): TokenVerifier {
  let key: Uint8Array | JWTVerifyGetKey;
  let issuer: string;
  let claims: ClaimMapping;
  if (config.mode === 'local') {
    if (!config.secret)
      throw new ConfigError('invalid configuration:\n  COMITY_AUTH_SECRET: required when COMITY_AUTH_MODE=local');
    key = new TextEncoder().encode(config.secret);
    issuer = LOCAL_ISSUER;
    claims = LOCAL_CLAIMS;
  } else {
    if (!config.issuer)
      throw new ConfigError('invalid configuration:\n  COMITY_AUTH_ISSUER: required when COMITY_AUTH_MODE=oidc');
    issuer = config.issuer;
    claims = config.claims;
    key = config.jwksUrl ? createRemoteJWKSet(new URL(config.jwksUrl)) : discoveredJwks(issuer, fetchJson);
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
    return { actor: actorOf(payload, claims), expiresAt: new Date((payload.exp as number) * 1000) };
  };
}

export type FetchJson = (url: URL) => Promise<unknown>;

const defaultFetchJson: FetchJson = async (url) => {
  const res = await fetch(url, { signal: AbortSignal.timeout(10_000) });
  if (!res.ok) throw new Error(`${url.href} answered ${res.status}`);
  return res.json();
};

/** The OIDC discovery document's fields Comity's clients and verifier use. */
export interface OidcEndpoints {
  readonly issuer: string;
  readonly authorization_endpoint: string;
  readonly token_endpoint: string;
  readonly jwks_uri: string;
  readonly device_authorization_endpoint?: string;
  readonly end_session_endpoint?: string;
}

/** Reads `<issuer>/.well-known/openid-configuration`, which must name the same issuer (OIDC Discovery §4.3). */
export async function discoverOidc(issuer: string, fetchJson: FetchJson = defaultFetchJson): Promise<OidcEndpoints> {
  const url = new URL(`${issuer.replace(/\/$/, '')}/.well-known/openid-configuration`);
  const doc = (await fetchJson(url)) as Partial<OidcEndpoints> | null;
  if (doc?.issuer !== issuer) throw new Error(`${url.href} names the issuer ${String(doc?.issuer)}, not ${issuer}`);
  for (const field of ['authorization_endpoint', 'token_endpoint', 'jwks_uri'] as const) {
    if (typeof doc[field] !== 'string') throw new Error(`${url.href} has no ${field}`);
  }
  return doc as OidcEndpoints;
}

/** The issuer's key set, found through discovery on first use; a failed discovery is retried on the next token. */
function discoveredJwks(issuer: string, fetchJson: FetchJson): JWTVerifyGetKey {
  let keys: Promise<JWTVerifyGetKey> | undefined;
  const discover = () => {
    const found = discoverOidc(issuer, fetchJson).then((doc) => createRemoteJWKSet(new URL(doc.jwks_uri)));
    found.catch(() => {
      if (keys === found) keys = undefined;
    });
    return found;
  };
  return async (header, token) => (await (keys ??= discover()))(header, token);
}
