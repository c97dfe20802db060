import {
  createServer,
  request as httpRequest,
  type IncomingMessage,
  type Server,
  type ServerResponse,
} from 'node:http';
import { request as httpsRequest } from 'node:https';
import type { Asset } from './bundle';
import { servePickedUser, userPickerPath, type IssueToken } from './user-picker';

const apiPrefix = '/api/';
const healthPath = '/health';

/**
 * The page is same-origin with the API it calls: the browser needs no CORS, and the API's own
 * rules (token, role, agency) decide what it sees. Only these paths go to the API. `/api\` counts,
 * as URL parsers read it as `/api/`: apiTarget refuses it in the API's error shape.
 */
export function isApiPath(url: string): boolean {
  return (
    url === healthPath || url.startsWith(`${healthPath}?`) || url.startsWith(apiPrefix) || url.startsWith('/api\\')
  );
}

// One escaped byte; undoing escapes until none is left peels any number of encoding layers.
const percentEscape = /%([0-9a-f]{2})/gi;

function decodedFully(segment: string): string {
  for (let current = segment; ;) {
    const next = current.replace(percentEscape, (_, hex: string) => String.fromCharCode(Number.parseInt(hex, 16)));
    if (next === current) return current;
    current = next;
  }
}

/**
 * Where an API-bound request goes, or undefined when its path could resolve outside `/api/`. A
 * segment that reads as `.` or `..`, or holds a `/` or `\`, once decoded however many times, is
 * refused: the URL parser reads `\` and `%2e` as `/` and `.`, and a router or file server behind
 * the API may decode again. Browsers never send these. The parser's own resolution (which also
 * drops tabs and newlines) must still land under `/api/` or on `/health`.
 */
export function apiTarget(url: string, api: URL): URL | undefined {
  const path = url.split('?', 1)[0];
  const mayEscape = path.split('/').some((segment) => {
    const decoded = decodedFully(segment);
    return decoded === '.' || decoded === '..' || /[/\\]/.test(decoded);
  });
  if (mayEscape) return undefined;
  const target = new URL(url, api);
  return target.pathname.startsWith(apiPrefix) || target.pathname === healthPath ? target : undefined;
}

/** How the page signs in (GET /auth-config.json): the provider's endpoints come from its discovery document. */
export type DashboardAuth =
  /** `userPicker`: the page may ask this server for a token for the user it picks (local development). */
  | { readonly mode: 'local'; readonly userPicker?: true }
  | {
      readonly mode: 'oidc';
      readonly clientId: string;
      readonly authorizationEndpoint: string;
      readonly tokenEndpoint: string;
      readonly endSessionEndpoint?: string;
    };

/**
 * Same-origin only, but for the identity provider's token endpoint, which the page calls to redeem
 * its code and refresh; SVG charts are drawn through the DOM, so no inline script or style is needed.
 */
function pageHeaders(auth: DashboardAuth) {
  const provider = auth.mode === 'oidc' ? ` ${new URL(auth.tokenEndpoint).origin}` : '';
  return {
    'content-security-policy':
      `default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:; connect-src 'self'${provider}; ` +
      "frame-ancestors 'none'; base-uri 'none'; form-action 'self'",
    'x-content-type-options': 'nosniff',
    // The provider checks where a sign-in comes from by its redirect URI, never by the Referer.
    'referrer-policy': 'no-referrer',
    'cache-control': 'no-cache',
  };
}

// Hop-by-hop headers (RFC 9110 §7.6.1) are the connection's, not the message's.
const hopByHop = new Set(['connection', 'keep-alive', 'proxy-connection', 'transfer-encoding', 'upgrade', 'te']);

function forwardedHeaders(headers: IncomingMessage['headers'], upstream: URL, client?: string) {
  const out: Record<string, string | string[]> = {};
  for (const [name, value] of Object.entries(headers)) {
    if (value !== undefined && !hopByHop.has(name)) out[name] = value;
  }
  out['host'] = upstream.host;
  if (client) out['x-forwarded-for'] = client;
  return out;
}

/**
 * Forwards one request to the API and streams the answer back as it comes: a server-sent-events
 * response is piped chunk by chunk (no buffering), closing the page's connection ends the upstream
 * request, so the API stops streaming to nobody, and an answer the API cuts off ends the page's.
 */
function proxy(target: URL, req: IncomingMessage, res: ServerResponse): void {
  const send = target.protocol === 'https:' ? httpsRequest : httpRequest;
  const upstream = send(
    target,
    { method: req.method, headers: forwardedHeaders(req.headers, target, req.socket.remoteAddress) },
    (answer) => {
      const headers = Object.fromEntries(
        Object.entries(answer.headers).filter(([name, value]) => value !== undefined && !hopByHop.has(name)),
      ) as Record<string, string | string[]>;
      res.writeHead(answer.statusCode ?? 502, headers);
      if (String(answer.headers['content-type']).startsWith('text/event-stream')) res.flushHeaders();
      // An answer the API cuts off (a download stopped at a chunk that fails its check) cuts off the
      // page's too: piping alone would leave the page waiting for bytes that never come.
      answer.on('close', () => {
        if (!answer.complete) res.destroy();
      });
      answer.on('error', () => res.destroy());
      answer.pipe(res);
    },
  );
  upstream.on('error', () => {
    if (!res.headersSent) {
      res.writeHead(502, { 'content-type': 'application/json' });
      res.end(JSON.stringify({ statusCode: 502, code: 'API_UNREACHABLE', message: 'the API did not answer' }));
    } else res.destroy();
  });
  res.on('close', () => upstream.destroy());
  req.pipe(upstream);
}

function refusePath(res: ServerResponse): void {
  res.writeHead(400, { 'content-type': 'application/json' });
  res.end(
    JSON.stringify({
      statusCode: 400,
      code: 'PATH_INVALID',
      message: `the path must stay under ${apiPrefix} or be ${healthPath}: no dot segments, backslashes or encoded separators`,
    }),
  );
}

function serveAsset(
  assets: ReadonlyMap<string, Asset>,
  headers: Record<string, string>,
  req: IncomingMessage,
  res: ServerResponse,
): void {
  if (req.method !== 'GET' && req.method !== 'HEAD') {
    res.writeHead(405, { allow: 'GET, HEAD', 'content-type': 'text/plain' }).end('method not allowed');
    return;
  }
  const pathname = new URL(req.url ?? '/', 'http://dashboard').pathname;
  const asset = assets.get(pathname === '/' ? '/index.html' : pathname);
  if (!asset) {
    res.writeHead(404, { 'content-type': 'text/plain', ...headers }).end('not found');
    return;
  }
  res.writeHead(200, { 'content-type': asset.contentType, 'content-length': asset.body.length, ...headers });
  res.end(req.method === 'HEAD' ? undefined : asset.body);
}

/**
 * The dashboard's HTTP server: the page's files, how it signs in (`/auth-config.json`), and the API
 * behind `/api/*` and `/health`. With `issueToken` (local development on a loopback address only,
 * see main.ts) the page may sign in as a user it picks, at `POST /sign-in/local`.
 */
export function createDashboardServer(
  assets: ReadonlyMap<string, Asset>,
  apiUrl: string,
  auth: DashboardAuth = { mode: 'local' },
  issueToken?: IssueToken,
): Server {
  const api = new URL(apiUrl);
  const picker = auth.mode === 'local' ? issueToken : undefined;
  const served = new Map(assets).set('/auth-config.json', {
    contentType: 'application/json',
    body: Buffer.from(JSON.stringify(picker ? { mode: 'local', userPicker: true } : auth)),
  });
  const headers = pageHeaders(auth);
  return createServer((req, res) => {
    const url = req.url ?? '/';
    if (picker && url.split('?', 1)[0] === userPickerPath) return servePickedUser(picker, req, res);
    if (!isApiPath(url)) return serveAsset(served, headers, req, res);
    const target = apiTarget(url, api);
    if (target) proxy(target, req, res);
    else refusePath(res);
  });
}
