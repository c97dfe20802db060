import Database from 'better-sqlite3';
import { issueLocalToken } from '@comity/auth';
import { AUDIT_GENESIS, auditHash, type Actor, type Role } from '@comity/domain';
import { startApp, waitFor } from '../support/apps';
import { cipherOf } from '../support/sealing';
import { startGreekTurkishMla, startStack, type Stack } from '../support/stack';

/**
 * The control API as an attacker meets it (issue 13's medium and low findings): bodies built to break
 * parsers, tokens that never expire or carry odd subjects, event streams held open past their token
 * or by the hundred, one rate bucket shared by everyone behind a proxy, and a read model rewritten
 * behind the audit chain's back. Ports 3172-3173.
 */
process.env['COMITY_AUDIT_LAG_GRACE_MS'] = '3000';
const coordinator: Actor = { userId: 'officer-1', role: 'coordinator' };
let stack: Stack;
beforeAll(async () => {
  stack = await startStack('sqlite', 3172);
}, 180_000);
afterAll(() => stack?.stop(), 60_000);

const startMla = () => startGreekTurkishMla(stack, coordinator);

async function act(id: string, action: string, payload?: unknown): Promise<void> {
  const res = await stack.api.as(coordinator).post(`/api/v1/processes/${id}/actions`, { action, payload });
  expect(res.status).toBe(200);
}

it('refuses a body nested 10,000 deep with 400 before anything parses it further', async () => {
  const deep = `{"type":"mla","data":${'{"a":'.repeat(10_000)}1${'}'.repeat(10_000)}}`;
  const res = await fetch(`${stack.base}/api/v1/processes`, {
    method: 'POST',
    headers: {
      'content-type': 'application/json',
      authorization: `Bearer ${await stack.environment.token(coordinator)}`,
    },
    body: deep,
  });
  expect(res.status).toBe(400);
  expect(await res.json()).toMatchObject({ code: 'BODY_TOO_DEEP', message: expect.stringMatching(/32 levels/) });
});

it('refuses a token that never expires, and subjects that are not plain identifiers', async () => {
  const key = new TextEncoder().encode(stack.environment.env['COMITY_AUTH_SECRET']!);
  const { SignJWT } = await import('jose');
  const sign = (claims: Record<string, unknown>, expires: boolean) => {
    const jwt = new SignJWT(claims)
      .setProtectedHeader({ alg: 'HS256' })
      .setIssuer('comity-local')
      .setAudience('comity-api');
    return (expires ? jwt.setExpirationTime('1h') : jwt).sign(key);
  };
  const status = async (token: string) =>
    (await fetch(`${stack.base}/api/v1/process-types`, { headers: { authorization: `Bearer ${token}` } })).status;
  expect(await status(await sign({ sub: 'officer-1', role: 'coordinator' }, true))).toBe(200);
  expect(await status(await sign({ sub: 'officer-1', role: 'coordinator' }, false))).toBe(401);
  expect(await status(await sign({ sub: 'evil\u001b[2J', role: 'coordinator' }, true))).toBe(401);
  expect(await status(await sign({ sub: 'a-1', role: 'agency', agency_id: 'x/../y' }, true))).toBe(401);
});

it('counts the rate limit per token subject across routes, so users behind one proxy do not share it', async () => {
  const port = 3173;
  const strict = await startApp('api', {
    ...stack.environment.env,
    COMITY_API_PORT: String(port),
    COMITY_API_RATE_LIMIT: '5',
  });
  try {
    const base = `http://127.0.0.1:${port}`;
    const asUser = async (userId: string) => {
      const token = await stack.environment.token({ userId, role: 'coordinator' });
      return (path: string) => fetch(`${base}${path}`, { headers: { authorization: `Bearer ${token}` } });
    };
    const [first, second] = [await asUser('officer-a'), await asUser('officer-b')];
    const statuses: number[] = [];
    for (const path of [
      '/api/v1/process-types',
      '/api/v1/pipeline',
      '/api/v1/process-types',
      '/api/v1/pipeline',
      '/api/v1/process-types',
      '/api/v1/pipeline',
    ]) {
      statuses.push((await first(path)).status);
    }
    expect(statuses).toEqual([200, 200, 200, 200, 200, 429]);
    expect((await second('/api/v1/process-types')).status).toBe(200);
  } finally {
    expect(await strict.stop()).toBe(0);
  }
}, 120_000);

it('ends a stream when its token expires', async () => {
  const secret = stack.environment.env['COMITY_AUTH_SECRET']!;
  const shortLived = await issueLocalToken(secret, { userId: 'brief', role: 'coordinator' }, { expiresIn: '3s' });
  const res = await fetch(`${stack.base}/api/v1/stream`, { headers: { authorization: `Bearer ${shortLived}` } });
  expect(res.status).toBe(200);
  const opened = Date.now();
  // The body ends (the server closes the stream) once the token has expired, not before.
  for await (const _ of res.body as unknown as AsyncIterable<Uint8Array>) void _;
  expect(Date.now() - opened).toBeGreaterThanOrEqual(1_000);
  const again = await fetch(`${stack.base}/api/v1/stream`, { headers: { authorization: `Bearer ${shortLived}` } });
  expect(again.status).toBe(401);
}, 30_000);

it('holds at most five open streams for one user, and frees a place when one closes', async () => {
  const token = await stack.environment.token({ userId: 'greedy', role: 'coordinator' });
  const open = () => {
    const abort = new AbortController();
    return fetch(`${stack.base}/api/v1/stream`, {
      headers: { authorization: `Bearer ${token}` },
      signal: abort.signal,
    }).then((res) => ({ res, close: () => abort.abort() }));
  };
  const streams = [];
  for (let i = 0; i < 5; i++) streams.push(await open());
  expect(streams.map((s) => s.res.status)).toEqual([200, 200, 200, 200, 200]);
  const sixth = await open();
  expect(sixth.res.status).toBe(429);
  expect(await sixth.res.json()).toMatchObject({ code: 'TOO_MANY_STREAMS' });

  streams.pop()?.close();
  const reopened = await waitFor('a place to free up', async () => {
    const attempt = await open();
    if (attempt.res.status === 200) return attempt;
    await attempt.res.body?.cancel();
    return undefined;
  });
  expect(reopened.res.status).toBe(200);
  // Another user is not affected by this one's streams.
  const elsewhere = await fetch(`${stack.base}/api/v1/stream`, {
    headers: { authorization: `Bearer ${await stack.environment.token(coordinator)}` },
    signal: AbortSignal.timeout(2_000),
  }).catch(() => undefined);
  expect(elsewhere?.status).toBe(200);
  for (const s of [...streams, reopened]) s.close();
}, 60_000);

it('anchors the chain to the process’s own head: a consistent rewrite and a deleted last record are found', async () => {
  const id = await startMla();
  await act(id, 'submit-for-review');
  await act(id, 'record-translation', { language: 'ar' });
  await stack.observer.untilAction(id, 'record-translation');
  const auditor: Actor = { userId: 'assessor', role: 'auditor' };
  const verdict = async () => (await stack.api.as(auditor).get(`/api/v1/processes/${id}/audit`)).body;
  await waitFor('the whole chain in the read model', async () =>
    (await verdict())['length'] === 3 ? true : undefined,
  );

  // Someone with database access rewrites who took the second step, and re-hashes every record after it.
  const db = new Database(stack.environment.env['COMITY_SQLITE_PATH']!);
  try {
    type Row = {
      sequence: number;
      action: string;
      from_stage: string | null;
      stage: string;
      actor_user: string;
      actor_role: string;
      actor_agency: string | null;
      occurred_at: string;
      payload: string;
    };
    const rows = db.prepare('SELECT * FROM timeline WHERE process_id = ? ORDER BY sequence').all(id) as Row[];
    // The worst case: the operator holds the codec keys too, so can open and seal the columns.
    const cipher = cipherOf(stack.environment.env);
    const column = (name: string) => `read-model:timeline.${name}`;
    let previous = AUDIT_GENESIS;
    for (const row of rows) {
      const userId =
        row.sequence === 1 ? 'system' : (cipher.open(JSON.parse(row.actor_user), column('actor_user')) as string);
      const r = { ...row, ...(row.sequence === 1 ? { actor_role: 'admin', actor_agency: null } : {}) };
      const hash = auditHash(previous, {
        processId: id,
        sequence: r.sequence,
        action: r.action,
        fromStage: r.from_stage,
        stage: r.stage,
        actor: { userId, role: r.actor_role as Role, ...(r.actor_agency ? { agencyId: r.actor_agency } : {}) },
        occurredAt: r.occurred_at,
        payload: cipher.open(JSON.parse(r.payload), column('payload')),
      });
      db.prepare(
        'UPDATE timeline SET actor_user = ?, actor_role = ?, actor_agency = ?, audit_previous_hash = ?, audit_hash = ? WHERE process_id = ? AND sequence = ?',
      ).run(
        JSON.stringify(cipher.seal(userId, column('actor_user'))),
        r.actor_role,
        r.actor_agency,
        previous,
        hash,
        id,
        r.sequence,
      );
      previous = hash;
    }
    expect(await verdict()).toMatchObject({ valid: false, anchored: true, reason: expect.stringMatching(/rewritten/) });

    // Or deletes the last record: found once the read model can no longer merely be lagging
    // (this stack's grace is COMITY_AUDIT_LAG_GRACE_MS=3000).
    db.prepare('DELETE FROM timeline WHERE process_id = ? AND sequence >= 1').run(id);
  } finally {
    db.close();
  }
  const truncated = await waitFor('the deletion to be found', async () => {
    const body = await verdict();
    return body['valid'] === false ? body : undefined;
  });
  expect(truncated).toMatchObject({
    length: 1,
    firstBrokenSequence: 1,
    reason: expect.stringMatching(/lacks the last 2/),
  });
}, 60_000);
