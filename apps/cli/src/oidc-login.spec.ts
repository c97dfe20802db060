import { mkdtempSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { run } from './cli';
import { loadCredentials, saveToken } from './credentials';
import { ExitCode } from './exit-codes';
import { fakeRuntime, type FakeRequest } from './testing/fake-runtime';

const issuer = 'http://idp.test/realms/comity';
const discovery = {
  issuer,
  token_endpoint: `${issuer}/token`,
  device_authorization_endpoint: `${issuer}/device`,
};
const jwt = (claims: object) =>
  `eyJhbGciOiJSUzI1NiJ9.${Buffer.from(JSON.stringify(claims)).toString('base64url')}.signature`;
// The fake clock says 2026-01-01T12:00:00Z.
const now = Date.parse('2026-01-01T12:00:00Z') / 1000;

/** A provider that answers `pending` polls with authorization_pending, then the tokens. */
function provider(pending: number, final: { status: number; body: unknown }) {
  let polls = 0;
  return (req: FakeRequest) => {
    if (req.url.pathname.endsWith('/.well-known/openid-configuration')) return { status: 200, body: discovery };
    if (req.url.href === discovery.device_authorization_endpoint) {
      return {
        status: 200,
        body: {
          device_code: 'dev-1',
          user_code: 'WXYZ-1234',
          verification_uri: `${issuer}/device`,
          verification_uri_complete: `${issuer}/device?user_code=WXYZ-1234`,
          expires_in: 600,
          interval: 0,
        },
      };
    }
    if (req.url.href === discovery.token_endpoint) {
      polls++;
      return polls <= pending ? { status: 400, body: { error: 'authorization_pending' } } : final;
    }
    return { status: 404 };
  };
}

describe('comity login with the device flow', () => {
  let home: string;
  beforeEach(() => (home = mkdtempSync(path.join(tmpdir(), 'comity-cli-'))));
  afterEach(() => rmSync(home, { recursive: true, force: true }));

  it('shows the address and code, polls until approved, and stores the tokens 0600 with the refresh token', async () => {
    const access = jwt({ sub: 'u-1', exp: now + 300 });
    const fake = fakeRuntime(provider(2, { status: 200, body: { access_token: access, refresh_token: 'refresh-1' } }));
    const runtime = { ...fake.runtime, env: { COMITY_CLI_HOME: home, COMITY_AUTH_ISSUER: issuer } };
    await expect(run(['login'], runtime)).resolves.toBe(ExitCode.Ok);
    expect(fake.stderr()).toContain(`open ${issuer}/device and enter the code WXYZ-1234`);
    const polls = fake.requests.filter((r) => r.url.href === discovery.token_endpoint);
    expect(polls).toHaveLength(3);
    expect(polls[0]?.body).toEqual({
      grant_type: 'urn:ietf:params:oauth:grant-type:device_code',
      device_code: 'dev-1',
      client_id: 'comity-cli',
    });
    expect(loadCredentials(runtime.env)).toMatchObject({
      token: access,
      oidc: { issuer, clientId: 'comity-cli', refreshToken: 'refresh-1' },
    });
    expect(statSync(path.join(home, 'credentials.json')).mode & 0o777).toBe(0o600);
  });

  it('says so when the user denies the sign-in, and stores nothing', async () => {
    const fake = fakeRuntime(provider(0, { status: 400, body: { error: 'access_denied' } }));
    const runtime = { ...fake.runtime, env: { COMITY_CLI_HOME: home } };
    await expect(run(['login', '--issuer', issuer], runtime)).resolves.toBe(ExitCode.NotAuthenticated);
    expect(fake.stderr()).toMatch(/SIGN_IN_FAILED.*denied|denied/);
    expect(loadCredentials(runtime.env)).toBeUndefined();
  });

  it('refreshes a stored sign-in whose access token runs out before calling the API', async () => {
    const refreshed = jwt({ sub: 'u-1', exp: now + 300 });
    const answer = provider(0, { status: 200, body: { access_token: refreshed, refresh_token: 'refresh-2' } });
    const fake = fakeRuntime((req) =>
      req.url.host === 'api.test' ? { status: 200, body: { items: [] } } : answer(req),
    );
    const env = { COMITY_CLI_HOME: home, COMITY_API_URL: 'http://api.test' };
    saveToken(env, jwt({ sub: 'u-1', exp: now + 10 }), new Date(), {
      issuer,
      clientId: 'comity-cli',
      refreshToken: 'refresh-1',
    });
    await expect(run(['list', '--json'], { ...fake.runtime, env })).resolves.toBe(ExitCode.Ok);
    const refresh = fake.requests.find((r) => r.url.href === discovery.token_endpoint);
    expect(refresh?.body).toEqual({ grant_type: 'refresh_token', refresh_token: 'refresh-1', client_id: 'comity-cli' });
    const apiCall = fake.requests.find((r) => r.url.host === 'api.test');
    expect(apiCall?.headers['authorization']).toBe(`Bearer ${refreshed}`);
    expect(loadCredentials(env)).toMatchObject({ token: refreshed, oidc: { refreshToken: 'refresh-2' } });
  });
});
