import { readFileSync } from 'node:fs';
import * as path from 'node:path';
import type { Actor } from '@comity/domain';
import { root, waitFor } from './apps';

/**
 * The local Keycloak (infra/services.sh start keycloak) and its test realm, whose users and
 * test-only passwords are read from the committed realm file rather than repeated here.
 */
export const KEYCLOAK_URL = `http://127.0.0.1:${process.env['COMITY_KEYCLOAK_PORT'] ?? '8280'}`;
export const issuerOf = (realm: string) => `${KEYCLOAK_URL}/realms/${realm}`;
export const ISSUER = issuerOf('comity');

interface RealmUser {
  readonly username: string;
  readonly credentials?: { readonly value: string }[];
  readonly realmRoles?: string[];
  readonly attributes?: { readonly agency?: string[] };
}

const realmUsers = (realm: string): RealmUser[] =>
  (
    JSON.parse(readFileSync(path.join(root, `infra/keycloak/${realm}-realm.json`), 'utf8')) as {
      users: RealmUser[];
    }
  ).users;

/** The test-only password of a user of the realm file. */
export function passwordOf(username: string, realm = 'comity'): string {
  const password = realmUsers(realm).find((u) => u.username === username)?.credentials?.[0]?.value;
  if (!password) throw new Error(`no user ${username} in infra/keycloak/${realm}-realm.json`);
  return password;
}

/** Waits until Keycloak serves the realm (its discovery document); a clear error when it is not running. */
export async function keycloakReady(timeoutMs = 60_000): Promise<void> {
  await waitFor(
    `Keycloak at ${KEYCLOAK_URL} (infra/services.sh start keycloak)`,
    async () => ((await fetch(`${ISSUER}/.well-known/openid-configuration`)).ok ? true : undefined),
    timeoutMs,
  );
}

/**
 * An access token by the password grant of the test-only client `comity-e2e` (only this realm has
 * it): for the API calls a test makes besides the ones it drives through a browser.
 */
export async function passwordGrant(
  username: string,
  { realm = 'comity', clientId = 'comity-e2e' }: { realm?: string; clientId?: string } = {},
): Promise<string> {
  const res = await fetch(`${issuerOf(realm)}/protocol/openid-connect/token`, {
    method: 'POST',
    headers: { 'content-type': 'application/x-www-form-urlencoded' },
    body: new URLSearchParams({
      grant_type: 'password',
      client_id: clientId,
      username,
      password: passwordOf(username, realm),
    }),
  });
  const body = (await res.json()) as { access_token?: string; error_description?: string };
  if (!body.access_token) throw new Error(`no token for ${username}@${realm}: ${res.status} ${body.error_description}`);
  return body.access_token;
}

/** The realm file's user with a password, the actor's role and (for an agency's) its agency. */
const realmUserOf = (actor: Actor): string => {
  const user = realmUsers('comity').find(
    (u) =>
      u.credentials?.length &&
      u.realmRoles?.includes(actor.role) &&
      (actor.role !== 'agency' || u.attributes?.agency?.includes(actor.agencyId ?? '')),
  );
  if (!user) throw new Error(`no user for ${JSON.stringify(actor)} in infra/keycloak/comity-realm.json`);
  return user.username;
};

const cachedTokens = new Map<string, { token: Promise<string>; at: number }>();

/**
 * A Keycloak token for an actor, as the realm's user of its role (the actor's user id is the
 * realm's, not the one asked for): for tests of an installation under COMITY_AUTH_MODE=oidc, the
 * cluster topology's. A token lives five minutes; one is reused for a minute.
 */
export function keycloakToken(actor: Actor): Promise<string> {
  const username = realmUserOf(actor);
  const cached = cachedTokens.get(username);
  if (cached && Date.now() - cached.at < 60_000) return cached.token;
  const token = passwordGrant(username);
  token.catch(() => cachedTokens.delete(username));
  cachedTokens.set(username, { token, at: Date.now() });
  return token;
}
