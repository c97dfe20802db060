import type { ProcessTypeList } from './api-types';
import { language } from './i18n';
import { localizedTypes } from './i18n/process-labels';
/**
 * Calls to the API through the dashboard's server (same origin), always with the signed-in
 * caller's token: what the page shows is exactly what the API lets that caller see.
 */

const TOKEN_KEY = 'comity.token';

/** Fired on `window` when the API no longer accepts the signed-in token. */
export const SESSION_ENDED = 'comity:session-ended';

export const session = {
  token: (): string | null => sessionStorage.getItem(TOKEN_KEY),
  signIn: (token: string) => sessionStorage.setItem(TOKEN_KEY, token),
  signOut: () => sessionStorage.removeItem(TOKEN_KEY),
};

/** An answer that is not 2xx, with the API's stable error code and its details (one per offending field). */
export class ApiError extends Error {
  override readonly name = 'ApiError';
  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
    readonly details: readonly string[] = [],
  ) {
    super(message);
  }
}

async function call<T>(
  path: string,
  init: RequestInit,
  token: string | null,
  read: (res: Response) => Promise<T> = async (res) => (await res.json()) as T,
): Promise<T> {
  const headers = new Headers(init.headers);
  if (token) headers.set('authorization', `Bearer ${token}`);
  const res = await fetch(path, { ...init, headers });
  // A token that expired or was revoked mid-session: back to the sign-in form (main.ts listens).
  if (res.status === 401 && token && token === session.token()) window.dispatchEvent(new Event(SESSION_ENDED));
  if (!res.ok) {
    const error = (await res.json().catch(() => ({}))) as { code?: string; message?: string; details?: unknown };
    const details = Array.isArray(error.details) ? error.details.filter((d): d is string => typeof d === 'string') : [];
    throw new ApiError(res.status, error.code ?? `HTTP_${res.status}`, error.message ?? res.statusText, details);
  }
  return read(res);
}

export const apiGet = <T>(path: string, token = session.token()): Promise<T> => call<T>(path, {}, token);

export const apiPost = <T>(path: string, body: unknown, token = session.token()): Promise<T> =>
  call<T>(path, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) }, token);

/**
 * Sends bytes as they are (`application/octet-stream`): a Blob, such as a slice of a file, which
 * the browser streams from the disk rather than the page reading it. `signal` stops it.
 */
export const apiPutBytes = <T>(path: string, body: Blob, signal?: AbortSignal, token = session.token()): Promise<T> =>
  call<T>(path, { method: 'PUT', headers: { 'content-type': 'application/octet-stream' }, body, signal }, token);

/**
 * Reads an answer's bytes whole, with the caller's token (which a plain link could not send), and
 * the length the API announced. A transfer cut off rejects (a network error); a refusal is an ApiError.
 */
export const apiBytes = (path: string, token = session.token()): Promise<{ blob: Blob; announced?: number }> =>
  call(path, {}, token, async (res) => {
    const length = res.headers.get('content-length');
    const blob = await res.blob();
    return length === null ? { blob } : { blob, announced: Number(length) };
  });

/**
 * Saves an answer as a file (a CSV export): fetched with the caller's token, which a plain link
 * could not send, then handed to the browser as a download under the name the API gives it.
 */
export async function apiDownload(path: string, fallbackName: string, token = session.token()): Promise<void> {
  const { blob, name } = await call(path, {}, token, async (res) => ({
    blob: await res.blob(),
    name: /filename="([^"/\\]+)"/.exec(res.headers.get('content-disposition') ?? '')?.[1] ?? fallbackName,
  }));
  saveAs(blob, name);
}

/** Has the browser save the blob as a file of this name. */
export function saveAs(blob: Blob, name: string): void {
  const url = URL.createObjectURL(blob);
  const link = Object.assign(document.createElement('a'), { href: url, download: name });
  document.body.append(link);
  link.click();
  link.remove();
  setTimeout(() => URL.revokeObjectURL(url), 10_000);
}

let declaredTypes: Promise<ProcessTypeList> | undefined;

/**
 * The process types (GET /api/v1/process-types), read once for the page's life: they are the
 * installation's declarations and do not change while it runs. A failed read is tried again next
 * time. Their labels come in the reader's language (i18n/process-labels).
 */
export function processTypes(): Promise<ProcessTypeList> {
  declaredTypes ??= apiGet<ProcessTypeList>('/api/v1/process-types').catch((err: unknown) => {
    declaredTypes = undefined;
    throw err;
  });
  return declaredTypes.then((list) => localizedTypes(list, language()));
}
