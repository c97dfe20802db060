/**
 * A process's documents, as the page handles them (docs/documents.md): the kinds and the media
 * types each takes, who may upload and attach, and an upload in parts — each part a slice of the
 * file, a few in flight, each retried a few times — with no DOM, so the specs run it against a
 * stand-in API. Nothing here reads the whole file: the browser streams each slice as it sends it.
 */
import type { Caller, DocumentResource, ProcessResource } from './api-types';

/** The document kinds (libs/domain's DocumentKinds, which documents-model.spec.ts holds this to). */
export const DOCUMENT_KINDS = [
  'request',
  'translation',
  'evidence',
  'decision',
  'surrender-papers',
  'certified-copy',
  'correspondence',
] as const;
export type DocumentKind = (typeof DOCUMENT_KINDS)[number];

const PAPERS = ['application/pdf', 'application/xml', 'image/png', 'image/jpeg', 'image/tiff'] as const;

/**
 * The media types each kind takes (libs/domain's documentKindRules, held equal by the spec), `*`
 * for any: the page says what a kind takes and checks a file before the API would refuse it.
 */
export const KIND_MEDIA_TYPES: Readonly<Record<DocumentKind, readonly string[] | '*'>> = {
  request: PAPERS,
  translation: [...PAPERS, 'text/plain'],
  evidence: '*',
  decision: PAPERS,
  'surrender-papers': PAPERS,
  'certified-copy': PAPERS,
  correspondence: [...PAPERS, 'text/plain'],
};

export const isDocumentKind = (value: string): value is DocumentKind =>
  (DOCUMENT_KINDS as readonly string[]).includes(value);

/** The action that puts a document on the process (libs/domain ATTACH_DOCUMENT_ACTION). */
export const ATTACH_DOCUMENT = 'attach-document';

/** Media types the API takes, as its upload body says (lowercase type/subtype, no parameters). */
const MEDIA_TYPE = /^[a-z0-9][a-z0-9!#$&^_.+-]*\/[a-z0-9][a-z0-9!#$&^_.+-]*$/;
/** What browsers and systems call the same type by another name. */
const ALIASES: Readonly<Record<string, string>> = { 'text/xml': 'application/xml', 'image/jpg': 'image/jpeg' };

/**
 * The media type to declare for a file, from what the browser says of it (`File.type`, from its
 * name's extension): without parameters, lowercase; `application/octet-stream` when it says nothing
 * the API would take.
 */
export function mediaTypeOf(browserType: string): string {
  const bare = browserType.split(';')[0]!.trim().toLowerCase();
  const type = ALIASES[bare] ?? bare;
  return type.length <= 127 && MEDIA_TYPE.test(type) ? type : 'application/octet-stream';
}

export const allowsMediaType = (kind: DocumentKind, mediaType: string): boolean => {
  const allowed = KIND_MEDIA_TYPES[kind];
  return allowed === '*' || allowed.includes(mediaType);
};

/** Whether the caller may start an upload on this process: coordinators, admins, an agency that is a party; while it runs. */
export function mayUpload(me: Pick<Caller, 'role' | 'agencyId'>, process: ProcessResource): boolean {
  if (process.terminal) return false;
  if (me.role === 'coordinator' || me.role === 'admin') return true;
  return me.role === 'agency' && Object.values(process.parties).some((p) => p.agencyId === me.agencyId);
}

/**
 * Whether the caller may attach this document now: it is available and not yet attached, the
 * process allows the caller the action, and an agency attaches only what its agency uploaded.
 */
export function mayAttach(
  me: Pick<Caller, 'role' | 'agencyId'>,
  process: ProcessResource,
  document: DocumentResource,
): boolean {
  if (document.status !== 'available' || document.attached) return false;
  if (!process.allowedActions.some((a) => a.action === ATTACH_DOCUMENT)) return false;
  if (me.role === 'coordinator' || me.role === 'admin') return true;
  return me.role === 'agency' && me.agencyId !== undefined && document.uploadedBy.agencyId === me.agencyId;
}

/** Parts numbered from 1 to `parts`. */
export const allParts = (parts: number): number[] => Array.from({ length: parts }, (_, i) => i + 1);

/** Part `n` of the file (from 1): exactly `partSize` bytes but the last, as the API expects. */
export function partOf(file: Blob, partSize: number, n: number): Blob {
  const start = (n - 1) * partSize;
  return file.slice(start, Math.min(start + partSize, file.size));
}

/** What identifies a file chosen again for an upload that stopped (kept for the tab, by document). */
export interface FileFingerprint {
  readonly name: string;
  readonly size: number;
  readonly lastModified: number;
  readonly kind: string;
  /** The language declared with it ('' for none). */
  readonly language: string;
}

export const fingerprintOf = (
  file: Pick<File, 'name' | 'size' | 'lastModified'>,
  kind: string,
  language = '',
): FileFingerprint => ({ name: file.name, size: file.size, lastModified: file.lastModified, kind, language });

/**
 * The caller's upload that stopped and that this file would resume: still open, started by the
 * caller, of the same name, size, kind and language, and remembered (`remembered`) as started from a file
 * modified at the same moment — a different file of the same name and size is never mixed in.
 */
export function resumableUpload(
  documents: readonly DocumentResource[],
  me: Pick<Caller, 'userId' | 'role' | 'agencyId'>,
  chosen: FileFingerprint,
  remembered: (documentId: string) => FileFingerprint | undefined,
): DocumentResource | undefined {
  return documents.find((d) => {
    const known = remembered(d.id);
    return (
      d.status === 'uploading' &&
      d.uploadedBy.userId === me.userId &&
      d.uploadedBy.role === me.role &&
      d.uploadedBy.agencyId === me.agencyId &&
      d.name === chosen.name &&
      d.size === chosen.size &&
      d.kind === chosen.kind &&
      (d.language ?? '') === chosen.language &&
      known !== undefined &&
      known.name === chosen.name &&
      known.size === chosen.size &&
      known.lastModified === chosen.lastModified &&
      known.kind === chosen.kind &&
      known.language === chosen.language
    );
  });
}

/** An error the page's calls throw: the API's status and code (api.ts ApiError), or none for the network. */
interface Answered {
  readonly status: number;
  readonly code?: string;
}
const answered = (err: unknown): err is Answered =>
  typeof err === 'object' && err !== null && typeof (err as { status?: unknown }).status === 'number';

export const isAbort = (err: unknown): boolean => err instanceof Error && err.name === 'AbortError';

/**
 * Whether sending again may succeed: the network failed (no answer), the API was busy (429: its
 * parts in memory are bounded) or failed (5xx). A refusal (4xx) would be refused again.
 */
export function worthRetrying(err: unknown): boolean {
  if (isAbort(err)) return false;
  if (!answered(err)) return true;
  return err.status === 408 || err.status === 429 || err.status >= 500;
}

/** Waits `ms`, or stops at once when `signal` aborts (with its AbortError). */
export function pause(ms: number, signal?: AbortSignal): Promise<void> {
  return new Promise((resolve, reject) => {
    if (signal?.aborted) return reject(abortError());
    const timer = setTimeout(() => {
      signal?.removeEventListener('abort', stop);
      resolve();
    }, ms);
    const stop = () => {
      clearTimeout(timer);
      reject(abortError());
    };
    signal?.addEventListener('abort', stop, { once: true });
  });
}

const abortError = () => Object.assign(new Error('the upload was stopped'), { name: 'AbortError' });

/** How an upload tries: parts in flight at once, attempts per part, the waits between attempts. */
export interface RetryPolicy {
  readonly inFlight: number;
  readonly attempts: number;
  /** Before attempt n+2 (the second, third, …): the last is repeated. */
  readonly delaysMs: readonly number[];
}

/** Three parts at once (the API holds four in memory per process, and says 429 beyond its queue); four tries each. */
export const UPLOAD_POLICY: RetryPolicy = { inFlight: 3, attempts: 4, delaysMs: [1_000, 3_000, 8_000] };

/**
 * Runs `attempt` until it succeeds, a refusal says it never will, or `policy.attempts` are spent;
 * `onRetry` hears of each new attempt (from the second).
 */
export async function withRetries<T>(
  attempt: () => Promise<T>,
  policy: Pick<RetryPolicy, 'attempts' | 'delaysMs'>,
  signal: AbortSignal | undefined,
  onRetry: (attempt: number, error: unknown) => void = () => undefined,
  wait: (ms: number, signal?: AbortSignal) => Promise<void> = pause,
): Promise<T> {
  for (let n = 1; ; n++) {
    try {
      return await attempt();
    } catch (err) {
      if (signal?.aborted || n >= policy.attempts || !worthRetrying(err)) throw err;
      onRetry(n + 1, err);
      await wait(policy.delaysMs[Math.min(n - 1, policy.delaysMs.length - 1)] ?? 1_000, signal);
    }
  }
}

/** A part that could not be sent: which, and the last error (the API's refusal, or the network's). */
export class PartNotSent extends Error {
  override readonly name = 'PartNotSent';
  constructor(
    readonly part: number,
    override readonly cause: unknown,
  ) {
    super(cause instanceof Error ? cause.message : String(cause));
  }
}

export interface SendParts {
  readonly file: Blob;
  readonly partSize: number;
  readonly parts: number;
  /** The parts to send (the missing ones when resuming); the others count as sent. */
  readonly toSend: readonly number[];
  /** Sends one part (PUT …/parts/{n}); throws the API's error or the network's. */
  readonly send: (part: number, body: Blob, signal: AbortSignal) => Promise<void>;
  readonly policy?: RetryPolicy;
  readonly signal?: AbortSignal;
  /** Bytes of the file the API holds whole, after each part it confirms. */
  readonly onProgress?: (sentBytes: number, partsDone: number) => void;
  readonly onRetry?: (part: number, attempt: number, attempts: number) => void;
  readonly wait?: (ms: number, signal?: AbortSignal) => Promise<void>;
}

/**
 * Sends the parts, `policy.inFlight` at a time, each retried while that may help. A part the API
 * already holds (409 PART_ALREADY_STORED: an answer lost on the way back) counts as sent. The first
 * part that cannot be sent stops the others and is thrown as PartNotSent; what the API holds stays,
 * so the upload resumes from its missing parts.
 */
export async function sendParts(options: SendParts): Promise<void> {
  const { file, partSize, parts, toSend, send, policy = UPLOAD_POLICY, wait = pause } = options;
  const stop = new AbortController();
  const outer = options.signal;
  const relay = () => stop.abort();
  outer?.addEventListener('abort', relay, { once: true });
  if (outer?.aborted) stop.abort();
  const pending = new Set(toSend);
  let sentBytes = allParts(parts)
    .filter((n) => !pending.has(n))
    .reduce((sum, n) => sum + partOf(file, partSize, n).size, 0);
  let partsDone = parts - pending.size;
  const queue = [...pending].sort((a, b) => a - b);
  let failure: unknown;
  const worker = async () => {
    for (let n = queue.shift(); n !== undefined && !stop.signal.aborted; n = queue.shift()) {
      const part = n;
      const body = partOf(file, partSize, part);
      try {
        await withRetries(
          () =>
            send(part, body, stop.signal).catch((err: unknown) => {
              if (answered(err) && err.status === 409 && err.code === 'PART_ALREADY_STORED') return;
              throw err;
            }),
          policy,
          stop.signal,
          (attempt) => options.onRetry?.(part, attempt, policy.attempts),
          wait,
        );
      } catch (err) {
        failure ??= isAbort(err) && outer?.aborted ? err : new PartNotSent(part, err);
        stop.abort();
        return;
      }
      sentBytes += body.size;
      partsDone += 1;
      options.onProgress?.(sentBytes, partsDone);
    }
  };
  try {
    await Promise.all(Array.from({ length: Math.max(1, Math.min(policy.inFlight, queue.length)) }, worker));
  } finally {
    outer?.removeEventListener('abort', relay);
  }
  if (failure !== undefined) throw failure;
  if (outer?.aborted) throw abortError();
}

/** A share of the whole, 0 to 100, for the progress bar; an empty file is done once its one part is. */
export function percentOf(sentBytes: number, totalBytes: number, partsDone: number, parts: number): number {
  if (totalBytes === 0) return parts === 0 ? 100 : Math.floor((partsDone / parts) * 100);
  return Math.min(100, Math.floor((sentBytes / totalBytes) * 100));
}

/**
 * Reads the document until its check has ended (no longer scanning), waiting longer
 * between reads as it takes longer (a scanner that cannot be reached is tried again every 30 s).
 */
export async function untilChecked(
  read: () => Promise<DocumentResource>,
  signal?: AbortSignal,
  wait: (ms: number, signal?: AbortSignal) => Promise<void> = pause,
): Promise<DocumentResource> {
  for (let delay = 500; ; delay = Math.min(delay * 2, 5_000)) {
    const document = await withRetries(read, UPLOAD_POLICY, signal, undefined, wait);
    if (document.status !== 'scanning') return document;
    await wait(delay, signal);
  }
}
