import type { Actor } from '@comity/domain';
import { waitFor } from '../support/apps';
import { startStack, type Stack } from '../support/stack';

/** The server-sent-events stream shows each caller the transitions it may see, as they happen. */
const coordinator: Actor = { userId: 'officer', role: 'coordinator' };
const greece: Actor = { userId: 'gr', role: 'agency', agencyId: 'gr-coastguard' };
let stack: Stack;

beforeAll(async () => {
  stack = await startStack('sqlite', 3150);
}, 180_000);

afterAll(() => stack?.stop(), 60_000);

/** Reads a server-sent-events response into parsed `process` events until aborted. */
async function listen(
  path: string,
  headers: Record<string, string>,
  into: Record<string, unknown>[],
  signal: AbortSignal,
) {
  const res = await fetch(`${stack.base}${path}`, { headers, signal });
  expect(res.status).toBe(200);
  expect(res.headers.get('content-type')).toContain('text/event-stream');
  const decoder = new TextDecoder();
  let buffer = '';
  void (async () => {
    try {
      for await (const chunk of res.body as unknown as AsyncIterable<Uint8Array>) {
        buffer += decoder.decode(chunk, { stream: true });
        let end: number;
        while ((end = buffer.indexOf('\n\n')) >= 0) {
          const frame = buffer.slice(0, end);
          buffer = buffer.slice(end + 2);
          const data = frame.split('\n').find((l) => l.startsWith('data: '));
          if (frame.includes('event: process') && data) into.push(JSON.parse(data.slice(6)));
        }
      }
    } catch {
      // aborted at the end of the test
    }
  })();
}

it('streams to an agency only the transitions of its own processes, and to a coordinator all', async () => {
  const abort = new AbortController();
  const seenByAgency: Record<string, unknown>[] = [];
  const seenByOfficer: Record<string, unknown>[] = [];
  await listen(
    '/api/v1/stream',
    { authorization: `Bearer ${await stack.environment.token(greece)}` },
    seenByAgency,
    abort.signal,
  );
  await listen(
    `/api/v1/stream?access_token=${await stack.environment.token(coordinator)}`,
    {},
    seenByOfficer,
    abort.signal,
  );
  await new Promise((resolve) => setTimeout(resolve, 1500)); // the stream reads from the newest offset

  const start = async (requested: string) =>
    (
      await stack.api.as(coordinator).post<{ id: string }>('/api/v1/processes', {
        type: 'mla',
        legalBasis: 'UNTOC',
        parties: {
          requesting: { agencyId: 'it-police', state: 'IT' },
          requested: { agencyId: requested, state: 'GR' },
        },
      })
    ).body.id;
  const mine = await start('gr-coastguard');
  const other = await start('gr-police');

  try {
    await waitFor('both starts on the officer stream', async () =>
      [mine, other].every((id) => seenByOfficer.some((e) => e['processId'] === id)) ? true : undefined,
    );
    await waitFor('its own start on the agency stream', async () =>
      seenByAgency.some((e) => e['processId'] === mine) ? true : undefined,
    );
    expect(seenByAgency.map((e) => e['processId'])).not.toContain(other);
    expect(seenByAgency.find((e) => e['processId'] === mine)).toMatchObject({
      action: 'start',
      stage: 'draft',
      sequence: 0,
    });
    expect(seenByAgency.every((e) => !('payload' in e))).toBe(true);
  } finally {
    abort.abort();
  }
  expect((await fetch(`${stack.base}/api/v1/stream`)).status).toBe(401);
}, 60_000);
