import type { Actor } from '@comity/domain';

export interface ApiResponse<T = Record<string, unknown>> {
  readonly status: number;
  readonly body: T;
  readonly headers: Headers;
}

/** A small HTTP client for the control API, acting as one caller. */
export function apiClient(base: string, token: (actor: Actor) => Promise<string>) {
  const call = async <T>(actor: Actor | undefined, method: string, path: string, body?: unknown) => {
    const headers: Record<string, string> = { 'content-type': 'application/json' };
    if (actor) headers['authorization'] = `Bearer ${await token(actor)}`;
    const res = await fetch(`${base}${path}`, {
      method,
      headers,
      body: body === undefined ? undefined : typeof body === 'string' ? body : JSON.stringify(body),
    });
    const text = await res.text();
    return {
      status: res.status,
      body: (text ? JSON.parse(text) : {}) as T,
      headers: res.headers,
    } satisfies ApiResponse<T>;
  };
  return {
    as: (actor: Actor | undefined) => ({
      get: <T = Record<string, unknown>>(path: string) => call<T>(actor, 'GET', path),
      post: <T = Record<string, unknown>>(path: string, body: unknown) => call<T>(actor, 'POST', path, body),
    }),
  };
}
