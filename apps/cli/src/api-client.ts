import { ApiError, CliError, ExitCode } from './exit-codes';

export interface ApiClientOptions {
  readonly baseUrl: string;
  /** The bearer token, or how to get a fresh one (a stored sign-in refreshes itself). */
  readonly token?: string | (() => Promise<string>);
  readonly fetch?: typeof fetch;
  readonly timeoutMs?: number;
  /** Aborts requests in flight (e.g. on Ctrl-C). */
  readonly signal?: AbortSignal;
  /** Extra detail lines for a 401 (e.g. that the token has expired). */
  readonly onUnauthenticated?: () => string[];
}

type Query = Readonly<Record<string, string | number | boolean | undefined>>;

/** A thin client for the control API: JSON in, JSON out, every failure as a CliError. */
export class ApiClient {
  constructor(private readonly options: ApiClientOptions) {}

  get<T>(path: string, query: Query = {}): Promise<T> {
    return this.request<T>('GET', path, undefined, query);
  }

  post<T>(path: string, body: unknown): Promise<T> {
    return this.request<T>('POST', path, body);
  }

  put<T>(path: string, body: unknown): Promise<T> {
    return this.request<T>('PUT', path, body);
  }

  async request<T>(method: string, path: string, body?: unknown, query: Query = {}): Promise<T> {
    const url = new URL(path.replace(/^\//, ''), this.options.baseUrl.replace(/\/?$/, '/'));
    for (const [key, value] of Object.entries(query)) if (value !== undefined) url.searchParams.set(key, String(value));
    const headers: Record<string, string> = { accept: 'application/json' };
    const token = typeof this.options.token === 'function' ? await this.options.token() : this.options.token;
    if (token) headers['authorization'] = `Bearer ${token}`;
    if (body !== undefined) headers['content-type'] = 'application/json';
    const timeoutMs = this.options.timeoutMs ?? 60_000;
    const signals = [AbortSignal.timeout(timeoutMs), ...(this.options.signal ? [this.options.signal] : [])];
    let response: Response;
    try {
      response = await (this.options.fetch ?? fetch)(url, {
        method,
        headers,
        body: body === undefined ? undefined : JSON.stringify(body),
        signal: AbortSignal.any(signals),
      });
    } catch (err) {
      throw unreachable(this.options.baseUrl, err, timeoutMs);
    }
    const text = await response.text();
    const parsed = parseJson(text);
    if (response.ok) return parsed as T;
    const error = apiErrorOf(response.status, response.statusText, parsed, text);
    if (response.status !== 401 || !this.options.onUnauthenticated) throw error;
    const hints = this.options.onUnauthenticated();
    throw new ApiError(error.status, error.code, error.message, [...error.details, ...hints], error.body);
  }
}

function parseJson(text: string): unknown {
  if (!text) return undefined;
  try {
    return JSON.parse(text);
  } catch {
    return undefined;
  }
}

/** The API's error shape when it sent one; otherwise a code made of the HTTP status. */
export function apiErrorOf(status: number, statusText: string, body: unknown, text = ''): ApiError {
  const shaped = typeof body === 'object' && body !== null ? (body as Record<string, unknown>) : {};
  const code = typeof shaped['code'] === 'string' ? shaped['code'] : `HTTP_${status}`;
  const message =
    typeof shaped['message'] === 'string'
      ? shaped['message']
      : `the API answered ${status} ${statusText}`.trim() + (text && !body ? `: ${text.slice(0, 200)}` : '');
  const details = Array.isArray(shaped['details']) ? shaped['details'].map(String) : [];
  return new ApiError(status, code, message, details, body);
}

function unreachable(baseUrl: string, err: unknown, timeoutMs: number): CliError {
  if (err instanceof Error && err.name === 'AbortError') {
    return new CliError(ExitCode.Interrupted, 'INTERRUPTED', 'interrupted');
  }
  if (err instanceof Error && err.name === 'TimeoutError') {
    return new CliError(ExitCode.Unavailable, 'TIMEOUT', `the API at ${baseUrl} did not answer within ${timeoutMs} ms`);
  }
  const cause = err instanceof Error ? (err.cause as { code?: string; message?: string } | undefined) : undefined;
  const reason = cause?.code ?? cause?.message ?? (err instanceof Error ? err.message : String(err));
  return new CliError(ExitCode.Unavailable, 'SERVICE_UNAVAILABLE', `cannot reach the API at ${baseUrl} (${reason})`);
}
