import type { JWTPayload } from 'jose';
import { Roles, SYSTEM_ACTOR, type Actor, type Role } from '@comity/domain';

/**
 * Where a verified token says what the caller may do: the one place Comity turns claims into its
 * actor (user, role, agency). Locally signed tokens carry `role` and `agency_id`; an OIDC
 * provider's claims are configured (COMITY_AUTH_ROLES_CLAIM, COMITY_AUTH_AGENCY_CLAIM), each a
 * dotted path into the token, e.g. Keycloak's realm roles at `realm_access.roles`.
 */
export interface ClaimMapping {
  /** A string or an array of strings; exactly one of them must be a Comity role. */
  readonly roles: string;
  /** A string naming the agency the user works for (required for the agency role). */
  readonly agency: string;
}

/** The claims of the tokens Comity signs itself (issueLocalToken). */
export const LOCAL_CLAIMS: ClaimMapping = { roles: 'role', agency: 'agency_id' };

export class AuthenticationError extends Error {
  override readonly name = 'AuthenticationError';
}

/** A token's `sub`: printable ASCII without spaces, as OIDC allows (at most 255 characters). */
const SUBJECT = /^[\x21-\x7e]{1,255}$/;
/** An agency id, as the API accepts it elsewhere. */
const AGENCY_ID = /^[A-Za-z0-9._:-]{1,100}$/;

/** The value at a dotted path (`realm_access.roles`), or undefined where the path leads nowhere. */
export function claimAt(payload: JWTPayload, path: string): unknown {
  let value: unknown = payload;
  for (const name of path.split('.')) {
    if (typeof value !== 'object' || value === null || Array.isArray(value) || !Object.hasOwn(value, name)) {
      return undefined;
    }
    value = (value as Record<string, unknown>)[name];
  }
  return value;
}

function roleOf(payload: JWTPayload, path: string): Role {
  const value = claimAt(payload, path);
  const values = typeof value === 'string' ? [value] : Array.isArray(value) ? value : [];
  // A provider adds roles of its own (Keycloak: offline_access, default-roles-…); only Comity's count.
  const roles = [...new Set(values.filter((v): v is Role => (Roles as readonly unknown[]).includes(v)))];
  if (roles.length === 1 && roles[0]) return roles[0];
  if (roles.length === 0) throw new AuthenticationError(`token ${path} must name one of ${Roles.join(', ')}`);
  throw new AuthenticationError(
    `token ${path} names several Comity roles (${roles.join(', ')}); a user has exactly one`,
  );
}

/** The actor a verified token names; an AuthenticationError says which claim is wrong. */
export function actorOf(payload: JWTPayload, claims: ClaimMapping): Actor {
  if (typeof payload.sub !== 'string' || !SUBJECT.test(payload.sub)) {
    throw new AuthenticationError('token subject must be 1 to 255 printable ASCII characters without spaces');
  }
  if (payload.sub === SYSTEM_ACTOR.userId) throw new AuthenticationError('token subject is reserved');
  const role = roleOf(payload, claims.roles);
  const agencyId = claimAt(payload, claims.agency);
  if (agencyId !== undefined && (typeof agencyId !== 'string' || !AGENCY_ID.test(agencyId))) {
    throw new AuthenticationError(`token ${claims.agency} must be 1 to 100 letters, digits and . _ : -`);
  }
  if (role === 'agency' && !agencyId) throw new AuthenticationError(`an agency token must name its ${claims.agency}`);
  return { userId: payload.sub, role, ...(agencyId ? { agencyId } : {}) };
}
