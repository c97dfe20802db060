import type { IncomingMessage, ServerResponse } from 'node:http';
import { isIP } from 'node:net';
import { issueLocalToken } from '@comity/auth';
import type { ComityConfig } from '@comity/config';
import { Roles, type Role } from '@comity/domain';

/** Where the page asks for a token for the user it picked (local development only). */
export const userPickerPath = '/sign-in/local';

/** Who the page asks to be: what `comity token` takes on the command line. */
export interface PickedUser {
  readonly userId: string;
  readonly role: Role;
  readonly agencyId?: string;
}

/** Signs a token for a picked user (the local key, as the CLI's `token` command does). */
export type IssueToken = (user: PickedUser) => Promise<string>;

// The same ids the API accepts for agencies and cases; the user may also be an e-mail address.
const id = /^[A-Za-z0-9._:@-]{1,100}$/;
const MAX_BODY_BYTES = 4096;

/**
 * Only a dashboard reachable from this machine alone offers the picker: anyone who reaches it may
 * sign in as anyone. 127.0.0.0/8, ::1 and localhost; never 0.0.0.0 or a network address.
 */
export function isLoopbackHost(host: string): boolean {
  const bare = host.replace(/^\[|\]$/g, '');
  if (bare === 'localhost' || bare === '::1') return true;
  return isIP(bare) === 4 && bare.startsWith('127.');
}

/**
 * Local development: the page may sign in as any user it picks, with the local key, as the CLI's
 * `token` command does; only when the dashboard listens on a loopback address and the picker is not
 * turned off (COMITY_DASHBOARD_USER_PICKER=false). `why` says why there is none.
 */
export function userPickerOf({ auth, dashboard }: Pick<ComityConfig, 'auth' | 'dashboard'>): {
  issue?: IssueToken;
  why?: string;
} {
  const { secret } = auth;
  if (auth.mode !== 'local' || !secret) return { why: 'the installation signs in at its identity provider' };
  if (!dashboard.userPicker) return { why: 'COMITY_DASHBOARD_USER_PICKER=false' };
  if (!isLoopbackHost(dashboard.host)) {
    return { why: `the dashboard listens on ${dashboard.host}, not a loopback address` };
  }
  return { issue: (user) => issueLocalToken(secret, user, { audience: auth.audience }) };
}

/** The picked user, or one line per field that is wrong (naming it and what is allowed). */
export function checkPickedUser(body: unknown): { user: PickedUser } | { details: string[] } {
  if (typeof body !== 'object' || body === null || Array.isArray(body)) return { details: ['body: a JSON object'] };
  const { userId, role, agencyId, ...rest } = body as Record<string, unknown>;
  const details = Object.keys(rest).map((name) => `body.${name}: not a field (userId, role, agencyId)`);
  if (typeof userId !== 'string' || !id.test(userId)) {
    details.push('body.userId: 1 to 100 letters, digits and . _ : @ - only');
  }
  if (typeof role !== 'string' || !(Roles as readonly string[]).includes(role)) {
    details.push(`body.role: one of ${Roles.join(', ')}`);
  }
  if (role === 'agency' && (typeof agencyId !== 'string' || !id.test(agencyId))) {
    details.push('body.agencyId: required for the agency role; 1 to 100 letters, digits and . _ : @ - only');
  }
  if (role !== 'agency' && agencyId !== undefined) details.push('body.agencyId: only for the agency role');
  if (details.length) return { details };
  return {
    user: {
      userId: userId as string,
      role: role as Role,
      ...(role === 'agency' ? { agencyId: agencyId as string } : {}),
    },
  };
}

function answer(res: ServerResponse, status: number, body: object, headers: Record<string, string> = {}): void {
  res.writeHead(status, { 'content-type': 'application/json', 'cache-control': 'no-store', ...headers });
  res.end(JSON.stringify(body));
}

function refuse(res: ServerResponse, status: number, code: string, message: string, details?: string[]): void {
  answer(res, status, { statusCode: status, code, message, ...(details ? { details } : {}) });
}

/**
 * POST /sign-in/local with `{ userId, role, agencyId? }`: a token for that user, as
 * `npm run -s cli -- token` prints. JSON only (a cross-site form cannot send it without the
 * preflight this server never answers), from the page's own origin when the browser names one.
 */
export function servePickedUser(issue: IssueToken, req: IncomingMessage, res: ServerResponse): void {
  if (req.method !== 'POST') {
    return answer(res, 405, { statusCode: 405, code: 'METHOD_NOT_ALLOWED', message: 'POST only' }, { allow: 'POST' });
  }
  // A page of another site whose name was rebound to 127.0.0.1 sends its own name as Host and
  // Origin, which match; a tunnel forwards a public Host. Only a loopback name is this machine.
  const host = req.headers.host ?? '';
  if (!isLoopbackHost(host.replace(/:\d+$/, ''))) {
    return refuse(
      res,
      403,
      'HOST_REFUSED',
      'a user is picked only at a loopback address (127.0.0.1, [::1], localhost)',
    );
  }
  const origin = req.headers.origin;
  if (origin !== undefined && origin !== `http://${host}`) {
    return refuse(res, 403, 'ORIGIN_REFUSED', 'a user is picked from the dashboard page itself');
  }
  if (!String(req.headers['content-type']).toLowerCase().startsWith('application/json')) {
    return refuse(res, 415, 'UNSUPPORTED_MEDIA_TYPE', 'the body must be application/json');
  }
  const chunks: Buffer[] = [];
  let size = 0;
  let tooLarge = false;
  req.on('data', (chunk: Buffer) => {
    if (tooLarge) return;
    size += chunk.length;
    if (size <= MAX_BODY_BYTES) return void chunks.push(chunk);
    // Answered now; the rest is read and dropped, so the client sees the 413 and not a reset.
    tooLarge = true;
    chunks.length = 0;
    res.setHeader('connection', 'close');
    refuse(res, 413, 'BODY_TOO_LARGE', `the body must be at most ${MAX_BODY_BYTES} bytes`);
  });
  req.on('end', () => {
    if (tooLarge) return;
    let body: unknown;
    try {
      body = JSON.parse(Buffer.concat(chunks).toString('utf8'));
    } catch {
      return refuse(res, 400, 'MALFORMED_JSON', 'the body is not valid JSON');
    }
    const checked = checkPickedUser(body);
    if ('details' in checked) {
      return refuse(res, 400, 'VALIDATION_FAILED', `invalid request: ${checked.details.join('; ')}`, checked.details);
    }
    issue(checked.user).then(
      (token) => answer(res, 200, { token }),
      () => refuse(res, 500, 'INTERNAL', 'the token could not be signed'),
    );
  });
}
