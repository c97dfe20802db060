import { generateKeyPairSync, randomBytes, type KeyObject } from 'node:crypto';
import type { JWK } from 'jose';
import { issueLocalToken } from './tokens';
import type { Agency, IssuedCredential } from '@comity/api-contract';
import type { ComityConfig } from '@comity/config';

/** What an agency's system holds once it is onboarded: its channel, its broker credential and its signing key. */
export interface AgencyCredentials {
  readonly agencyId: string;
  readonly principal: string;
  readonly password: string;
  readonly tasksTopic: string;
  readonly answersTopic: string;
  readonly groupPrefix: string;
  readonly kid: string;
  readonly privateKey: KeyObject;
}

/**
 * Onboards agencies as an installation's administrator would, through the agency registry's API
 * (the agency simulator does, for the agencies it plays; so do the tests): registers each (which provisions its topics and grants), registers a new
 * Ed25519 signing key for it, and issues it a broker credential, as an administrator: with a token
 * minted with the local signing secret, or under OIDC its service account's (adminToken).
 */
export async function onboardAgencies(
  config: ComityConfig,
  agencies: readonly { agencyId: string; state?: string }[],
): Promise<AgencyCredentials[]> {
  await waitForApi(config.api.url);
  const token = await adminToken(config);
  // A 503 (the broker busy or starting, say) changed nothing and says to retry: it is, for a while.
  const call = async <T>(method: string, path: string, body?: unknown): Promise<T> => {
    for (let attempt = 1; ; attempt += 1) {
      const res = await fetch(`${config.api.url}/api/v1${path}`, {
        method,
        headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' },
        body: body === undefined ? undefined : JSON.stringify(body),
      });
      const text = await res.text();
      if (res.ok) return JSON.parse(text) as T;
      if (res.status !== 503 || attempt >= 10)
        throw new Error(`${method} ${path}: ${res.status} ${text.slice(0, 300)}`);
      await new Promise((resolve) => setTimeout(resolve, 500 * attempt));
    }
  };
  const onboard = async ({ agencyId, state }: { agencyId: string; state?: string }) => {
    const view = await call<Agency>('PUT', `/agencies/${agencyId}`, {
      name: agencyId,
      state: state ?? agencyId.slice(0, 2).toUpperCase(),
    });
    const { privateKey, publicKey } = generateKeyPairSync('ed25519');
    const jwk = publicKey.export({ format: 'jwk' }) as JWK;
    const kid = `sim-${Date.now().toString(36)}-${randomBytes(3).toString('hex')}`;
    await call('POST', `/agencies/${agencyId}/keys`, { kid, jwk: { kty: jwk.kty, crv: jwk.crv, x: jwk.x } });
    const credential = await call<IssuedCredential>('POST', `/agencies/${agencyId}/credentials`);
    return { agencyId, ...view.channel, password: credential.password, kid, privateKey };
  };
  // A few at a time: each registration creates topics and grants on the broker.
  const onboarded: AgencyCredentials[] = [];
  for (let i = 0; i < agencies.length; i += 4) {
    onboarded.push(...(await Promise.all(agencies.slice(i, i + 4).map(onboard))));
  }
  return onboarded;
}

/**
 * The simulator's administrator token: minted with the local secret, or under OIDC fetched by the
 * client credentials grant of its own client (COMITY_SIMULATOR_OIDC_CLIENT_ID and _SECRET), whose
 * service account the identity provider gives the admin role.
 */
async function adminToken(config: ComityConfig): Promise<string> {
  const { auth, simulator } = config;
  if (auth.mode === 'local') {
    if (!auth.secret) throw new Error('the agency simulator needs COMITY_AUTH_SECRET to mint its admin token');
    return issueLocalToken(auth.secret, { userId: 'agency-simulator', role: 'admin' });
  }
  if (!auth.issuer) throw new Error('COMITY_AUTH_ISSUER is required under COMITY_AUTH_MODE=oidc');
  if (!simulator.oidcClientSecret) {
    throw new Error('the agency simulator needs COMITY_SIMULATOR_OIDC_CLIENT_SECRET under COMITY_AUTH_MODE=oidc');
  }
  const discovery = await fetch(`${auth.issuer.replace(/\/$/, '')}/.well-known/openid-configuration`);
  const endpoint = discovery.ok ? ((await discovery.json()) as { token_endpoint?: unknown }).token_endpoint : undefined;
  if (typeof endpoint !== 'string') throw new Error(`${auth.issuer} has no OIDC discovery document`);
  const res = await fetch(endpoint, {
    method: 'POST',
    headers: { 'content-type': 'application/x-www-form-urlencoded' },
    body: new URLSearchParams({
      grant_type: 'client_credentials',
      client_id: simulator.oidcClientId,
      client_secret: simulator.oidcClientSecret,
    }),
  });
  const body = (await res.json().catch(() => ({}))) as { access_token?: unknown; error?: unknown };
  if (typeof body.access_token !== 'string') {
    throw new Error(
      `${auth.issuer} gave client '${simulator.oidcClientId}' no token: ${res.status} ${String(body.error)}`,
    );
  }
  return body.access_token;
}

/** The installation's public keys: those that verify its tasks (use sig), and the one answers are encrypted to (use enc). */
export async function installationKeys(config: ComityConfig): Promise<JWK[]> {
  const res = await fetch(`${config.api.url}/api/v1/installation/keys`);
  if (!res.ok) throw new Error(`GET /api/v1/installation/keys: ${res.status}`);
  return ((await res.json()) as { keys: JWK[] }).keys;
}

/** Started beside the API (npm start -- --demo), the simulator waits for it to answer, up to two minutes. */
async function waitForApi(url: string, timeoutMs = 120_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const up = await fetch(`${url}/health`).then(
      (res) => res.ok,
      () => false,
    );
    if (up) return;
    if (Date.now() > deadline) throw new Error(`the API at ${url} did not answer within ${timeoutMs / 1000} s`);
    await new Promise((resolve) => setTimeout(resolve, 500));
  }
}

/**
 * Signs in to the broker with a credential just issued, which may take a moment to reach every
 * broker: a refused sign-in is tried again, briefly; any other failure is thrown at once.
 */
export async function signInWithRetry<T>(connect: () => Promise<T>): Promise<T> {
  for (let attempt = 1; ; attempt += 1) {
    try {
      return await connect();
    } catch (err) {
      if (attempt >= 10 || !/SASL|authenticat/i.test(err instanceof Error ? err.message : '')) throw err;
      await new Promise((resolve) => setTimeout(resolve, 300 * attempt));
    }
  }
}
