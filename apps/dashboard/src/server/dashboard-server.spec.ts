import { once } from 'node:events';
import { createServer, request, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { Asset } from './bundle';
import { createDashboardServer, isApiPath } from './dashboard-server';

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
});
