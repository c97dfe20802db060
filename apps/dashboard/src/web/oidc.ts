/**
 * Sign-in through the installation's OIDC provider: authorization code with PKCE (S256), as a public
 * client (a page can keep no secret). Where the tokens live, and why:
 * - the access token in sessionStorage (api.ts `session`): this tab only, gone when it closes, and it
 *   survives the reload the redirect back from the provider is; it is short-lived (minutes);
 * - the refresh token in this page's memory only, never in any storage: it lives as long as the
 *   provider's session, so it is not left where it outlives the page. After a reload the page has none,
 *   and when the access token runs out the user signs in again (the provider's own session cookie
 *   usually makes that a redirect without a password).
 */
import type { DashboardAuthSettings, OidcSettings } from './api-types';
import { t } from './i18n';

const PENDING_KEY = 'comity.oidc.pending';

/** Fired on `window` with the new access token when a refresh replaced the old one. */
export const TOKEN_REFRESHED = 'comity:token-refreshed';

interface TokenAnswer {
  readonly access_token: string;
  readonly refresh_token?: string;
  readonly id_token?: string;
  readonly expires_in?: number;
}

interface Pending {
  readonly state: string;
  readonly verifier: string;
  readonly returnTo: string;
}

/** How the page signs in: the dashboard's server says (GET /auth-config.json); a static host means local. */
export async function loadAuthSettings(): Promise<DashboardAuthSettings> {
  const res = await fetch('/auth-config.json').catch(() => undefined);
  return res?.ok ? ((await res.json()) as DashboardAuthSettings) : { mode: 'local' };
}

const base64url = (bytes: Uint8Array) =>
  btoa(String.fromCharCode(...bytes))
    .replace(/\+/g, '-')
    .replace(/\//g, '_')
    .replace(/=+$/, '');
const randomString = () => base64url(crypto.getRandomValues(new Uint8Array(32)));
const redirectUri = () => `${location.origin}/`;

/** Leaves for the provider's sign-in page; it comes back to `/?code=…&state=…`. */
export async function beginSignIn(settings: OidcSettings): Promise<void> {
  const verifier = randomString();
  const challenge = base64url(
    new Uint8Array(await crypto.subtle.digest('SHA-256', new TextEncoder().encode(verifier))),
  );
  const pending: Pending = { state: randomString(), verifier, returnTo: location.hash || '#/board' };
  sessionStorage.setItem(PENDING_KEY, JSON.stringify(pending));
  const url = new URL(settings.authorizationEndpoint);
  url.search = new URLSearchParams({
    response_type: 'code',
    client_id: settings.clientId,
    redirect_uri: redirectUri(),
    scope: 'openid',
    state: pending.state,
    code_challenge: challenge,
    code_challenge_method: 'S256',
  }).toString();
  location.assign(url.href);
}

export class SignInError extends Error {
  override readonly name = 'SignInError';
}

/**
 * After the provider's redirect: exchanges the code (with the PKCE verifier) for tokens, and cleans the
 * address bar. Answers undefined when this page load is not such a redirect.
 */
export async function completeSignIn(
  settings: OidcSettings,
): Promise<{ accessToken: string; returnTo: string } | undefined> {
  const params = new URLSearchParams(location.search);
  if (!params.has('code') && !params.has('error')) return undefined;
  const pending = JSON.parse(sessionStorage.getItem(PENDING_KEY) ?? 'null') as Pending | null;
  sessionStorage.removeItem(PENDING_KEY);
  history.replaceState(null, '', `/${pending?.returnTo ?? '#/board'}`);
  if (params.has('error')) {
    throw new SignInError(
      t('signIn.providerRefused', { reason: params.get('error_description') ?? params.get('error') ?? '' }),
    );
  }
  // A code this tab did not ask for (or asked for in another tab) is never redeemed.
  if (!pending || params.get('state') !== pending.state) throw new SignInError(t('signIn.unexpectedAnswer'));
  const tokens = await tokenRequest(settings, {
    grant_type: 'authorization_code',
    code: params.get('code') ?? '',
    redirect_uri: redirectUri(),
    code_verifier: pending.verifier,
  });
  return { accessToken: tokens.access_token, returnTo: pending.returnTo };
}

let refreshToken: string | undefined;
/** Kept in memory like the refresh token: it lets sign-out end the provider's session without asking. */
let idToken: string | undefined;
let refreshTimer: ReturnType<typeof setTimeout> | undefined;

async function tokenRequest(settings: OidcSettings, form: Record<string, string>): Promise<TokenAnswer> {
  const res = await fetch(settings.tokenEndpoint, {
    method: 'POST',
    headers: { 'content-type': 'application/x-www-form-urlencoded' },
    body: new URLSearchParams({ ...form, client_id: settings.clientId }),
  });
  const body = (await res.json().catch(() => ({}))) as Partial<TokenAnswer> & { error_description?: string };
  if (!res.ok || typeof body.access_token !== 'string') {
    throw new SignInError(t('signIn.noToken', { reason: body.error_description ?? res.status }));
  }
  refreshToken = body.refresh_token;
  idToken = body.id_token ?? idToken;
  scheduleRefresh(settings, body.expires_in);
  return body as TokenAnswer;
}

/** Refreshes when four fifths of the access token's life have passed; a failed refresh ends the session. */
function scheduleRefresh(settings: OidcSettings, expiresIn = 300): void {
  clearTimeout(refreshTimer);
  if (!refreshToken) return;
  refreshTimer = setTimeout(
    () => {
      tokenRequest(settings, { grant_type: 'refresh_token', refresh_token: refreshToken ?? '' }).then(
        (tokens) => window.dispatchEvent(new CustomEvent(TOKEN_REFRESHED, { detail: tokens.access_token })),
        () => {
          refreshToken = undefined;
        },
      );
    },
    Math.max(5, expiresIn * 0.8) * 1000,
  );
}

/** Forgets the refresh token and ends the provider's session too, coming back to the sign-in page. */
export function signOutAtProvider(settings: OidcSettings): void {
  clearTimeout(refreshTimer);
  const hint = idToken;
  refreshToken = undefined;
  idToken = undefined;
  if (!settings.endSessionEndpoint) return;
  const url = new URL(settings.endSessionEndpoint);
  // Without the ID token (after a reload) the provider asks the user to confirm.
  url.search = new URLSearchParams({
    client_id: settings.clientId,
    post_logout_redirect_uri: redirectUri(),
    ...(hint ? { id_token_hint: hint } : {}),
  }).toString();
  location.assign(url.href);
}
