import { execFileSync, spawn, type ChildProcess } from 'node:child_process';
import { mkdirSync, mkdtempSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { request as httpRequest } from 'node:http';
import { createServer as createHttpsServer, type Server as HttpsServer } from 'node:https';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { chromium, type Browser, type Page } from 'playwright-core';
import { Client, Connection } from '@temporalio/client';
import { issueLocalToken } from '@comity/auth';
import { loadConfig } from '@comity/config';
import { comityDataConverter } from '@comity/temporal';
import { root, startApp, waitFor, type RunningApp } from '../support/apps';
import { ISSUER, keycloakReady, passwordGrant, passwordOf } from '../support/keycloak';
import { startStack, type Stack } from '../support/stack';

/**
 * Real sign-in through the local Keycloak (infra/keycloak, realm `comity`): the API in OIDC mode
 * verifies its tokens and maps their claims; the dashboard signs in with authorization code + PKCE
 * through Keycloak's own login form in a real browser; the CLI with the device flow, approved in
 * that browser; the codec endpoint answers Temporal's Web UI origin only, and operators only.
 * The dashboard's port is one of the realm's redirect URIs (infra/keycloak/comity-realm.json).
 */
const API_PORT = 3230;
const DASHBOARD_PORT = 3231;
const dashboardUrl = `http://127.0.0.1:${DASHBOARD_PORT}/`;
/** Temporal's Web UI (the dev server's, already running): an origin the codec answers. */
const TEMPORAL_UI = `http://127.0.0.1:${process.env['COMITY_TEMPORAL_UI_PORT'] ?? '8233'}`;
/** Temporal's UI server with OIDC sign-in (infra/temporal-ui), started here; the realm's temporal-ui client redirects to it. */
const UI_SERVER_PORT = 3232;
const UI_SERVER = `http://127.0.0.1:${UI_SERVER_PORT}`;
/** TLS in front of the API: the UI passes the operator's token to an https:// codec endpoint only. */
const CODEC_TLS_PORT = 3233;

let stack: Stack;
let dashboard: RunningApp;
let browser: Browser;
let home: string;

beforeAll(async () => {
  await keycloakReady();
  // Every app of this file's stack reads these (startApp passes the test's environment on).
  Object.assign(process.env, {
    COMITY_AUTH_MODE: 'oidc',
    COMITY_AUTH_ISSUER: ISSUER,
    COMITY_CODEC_CORS_ORIGINS: `${TEMPORAL_UI},${UI_SERVER}`,
  });
  stack = await startStack('sqlite', API_PORT);
  dashboard = await startApp('dashboard', { ...stack.environment.env, COMITY_DASHBOARD_PORT: String(DASHBOARD_PORT) });
  browser = await chromium.launch({
    executablePath: process.env['COMITY_CHROMIUM_PATH'] ?? '/usr/bin/chromium',
    headless: true,
  });
  home = mkdtempSync(path.join(tmpdir(), 'comity-sign-in-e2e-'));
}, 240_000);

afterAll(async () => {
  await browser?.close();
  const code = await dashboard?.stop();
  await stack?.stop();
  rmSync(home, { recursive: true, force: true });
  if (dashboard && code !== 0) throw new Error(`the dashboard did not exit cleanly (${code}):\n${dashboard.output()}`);
}, 60_000);

/** Calls the API with a bearer token (or none). */
async function call<T = Record<string, unknown>>(
  token: string | undefined,
  method: string,
  route: string,
  body?: unknown,
) {
  const res = await fetch(`${stack.base}${route}`, {
    method,
    headers: { 'content-type': 'application/json', ...(token ? { authorization: `Bearer ${token}` } : {}) },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  return { status: res.status, body: (await res.json().catch(() => ({}))) as T, headers: res.headers };
}

/** One token per user for the calls the test makes itself (they live five minutes; a run takes less). */
const tokens = new Map<string, Promise<string>>();
const tokenOf = (username: string) => {
  let token = tokens.get(username);
  if (!token) tokens.set(username, (token = passwordGrant(username)));
  return token;
};

async function startMla(requested: string): Promise<string> {
  const res = await call<{ id: string }>(await tokenOf('officer'), 'POST', '/api/v1/processes', {
    type: 'mla',
    legalBasis: 'UNTOC',
    parties: { requesting: { agencyId: 'it-police', state: 'IT' }, requested: { agencyId: requested, state: 'GR' } },
  });
  if (res.status !== 201) throw new Error(`start: ${res.status} ${JSON.stringify(res.body)}`);
  return res.body.id;
}

/** Waits until the read model has the process (the dashboard's board reads it). */
const projected = async (id: string) => {
  const token = await tokenOf('officer');
  await waitFor(`${id} in the read model`, async () =>
    (await call(token, 'GET', `/api/v1/processes/${id}`)).status === 200 &&
    (await call<{ items: { id: string }[] }>(token, 'GET', '/api/v1/processes?limit=200')).body.items.some(
      (p) => p.id === id,
    )
      ? true
      : undefined,
  );
};

/** An https:// listener forwarding everything to the API, with a self-signed certificate made here. */
async function tlsInFrontOfApi(): Promise<HttpsServer> {
  const dir = path.join(home, 'tls');
  mkdirSync(dir, { recursive: true });
  execFileSync(
    'openssl',
    [
      'req',
      '-x509',
      '-newkey',
      'ec',
      '-pkeyopt',
      'ec_paramgen_curve:P-256',
      '-nodes',
      '-days',
      '1',
      '-subj',
      '/CN=127.0.0.1',
      '-addext',
      'subjectAltName=IP:127.0.0.1',
      '-keyout',
      path.join(dir, 'key.pem'),
      '-out',
      path.join(dir, 'cert.pem'),
    ],
    { stdio: 'ignore' },
  );
  const api = new URL(stack.base);
  const server = createHttpsServer(
    { key: readFileSync(path.join(dir, 'key.pem')), cert: readFileSync(path.join(dir, 'cert.pem')) },
    (req, res) => {
      const upstream = httpRequest(
        { host: api.hostname, port: api.port, path: req.url, method: req.method, headers: req.headers },
        (answer) => {
          res.writeHead(answer.statusCode ?? 502, answer.headers);
          answer.pipe(res);
        },
      );
      upstream.on('error', () => res.destroy());
      req.pipe(upstream);
    },
  );
  await new Promise<void>((resolve) => server.listen(CODEC_TLS_PORT, '127.0.0.1', resolve));
  return server;
}

/** Keycloak's login form: the page the dashboard and the device flow send the user to. */
async function keycloakLogin(page: Page, username: string, password = passwordOf(username)) {
  await page.locator('#username').fill(username);
  await page.locator('#password').fill(password);
  await page.locator('#kc-login').click();
}

/** A fresh browser signed in to the dashboard through Keycloak, showing the board. */
async function signedIn(username: string): Promise<Page> {
  const page = await (await browser.newContext()).newPage();
  await page.goto(dashboardUrl);
  await page.getByRole('button', { name: 'Sign in' }).click();
  await page.waitForURL((url) => url.href.startsWith(ISSUER));
  await keycloakLogin(page, username);
  await page.waitForURL((url) => url.href.startsWith(dashboardUrl));
  await page.locator('.board[aria-busy="false"]').waitFor();
  return page;
}

describe('the API in OIDC mode', () => {
  it("maps Keycloak's realm roles and agency attribute to the caller", async () => {
    const officer = await call(await tokenOf('officer'), 'GET', '/api/v1/me');
    expect(officer).toMatchObject({ status: 200, body: { role: 'coordinator' } });
    const clerk = await call(await tokenOf('gr-clerk'), 'GET', '/api/v1/me');
    expect(clerk).toMatchObject({ status: 200, body: { role: 'agency', agencyId: 'gr-coastguard' } });
  }, 120_000);

  it('refuses a token of another issuer, of another audience, and a locally minted one', async () => {
    const elsewhere = await passwordGrant('officer', { realm: 'elsewhere' });
    expect(await call(elsewhere, 'GET', '/api/v1/me')).toMatchObject({ status: 401, body: { message: /iss/ } });
    const noAudience = await passwordGrant('officer', { clientId: 'comity-e2e-no-audience' });
    expect(await call(noAudience, 'GET', '/api/v1/me')).toMatchObject({ status: 401, body: { message: /aud/ } });
    const minted = await issueLocalToken('x'.repeat(48), { userId: 'officer', role: 'admin' });
    expect((await call(minted, 'GET', '/api/v1/me')).status).toBe(401);
  }, 120_000);
});

describe('the dashboard', () => {
  it('signs in with authorization code + PKCE through Keycloak, shows the pipeline, keeps no refresh token in storage', async () => {
    const id = await startMla('gr-coastguard');
    await projected(id);
    const page = await (await browser.newContext()).newPage();
    const authorize: URL[] = [];
    page.on('request', (req) => {
      if (req.url().startsWith(`${ISSUER}/protocol/openid-connect/auth`)) authorize.push(new URL(req.url()));
    });
    await page.goto(dashboardUrl);
    await page.getByRole('button', { name: 'Sign in' }).click();
    await page.waitForURL((url) => url.href.startsWith(ISSUER));
    expect(authorize[0]?.searchParams.get('code_challenge_method')).toBe('S256');
    expect(authorize[0]?.searchParams.get('client_id')).toBe('comity-dashboard');
    await keycloakLogin(page, 'officer');
    await page.locator(`[data-process-id="${id}"]`).first().waitFor();
    await expect(page.locator('#who').textContent()).resolves.toMatch(/· coordinator$/);
    expect(new URL(page.url()).search).toBe('');
    const stored = await page.evaluate(() => ({ session: { ...sessionStorage }, local: { ...localStorage } }));
    expect(stored.local).toEqual({});
    expect(Object.keys(stored.session)).toEqual(['comity.token']);

    // Signing out ends Keycloak's session too: signing in again asks for the password.
    await page.getByRole('button', { name: 'Sign out' }).click();
    await page.getByRole('button', { name: 'Sign in' }).waitFor();
    await page.getByRole('button', { name: 'Sign in' }).click();
    await page.locator('#password').waitFor();
    await page.context().close();
  }, 120_000);

  // it-clerk signs in nowhere else: Keycloak's brute-force detection may hold the user back for a while.
  it('stays at the login form with a wrong password', async () => {
    const page = await (await browser.newContext()).newPage();
    await page.goto(dashboardUrl);
    await page.getByRole('button', { name: 'Sign in' }).click();
    await page.waitForURL((url) => url.href.startsWith(ISSUER));
    await keycloakLogin(page, 'it-clerk', 'not-the-password');
    await page.getByText('Invalid username or password.').waitFor();
    expect(page.url().startsWith(ISSUER)).toBe(true);
    expect(await page.evaluate(() => sessionStorage.getItem('comity.token'))).toBeNull();
    await page.context().close();
  }, 120_000);

  it("shows an agency user only its agency's processes", async () => {
    const ours = await startMla('gr-coastguard');
    const theirs = await startMla('tr-police');
    await projected(ours);
    await projected(theirs);
    const page = await signedIn('gr-clerk');
    await page.locator(`[data-process-id="${ours}"]`).first().waitFor();
    await expect(page.locator('#who').textContent()).resolves.toMatch(/· agency · gr-coastguard$/);
    expect(await page.locator(`[data-process-id="${theirs}"]`).count()).toBe(0);
    await page.context().close();
  }, 120_000);
});

describe('the CLI', () => {
  it('logs in with the device flow, approved in the browser, and then calls the API', async () => {
    const { COMITY_TOKEN: _ignored, ...inherited } = process.env;
    const env = { ...inherited, COMITY_CLI_HOME: home, COMITY_API_URL: stack.base, COMITY_AUTH_ISSUER: ISSUER };
    const cli = (args: string[]) =>
      spawn(process.execPath, ['-r', '@swc-node/register', 'apps/cli/src/main.ts', ...args], { cwd: root, env });
    const login = cli(['login']);
    let stderr = '';
    login.stderr.on('data', (d: Buffer) => (stderr += d.toString()));
    const exited = new Promise<number | null>((resolve) => login.on('exit', resolve));
    const approval = await waitFor(
      'the verification address',
      async () => /\(or open (\S+)\)/.exec(stderr)?.[1],
      60_000,
    );
    expect(stderr).toMatch(/enter the code [A-Z]{4}-[A-Z]{4}/);

    const page = await (await browser.newContext()).newPage();
    await page.goto(approval);
    await keycloakLogin(page, 'officer');
    const grant = page.getByRole('button', { name: 'Yes' });
    const done = page.getByText(/Device Login Successful/i);
    await grant.or(done).first().waitFor();
    if (await grant.isVisible()) await grant.click();
    await done.waitFor();
    await page.context().close();

    expect(await exited).toBe(0);
    expect(statSync(path.join(home, 'credentials.json')).mode & 0o777).toBe(0o600);
    const list = cli(['list', '--json']);
    let stdout = '';
    list.stdout.on('data', (d: Buffer) => (stdout += d.toString()));
    expect(await new Promise((resolve) => list.on('exit', resolve))).toBe(0);
    expect(JSON.parse(stdout)).toHaveProperty('items');
  }, 120_000);
});

describe("the codec endpoint and Temporal's Web UI", () => {
  const preflight = (origin: string, route = '/codec/decode') =>
    fetch(`${stack.base}${route}`, {
      method: 'OPTIONS',
      headers: {
        origin,
        'access-control-request-method': 'POST',
        'access-control-request-headers': 'authorization,authorization-extras,content-type,x-namespace',
      },
    });

  it("allows the Web UI's origin on the codec routes only", async () => {
    const fromUi = await preflight(TEMPORAL_UI);
    expect(fromUi.headers.get('access-control-allow-origin')).toBe(TEMPORAL_UI);
    expect(fromUi.headers.get('access-control-allow-headers')).toMatch(/x-namespace/);
    expect((await preflight(dashboardUrl.slice(0, -1))).headers.get('access-control-allow-origin')).toBeNull();
    expect((await preflight('http://evil.test')).headers.get('access-control-allow-origin')).toBeNull();
    expect((await preflight(TEMPORAL_UI, '/api/v1/pipeline')).headers.get('access-control-allow-origin')).toBeNull();
  }, 120_000);

  it("decodes for an operator's token only: 401 without one, 403 for another role, plaintext for an operator", async () => {
    const plain = {
      metadata: { encoding: Buffer.from('json/plain').toString('base64') },
      data: Buffer.from('{"name":"Jane Roe"}').toString('base64'),
    };
    const officer = await tokenOf('officer');
    const encoded = await call<{ payloads: (typeof plain)[] }>(officer, 'POST', '/codec/encode', { payloads: [plain] });
    expect(encoded.status).toBe(200);
    expect(encoded.body.payloads[0]?.data).not.toBe(plain.data);
    const body = { payloads: encoded.body.payloads };
    expect((await call(undefined, 'POST', '/codec/decode', body)).status).toBe(401);
    expect(await call(await tokenOf('auditor'), 'POST', '/codec/decode', body)).toMatchObject({
      status: 403,
      body: { code: 'ROLE_FORBIDDEN' },
    });
    expect((await call(await tokenOf('admin'), 'POST', '/codec/decode', body)).body).toEqual({
      payloads: [plain],
    });

    // In a browser, as the Web UI calls it (passing the signed-in operator's access token): from the
    // UI's origin the answer is readable; from any other page the browser refuses it.
    const decodeIn = (page: Page) =>
      page.evaluate(
        async ({ url, token, payloads }) => {
          try {
            const res = await fetch(url, {
              method: 'POST',
              headers: {
                authorization: `Bearer ${token}`,
                'content-type': 'application/json',
                'x-namespace': 'comity',
              },
              body: JSON.stringify(payloads),
            });
            return { status: res.status, body: (await res.json()) as unknown };
          } catch (err) {
            return { refused: String(err) };
          }
        },
        { url: `${stack.base}/codec/decode`, token: officer, payloads: body },
      );
    const context = await browser.newContext();
    const ui = await context.newPage();
    await ui.goto(TEMPORAL_UI);
    expect(await decodeIn(ui)).toEqual({ status: 200, body: { payloads: [plain] } });
    const other = await context.newPage();
    await other.goto(dashboardUrl);
    expect(await decodeIn(other)).toMatchObject({ refused: /Failed to fetch/ });
    await context.close();
  }, 120_000);

  it("shows an operator the decrypted history in Temporal's UI server, which signs in at Keycloak and passes the access token to the codec", async () => {
    const binary = execFileSync('bash', [path.join(root, 'infra/temporal-ui/install.sh')], { encoding: 'utf8' }).trim();
    const config = path.join(home, 'temporal-ui/config');
    mkdirSync(config, { recursive: true });
    writeFileSync(
      path.join(config, 'development.yaml'),
      JSON.stringify({
        temporalGrpcAddress: loadConfig().temporal.address,
        host: '127.0.0.1',
        port: UI_SERVER_PORT,
        enableUi: true,
        defaultNamespace: loadConfig().temporal.namespace,
        disableNewsFetch: true,
        // Plain http on a local test port only.
        cors: { cookieInsecure: true, allowOrigins: [UI_SERVER] },
        auth: {
          enabled: true,
          providers: [
            {
              label: 'Keycloak',
              type: 'oidc',
              providerUrl: ISSUER,
              clientId: 'temporal-ui',
              clientSecret: 'temporal-ui-test-only',
              scopes: ['openid', 'profile', 'email'],
              callbackUrl: `${UI_SERVER}/auth/sso/callback`,
            },
          ],
        },
        codec: { endpoint: `https://127.0.0.1:${CODEC_TLS_PORT}/codec`, passAccessToken: true },
      }),
    );
    let uiServer: ChildProcess | undefined;
    const tls = await tlsInFrontOfApi();
    // The terminator's certificate is self-signed, for this test only.
    const context = await browser.newContext({ ignoreHTTPSErrors: true });
    try {
      uiServer = spawn(binary, ['--root', path.join(home, 'temporal-ui'), '--env', 'development', 'start'], {
        stdio: 'ignore',
      });
      await waitFor('the UI server', async () =>
        (await fetch(UI_SERVER).catch(() => undefined))?.ok ? true : undefined,
      );
      const id = await startMla('gr-coastguard');
      // With the codec: describe() decodes the memo too (the request digest an idempotency key stands for).
      const config = loadConfig({ ...process.env, ...stack.environment.env }).temporal;
      const temporal = new Client({
        connection: await Connection.connect({ address: config.address }),
        namespace: config.namespace,
        dataConverter: comityDataConverter(config),
      });
      const { runId } = await temporal.workflow.getHandle(id).describe();
      await temporal.connection.close();

      const page = await context.newPage();
      await page.goto(`${UI_SERVER}/auth/sso`);
      await page.waitForURL((url) => url.href.startsWith(ISSUER));
      await keycloakLogin(page, 'officer');
      await page.waitForURL((url) => url.href.startsWith(UI_SERVER));
      const decoded = page.waitForResponse(
        (res) =>
          res.url().startsWith(`https://127.0.0.1:${CODEC_TLS_PORT}/codec/decode`) && res.request().method() === 'POST',
      );
      await page.goto(`${UI_SERVER}/namespaces/${loadConfig().temporal.namespace}/workflows/${id}/${runId}/history`);
      const answer = await decoded;
      expect(answer.status()).toBe(200);
      expect(answer.request().headers()['authorization']).toMatch(/^Bearer ey/);
      // The workflow's input, encrypted in Temporal, reads in clear on the page.
      await page
        .getByText(/gr-coastguard/)
        .first()
        .waitFor();
    } finally {
      await context.close();
      uiServer?.kill('SIGTERM');
      tls.closeAllConnections();
      await new Promise((resolve) => tls.close(resolve));
    }
  }, 240_000);
});
