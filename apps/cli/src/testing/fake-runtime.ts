import type { Runtime } from '../context';

export interface FakeRequest {
  readonly method: string;
  readonly url: URL;
  readonly headers: Record<string, string>;
  readonly body: unknown;
}

export type FakeAnswer = { status: number; body?: unknown } | Error;

/** JSON, or a form (the OIDC provider's requests) as an object. */
const parseBody = (body: string): unknown =>
  body.startsWith('{') || body.startsWith('[') ? JSON.parse(body) : Object.fromEntries(new URLSearchParams(body));

/** A Runtime for unit tests: captured output, a scripted fetch, a fixed clock, no real signals. */
export function fakeRuntime(answer: (req: FakeRequest) => FakeAnswer = () => ({ status: 200, body: {} })) {
  const stdout: string[] = [];
  const stderr: string[] = [];
  const requests: FakeRequest[] = [];
  const interruptHandlers = new Set<() => void>();
  const fakeFetch = (async (input: string | URL | Request, init?: RequestInit) => {
    const req: FakeRequest = {
      method: init?.method ?? 'GET',
      url: new URL(String(input)),
      headers: (init?.headers ?? {}) as Record<string, string>,
      body: typeof init?.body === 'string' ? parseBody(init.body) : undefined,
    };
    requests.push(req);
    const result = answer(req);
    if (result instanceof Error) throw result;
    return new Response(result.body === undefined ? null : JSON.stringify(result.body), { status: result.status });
  }) as typeof fetch;
  const runtime: Runtime = {
    env: { COMITY_API_URL: 'http://api.test', COMITY_TOKEN: 'test-token', COMITY_CLI_HOME: '/nonexistent/comity' },
    output: { out: (t) => stdout.push(t), err: (t) => stderr.push(t) },
    now: () => new Date('2026-01-01T12:00:00Z'),
    readStdin: async () => '',
    readFile: () => {
      throw new Error('no files in unit tests');
    },
    onInterrupt: (handler) => {
      interruptHandlers.add(handler);
      return () => interruptHandlers.delete(handler);
    },
    fetch: fakeFetch,
  };
  return {
    runtime,
    requests,
    stdout: () => stdout.join('\n'),
    stderr: () => stderr.join('\n'),
    interrupt: () => interruptHandlers.forEach((h) => h()),
  };
}

/** A connection-refused failure as undici reports it. */
export const connectionRefused = () =>
  Object.assign(new TypeError('fetch failed'), { cause: { code: 'ECONNREFUSED' } });
