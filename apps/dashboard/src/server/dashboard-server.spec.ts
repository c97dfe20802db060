import { once } from 'node:events';
import { createServer, request, type OutgoingHttpHeaders, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { Asset } from './bundle';
import { createDashboardServer, isApiPath } from './dashboard-server';
import { isLoopbackHost, userPickerOf, type PickedUser } from './user-picker';

const listen = async (server: Server) => {
  server.listen(0, '127.0.0.1');
  await once(server, 'listening');
  return `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
};

// fetch() resolves dot segments before sending; a raw request sends the path exactly as written.
const rawGet = (base: string, path: string) =>
  new Promise<{ status: number; body: string }>((resolve, reject) => {
    request(`${base}/`, { path }, (res) => {
      let body = '';
      res.setEncoding('utf8');
      res.on('data', (chunk: string) => (body += chunk));
      res.on('end', () => resolve({ status: res.statusCode ?? 0, body }));
    })
      .on('error', reject)
      .end();
  });

const assets = new Map<string, Asset>([
  ['/index.html', { contentType: 'text/html; charset=utf-8', body: Buffer.from('<!doctype html><p>page') }],
]);

describe('the dashboard server', () => {
  let api: Server;
  let dashboard: Server;
  let base: string;
  let releaseSecondEvent: () => void = () => undefined;
  const seenByApi: { url?: string; authorization?: string }[] = [];

  beforeAll(async () => {
    // A stand-in API: echoes what it got, and streams events in two chunks, the second held back.
    api = createServer((req, res) => {
      seenByApi.push({ url: req.url, authorization: req.headers.authorization });
      if (req.url?.startsWith('/api/v1/stream')) {
        res.writeHead(200, { 'content-type': 'text/event-stream' });
        res.write('event: process\ndata: {"n":1}\n\n');
        releaseSecondEvent = () => res.end('event: process\ndata: {"n":2}\n\n');
        return;
      }
      if (req.url === '/api/v1/cut-short') {
        // A download the API cuts off (a chunk that fails its check): 100 bytes announced, 10 sent.
        res.writeHead(200, { 'content-type': 'application/octet-stream', 'content-length': '100' });
        res.write(Buffer.alloc(10), () => setTimeout(() => res.destroy(), 20));
        return;
      }
      if (req.method === 'PUT') {
        // A part of an upload: the bytes arrive as sent, and their count is answered.
        let size = 0;
        req.on('data', (chunk: Buffer) => (size += chunk.length));
        req.on('end', () => res.writeHead(200, { 'content-type': 'application/json' }).end(JSON.stringify({ size })));
        return;
      }
      res.writeHead(req.url === '/health' ? 200 : 403, { 'content-type': 'application/json' });
      res.end(JSON.stringify({ url: req.url }));
    });
    const apiUrl = await listen(api);
    dashboard = createDashboardServer(assets, apiUrl);
    base = await listen(dashboard);
  });

  afterAll(async () => {
    dashboard.closeAllConnections();
    api.closeAllConnections();
    await Promise.all([new Promise((r) => dashboard.close(r)), new Promise((r) => api.close(r))]);
  });

  it('forwards only /api/* and /health to the API', () => {
    expect(['/api/v1/processes', '/api\\v1', '/health', '/health?x=1'].every(isApiPath)).toBe(true);
    expect(['/', '/app.js', '/healthz', '/docs', '/apix'].some(isApiPath)).toBe(false);
  });

  it('refuses a path that could resolve outside /api/, without reaching the API', async () => {
    const escapes = [
      '/api/../metrics',
      '/api/v1/../../metrics',
      '/api/%2e%2e/docs',
      '/api/%2E%2E/docs',
      '/api/.%2e/docs',
      '/api/..%2fmetrics',
      '/api/%2e%2e%2Fmetrics',
      '/api\\..\\metrics',
      '/api/v1\\..\\..\\metrics',
      '/api/%5c..%5cmetrics',
      '/api/%252e%252e/docs',
      '/api/%252e%252e%252fmetrics',
    ];
    const seenBefore = seenByApi.length;
    for (const path of escapes) {
      const { status, body } = await rawGet(base, path);
      expect({ path, status, body: JSON.parse(body) as unknown }).toEqual({
        path,
        status: 400,
        body: { statusCode: 400, code: 'PATH_INVALID', message: expect.stringContaining('/api/') },
      });
    }
    expect(seenByApi.slice(seenBefore)).toEqual([]);
    // Dots inside a segment or in the query are plain data and still go through.
    expect(await rawGet(base, '/api/v1/processes/a..b?next=../x')).toMatchObject({ status: 403 });
    expect(seenByApi.at(-1)?.url).toBe('/api/v1/processes/a..b?next=../x');
  });

  it('serves the page with a strict content security policy, and 404 for anything else', async () => {
    const page = await fetch(`${base}/`);
    expect(page.status).toBe(200);
    expect(await page.text()).toContain('<p>page');
    expect(page.headers.get('content-security-policy')).toContain("script-src 'self'");
    expect((await fetch(`${base}/nothing-here`)).status).toBe(404);
    expect((await fetch(`${base}/`, { method: 'POST' })).status).toBe(405);
  });

  it("passes the caller's token, the API's status and body through unchanged", async () => {
    const res = await fetch(`${base}/api/v1/processes?limit=5`, { headers: { authorization: 'Bearer abc' } });
    expect(res.status).toBe(403);
    expect(await res.json()).toEqual({ url: '/api/v1/processes?limit=5' });
    expect(seenByApi.at(-1)).toEqual({ url: '/api/v1/processes?limit=5', authorization: 'Bearer abc' });
  });

  it('streams server-sent events as they come, without waiting for the response to end', async () => {
    const res = await fetch(`${base}/api/v1/stream?access_token=t`);
    expect(res.headers.get('content-type')).toBe('text/event-stream');
    const reader = (res.body as ReadableStream<Uint8Array>).getReader();
    const first = new TextDecoder().decode((await reader.read()).value);
    expect(first).toContain('"n":1');
    releaseSecondEvent();
    let rest = '';
    for (let chunk = await reader.read(); !chunk.done; chunk = await reader.read()) {
      rest += new TextDecoder().decode(chunk.value);
    }
    expect(rest).toContain('"n":2');
  });

  it('forwards the bytes of an upload as they are', async () => {
    const res = await fetch(`${base}/api/v1/processes/p/documents/d/parts/1`, {
      method: 'PUT',
      headers: { 'content-type': 'application/octet-stream' },
      body: Buffer.alloc(300_000, 7),
    });
    expect(await res.json()).toEqual({ size: 300_000 });
  });

  it("ends the page's download when the API cuts it off, so the page sees it fail rather than wait", async () => {
    const res = await fetch(`${base}/api/v1/cut-short`);
    expect(res.status).toBe(200);
    await expect(res.arrayBuffer()).rejects.toThrow();
  }, 10_000);

  it('answers 502 with an error code when the API is unreachable', async () => {
    const orphan = createDashboardServer(assets, 'http://127.0.0.1:1');
    const url = await listen(orphan);
    const res = await fetch(`${url}/health`);
    expect(res.status).toBe(502);
    expect(await res.json()).toMatchObject({ code: 'API_UNREACHABLE' });
    await new Promise((r) => orphan.close(r));
  });

  it("tells the page how to sign in, and lets it call the provider's token endpoint and nothing else", async () => {
    const local = await fetch(`${base}/auth-config.json`);
    expect(await local.json()).toEqual({ mode: 'local' });
    expect(local.headers.get('content-security-policy')).toContain("connect-src 'self';");
    const auth = {
      mode: 'oidc',
      clientId: 'comity-dashboard',
      authorizationEndpoint: 'https://idp.example.org/realms/comity/auth',
      tokenEndpoint: 'https://idp.example.org/realms/comity/token',
    } as const;
    const oidc = createDashboardServer(assets, 'http://127.0.0.1:1', auth);
    const url = await listen(oidc);
    const res = await fetch(`${url}/auth-config.json`);
    expect(await res.json()).toEqual(auth);
    expect(res.headers.get('content-security-policy')).toContain("connect-src 'self' https://idp.example.org;");
    await new Promise((r) => oidc.close(r));
  });

  describe('the user picker (local development)', () => {
    let picker: Server;
    let url: string;
    const issued: PickedUser[] = [];
    const pick = (body: unknown, headers: Record<string, string> = {}) =>
      fetch(`${url}/sign-in/local`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', ...headers },
        body: typeof body === 'string' ? body : JSON.stringify(body),
      });

    beforeAll(async () => {
      picker = createDashboardServer(assets, 'http://127.0.0.1:1', { mode: 'local' }, async (user) => {
        issued.push(user);
        return `token-for-${user.userId}`;
      });
      url = await listen(picker);
    });
    afterAll(() => new Promise((r) => picker.close(r)));
    beforeEach(() => issued.splice(0));

    it('tells the page it may pick a user, and signs a token for the one it picks', async () => {
      expect(await (await fetch(`${url}/auth-config.json`)).json()).toEqual({ mode: 'local', userPicker: true });
      const res = await pick({ userId: 'gr-clerk', role: 'agency', agencyId: 'gr-coastguard' }, { origin: url });
      expect(res.status).toBe(200);
      expect(res.headers.get('cache-control')).toBe('no-store');
      expect(await res.json()).toEqual({ token: 'token-for-gr-clerk' });
      expect(await (await pick({ userId: 'officer-1', role: 'coordinator' })).json()).toEqual({
        token: 'token-for-officer-1',
      });
      expect(issued).toEqual([
        { userId: 'gr-clerk', role: 'agency', agencyId: 'gr-coastguard' },
        { userId: 'officer-1', role: 'coordinator' },
      ]);
    });

    it.each([
      [{ role: 'coordinator' }, ['body.userId: 1 to 100 letters, digits and . _ : @ - only']],
      [
        { userId: 'a b', role: 'root' },
        [
          'body.userId: 1 to 100 letters, digits and . _ : @ - only',
          'body.role: one of coordinator, agency, auditor, admin',
        ],
      ],
      [
        { userId: 'x', role: 'agency' },
        ['body.agencyId: required for the agency role; 1 to 100 letters, digits and . _ : @ - only'],
      ],
      [{ userId: 'x', role: 'auditor', agencyId: 'gr-coastguard' }, ['body.agencyId: only for the agency role']],
      [{ userId: 'x', role: 'admin', scope: 'all' }, ['body.scope: not a field (userId, role, agencyId)']],
      [['officer-1'], ['body: a JSON object']],
    ])('refuses %j with a 400 naming each wrong field, signing nothing', async (body, details) => {
      const res = await pick(body);
      expect(res.status).toBe(400);
      expect(await res.json()).toMatchObject({ statusCode: 400, code: 'VALIDATION_FAILED', details });
      expect(issued).toEqual([]);
    });

    it('refuses another origin, a form post, malformed or oversized JSON and other methods, signing nothing', async () => {
      const ok = { userId: 'officer-1', role: 'admin' };
      const cases: [Promise<Response>, number, string][] = [
        [pick(ok, { origin: 'https://evil.example' }), 403, 'ORIGIN_REFUSED'],
        [
          pick('userId=officer-1&role=admin', { 'content-type': 'application/x-www-form-urlencoded' }),
          415,
          'UNSUPPORTED_MEDIA_TYPE',
        ],
        [pick('{"userId":'), 400, 'MALFORMED_JSON'],
        [pick({ ...ok, padding: 'x'.repeat(5000) }), 413, 'BODY_TOO_LARGE'],
        [fetch(`${url}/sign-in/local`), 405, 'METHOD_NOT_ALLOWED'],
      ];
      for (const [res, status, code] of cases) {
        const answer = await res;
        expect([answer.status, ((await answer.json()) as { code: string }).code]).toEqual([status, code]);
      }
      expect(issued).toEqual([]);
    });

    it('refuses a Host that is not a loopback name (a rebound site name, a tunnel), with or without an Origin', async () => {
      // fetch() sets Host itself: a raw request sends what a rebound page or a tunnel would.
      const post = (headers: OutgoingHttpHeaders) =>
        new Promise<{ status: number; body: string }>((resolve, reject) => {
          const req = request(`${url}/sign-in/local`, { method: 'POST', headers }, (res) => {
            let body = '';
            res.setEncoding('utf8');
            res.on('data', (chunk: string) => (body += chunk));
            res.on('end', () => resolve({ status: res.statusCode ?? 0, body }));
          });
          req.on('error', reject);
          req.end(JSON.stringify({ userId: 'officer-1', role: 'admin' }));
        });
      const port = new URL(url).port;
      const json = { 'content-type': 'application/json' };
      for (const headers of [
        { ...json, host: `evil.example:${port}`, origin: `http://evil.example:${port}` },
        { ...json, host: 'abc.ngrok.example' },
        { ...json, host: `127.0.0.1.nip.io:${port}` },
      ]) {
        const res = await post(headers);
        expect([res.status, (JSON.parse(res.body) as { code: string }).code]).toEqual([403, 'HOST_REFUSED']);
      }
      expect(issued).toEqual([]);
      const local = await post({ ...json, host: `localhost:${port}`, origin: `http://localhost:${port}` });
      expect(local.status).toBe(200);
    });

    it('is not there without a signer, nor in OIDC mode', async () => {
      expect((await fetch(`${base}/sign-in/local`)).status).toBe(404);
      const oidc = createDashboardServer(
        assets,
        'http://127.0.0.1:1',
        {
          mode: 'oidc',
          clientId: 'c',
          authorizationEndpoint: 'https://idp.example.org/a',
          tokenEndpoint: 'https://idp.example.org/t',
        },
        async () => 'never',
      );
      const oidcUrl = await listen(oidc);
      expect((await fetch(`${oidcUrl}/sign-in/local`)).status).toBe(404);
      expect(await (await fetch(`${oidcUrl}/auth-config.json`)).json()).toMatchObject({ mode: 'oidc' });
      await new Promise((r) => oidc.close(r));
    });

    it('is offered only in local mode with a key, not turned off, on a loopback address', async () => {
      const auth = { mode: 'local', secret: 's'.repeat(32), audience: 'comity-api' } as const;
      const dashboard = { host: '127.0.0.1', userPicker: true } as const;
      const of = (a: object, d: object) =>
        userPickerOf({ auth: { ...auth, ...a }, dashboard: { ...dashboard, ...d } } as Parameters<
          typeof userPickerOf
        >[0]);
      const token = await of({}, {}).issue?.({ userId: 'gr-clerk', role: 'agency', agencyId: 'gr-coastguard' });
      const claims = JSON.parse(Buffer.from(token!.split('.')[1]!, 'base64url').toString()) as Record<string, unknown>;
      expect(claims).toMatchObject({ sub: 'gr-clerk', role: 'agency', agency_id: 'gr-coastguard', aud: 'comity-api' });
      expect(of({ mode: 'oidc', secret: undefined }, {})).toEqual({
        why: 'the installation signs in at its identity provider',
      });
      expect(of({ secret: undefined }, {}).issue).toBeUndefined();
      expect(of({}, { userPicker: false })).toEqual({ why: 'COMITY_DASHBOARD_USER_PICKER=false' });
      expect(of({}, { host: '0.0.0.0' })).toEqual({
        why: 'the dashboard listens on 0.0.0.0, not a loopback address',
      });
    });

    it('is offered only on a loopback address', () => {
      for (const host of ['127.0.0.1', '127.1.2.3', '::1', '[::1]', 'localhost'])
        expect(isLoopbackHost(host)).toBe(true);
      for (const host of ['0.0.0.0', '::', '192.168.1.10', 'dashboard.example.org', '127.0.0.1.example.org']) {
        expect(isLoopbackHost(host)).toBe(false);
      }
    });
  });
});
