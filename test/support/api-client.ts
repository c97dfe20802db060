import type { Actor } from '@comity/domain';

export interface ApiResponse<T = Record<string, unknown>> {
  readonly status: number;
  readonly body: T;
  readonly headers: Headers;
}

/** A small HTTP client for the control API, acting as one caller. */
export function apiClient(base: string, token: (actor: Actor) => Promise<string>) {
  const call = async <T>(
    actor: Actor | undefined,
    method: string,
    path: string,
    body?: unknown,
    extraHeaders: Record<string, string> = {},
  ) => {
    const headers: Record<string, string> = { 'content-type': 'application/json', ...extraHeaders };
    if (actor) headers['authorization'] = `Bearer ${await token(actor)}`;
    const res = await fetch(`${base}${path}`, {
      method,
      headers,
      body: body === undefined ? undefined : typeof body === 'string' ? body : JSON.stringify(body),
    });
    const text = await res.text();
    // Anything but JSON (e.g. CSV) comes back as its text.
    const json = res.headers.get('content-type')?.includes('json') !== false;
    return {
      status: res.status,
      body: (text ? (json ? JSON.parse(text) : text) : {}) as T,
      headers: res.headers,
    } satisfies ApiResponse<T>;
  };
  return {
    as: (actor: Actor | undefined) => ({
      get: <T = Record<string, unknown>>(path: string, headers?: Record<string, string>) =>
        call<T>(actor, 'GET', path, undefined, headers),
      post: <T = Record<string, unknown>>(path: string, body: unknown) => call<T>(actor, 'POST', path, body),
      put: <T = Record<string, unknown>>(path: string, body: unknown) => call<T>(actor, 'PUT', path, body),
    }),
  };
}
