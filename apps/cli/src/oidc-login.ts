/**
 * Signing in at the installation's OIDC provider with the device authorization grant (RFC 8628): the
 * CLI shows a code and an address, the user approves in any browser, the CLI polls for the token. A
 * terminal needs no redirect URI and never sees the password. Tokens are refreshed with the refresh
 * token the provider issued, kept beside them in the credentials file (0600).
 */
import type { Runtime } from './context';
import { CliError, ExitCode } from './exit-codes';

export interface OidcClient {
  readonly issuer: string;
  readonly clientId: string;
}

export interface IssuedTokens {
  readonly accessToken: string;
  readonly refreshToken?: string;
}

interface DeviceAuthorization {
  readonly device_code: string;
  readonly user_code: string;
  readonly verification_uri: string;
  readonly verification_uri_complete?: string;
  readonly expires_in: number;
  readonly interval?: number;
}

type Form = Record<string, string>;

const providerError = (message: string, details: string[] = []) =>
  new CliError(ExitCode.NotAuthenticated, 'SIGN_IN_FAILED', message, details);

async function post(
  runtime: Runtime,
  url: string,
  form: Form,
): Promise<{ status: number; body: Record<string, unknown> }> {
  let res: Response;
  try {
    res = await (runtime.fetch ?? fetch)(url, {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded', accept: 'application/json' },
      body: new URLSearchParams(form).toString(),
      signal: AbortSignal.timeout(30_000),
    });
  } catch (err) {
    throw new CliError(ExitCode.Unavailable, 'SERVICE_UNAVAILABLE', `cannot reach ${url} (${(err as Error).message})`);
  }
  const body = (await res.json().catch(() => ({}))) as Record<string, unknown>;
  return { status: res.status, body };
}

/** The provider's endpoints, from its discovery document (which must name the same issuer). */
async function endpoints(runtime: Runtime, issuer: string) {
  const url = `${issuer.replace(/\/$/, '')}/.well-known/openid-configuration`;
  let doc: Record<string, unknown>;
  try {
    const res = await (runtime.fetch ?? fetch)(url, { signal: AbortSignal.timeout(30_000) });
    doc = res.ok ? ((await res.json()) as Record<string, unknown>) : {};
  } catch (err) {
    throw new CliError(ExitCode.Unavailable, 'SERVICE_UNAVAILABLE', `cannot reach ${url} (${(err as Error).message})`);
  }
  if (doc['issuer'] !== issuer || typeof doc['token_endpoint'] !== 'string') {
    throw providerError(`${issuer} is not an OIDC issuer (no matching discovery document at ${url})`);
  }
  return { token: doc['token_endpoint'], device: doc['device_authorization_endpoint'] };
}

const tokensOf = (body: Record<string, unknown>): IssuedTokens => ({
  accessToken: String(body['access_token']),
  ...(typeof body['refresh_token'] === 'string' ? { refreshToken: body['refresh_token'] } : {}),
});

/** Waits `ms`, or rejects when the user presses Ctrl-C. */
function pause(runtime: Runtime, ms: number): Promise<void> {
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => {
      unsubscribe();
      resolve();
    }, ms);
    const unsubscribe = runtime.onInterrupt(() => {
      clearTimeout(timer);
      unsubscribe();
      reject(new CliError(ExitCode.Interrupted, 'INTERRUPTED', 'interrupted'));
    });
  });
}

/**
 * The device flow: `show` gets the address and code to give the user (on stderr, so that stdout stays
 * the command's answer); resolves with the tokens once the user approved.
 */
export async function deviceLogin(
  runtime: Runtime,
  client: OidcClient,
  show: (prompt: { verificationUri: string; verificationUriComplete?: string; userCode: string }) => void,
): Promise<IssuedTokens> {
  const { token, device } = await endpoints(runtime, client.issuer);
  if (typeof device !== 'string') throw providerError(`${client.issuer} does not offer the device authorization grant`);
  const started = await post(runtime, device, { client_id: client.clientId, scope: 'openid' });
  const grant = started.body as Partial<DeviceAuthorization>;
  if (started.status !== 200 || typeof grant.device_code !== 'string' || typeof grant.user_code !== 'string') {
    throw providerError(
      `the provider refused to start a device sign-in: ${String(started.body['error_description'] ?? started.status)}`,
      [`is '${client.clientId}' a client with the device authorization grant enabled?`],
    );
  }
  show({
    verificationUri: String(grant.verification_uri),
    verificationUriComplete: grant.verification_uri_complete,
    userCode: grant.user_code,
  });
  let interval = (grant.interval ?? 5) * 1000;
  const deadline = runtime.now().getTime() + (grant.expires_in ?? 600) * 1000;
  for (;;) {
    await pause(runtime, interval);
    const answer = await post(runtime, token, {
      grant_type: 'urn:ietf:params:oauth:grant-type:device_code',
      device_code: grant.device_code,
      client_id: client.clientId,
    });
    if (answer.status === 200 && typeof answer.body['access_token'] === 'string') return tokensOf(answer.body);
    const error = answer.body['error'];
    // RFC 8628 §3.5: keep polling while pending; poll 5 s slower when asked to.
    if (error === 'slow_down') interval += 5000;
    else if (error !== 'authorization_pending') {
      throw providerError(
        error === 'access_denied'
          ? 'the sign-in was denied'
          : error === 'expired_token'
            ? 'the code expired before it was approved; run comity login again'
            : `the provider refused: ${String(answer.body['error_description'] ?? error ?? answer.status)}`,
      );
    }
    if (runtime.now().getTime() > deadline)
      throw providerError('the code expired before it was approved; run comity login again');
  }
}

/** A new access token for the refresh token, or an error telling the user to log in again. */
export async function refreshTokens(runtime: Runtime, client: OidcClient, refreshToken: string): Promise<IssuedTokens> {
  const { token } = await endpoints(runtime, client.issuer);
  const answer = await post(runtime, token, {
    grant_type: 'refresh_token',
    refresh_token: refreshToken,
    client_id: client.clientId,
  });
  if (answer.status === 200 && typeof answer.body['access_token'] === 'string') return tokensOf(answer.body);
  throw providerError('the sign-in expired and could not be refreshed', ['run `comity login` again']);
}
