import { ATTACH_DOCUMENT_ACTION, DocumentKinds, documentKindRules } from '@comity/domain';
import type { Caller, DocumentResource, ProcessResource } from './api-types';
import {
  allowsMediaType,
  ATTACH_DOCUMENT,
  DOCUMENT_KINDS,
  fingerprintOf,
  KIND_MEDIA_TYPES,
  mayAttach,
  mayUpload,
  mediaTypeOf,
  PartNotSent,
  percentOf,
  resumableUpload,
  sendParts,
  untilChecked,
  withRetries,
} from './documents-model';

const noWait = () => Promise.resolve();
const refusal = (status: number, code: string) => Object.assign(new Error(code), { status, code });

const coordinator = { userId: 'officer-1', role: 'coordinator' } as const;
const greece = { userId: 'gr-clerk', role: 'agency', agencyId: 'gr-coastguard' } as const;
const turkey = { userId: 'tr-clerk', role: 'agency', agencyId: 'tr-police' } as const;
const auditor = { userId: 'aud-1', role: 'auditor' } as const;

const process = (over: Partial<ProcessResource> = {}): ProcessResource =>
  ({
    id: 'mla-1',
    terminal: false,
    parties: {
      requesting: { agencyId: 'it-police', state: 'IT' },
      requested: { agencyId: 'gr-coastguard', state: 'GR' },
    },
    allowedActions: [{ action: 'attach-document', label: 'Attach a document' }],
    ...over,
  }) as unknown as ProcessResource;

const documentOf = (over: Partial<DocumentResource> = {}): DocumentResource =>
  ({
    id: 'doc-1',
    processId: 'mla-1',
    kind: 'request',
    name: 'request.pdf',
    mediaType: 'application/pdf',
    size: 10,
    status: 'available',
    uploadedBy: { userId: 'gr-clerk', role: 'agency', agencyId: 'gr-coastguard' },
    createdAt: '2026-03-01T12:00:00Z',
    partSize: 4,
    parts: 3,
    retainYearsAfterProcess: 10,
    ...over,
  }) as DocumentResource;

describe('the document kinds the page offers', () => {
  it('are the domain’s, each taking the media types the domain allows it', () => {
    expect([...DOCUMENT_KINDS]).toEqual([...DocumentKinds]);
    for (const kind of DocumentKinds) {
      const allowed = documentKindRules[kind].mediaTypes;
      expect([kind, KIND_MEDIA_TYPES[kind]]).toEqual([kind, allowed === '*' ? '*' : [...allowed]]);
    }
    expect(ATTACH_DOCUMENT).toBe(ATTACH_DOCUMENT_ACTION);
  });

  it('declares a file’s media type as the API takes it, or application/octet-stream', () => {
    expect(mediaTypeOf('application/pdf')).toBe('application/pdf');
    expect(mediaTypeOf('Text/Plain; charset=UTF-8')).toBe('text/plain');
    expect(mediaTypeOf('text/xml')).toBe('application/xml');
    expect(mediaTypeOf('')).toBe('application/octet-stream');
    expect(mediaTypeOf('not a type')).toBe('application/octet-stream');
    expect(allowsMediaType('correspondence', 'text/plain')).toBe(true);
    expect(allowsMediaType('request', 'text/plain')).toBe(false);
    expect(allowsMediaType('evidence', 'application/octet-stream')).toBe(true);
  });
});

describe('who may upload and attach', () => {
  it('lets coordinators, admins and an agency that is a party upload while the process runs; never auditors', () => {
    expect(mayUpload(coordinator, process())).toBe(true);
    expect(mayUpload({ role: 'admin' }, process())).toBe(true);
    expect(mayUpload(greece, process())).toBe(true);
    expect(mayUpload(turkey, process())).toBe(false);
    expect(mayUpload(auditor, process())).toBe(false);
    expect(mayUpload(coordinator, process({ terminal: true }))).toBe(false);
  });

  it('offers to attach an available document not yet attached, to coordinators and the agency that uploaded it', () => {
    expect(mayAttach(coordinator, process(), documentOf())).toBe(true);
    expect(mayAttach(greece, process(), documentOf())).toBe(true);
    expect(mayAttach({ role: 'agency', agencyId: 'it-police' }, process(), documentOf())).toBe(false);
    expect(mayAttach(auditor, process(), documentOf())).toBe(false);
    expect(mayAttach(coordinator, process(), documentOf({ attached: {} }))).toBe(false);
    expect(mayAttach(coordinator, process(), documentOf({ status: 'quarantined' }))).toBe(false);
    expect(mayAttach(coordinator, process({ allowedActions: [] }), documentOf())).toBe(false);
  });
});

describe('an upload in parts', () => {
  const file = new Blob([new Uint8Array(10).map((_, i) => i)]);
  const bytesOf = async (blob: Blob) => [...new Uint8Array(await blob.arrayBuffer())];

  it('sends each part as its slice of the file, a few at a time, and reports the bytes sent', async () => {
    const received = new Map<number, number[]>();
    let inFlight = 0;
    let most = 0;
    const progress: number[] = [];
    await sendParts({
      file,
      partSize: 4,
      parts: 3,
      toSend: [1, 2, 3],
      policy: { inFlight: 2, attempts: 1, delaysMs: [] },
      send: async (part, body) => {
        most = Math.max(most, ++inFlight);
        await new Promise((r) => setTimeout(r, 5));
        received.set(part, await bytesOf(body));
        inFlight--;
      },
      onProgress: (sent) => progress.push(sent),
    });
    expect(Object.fromEntries(received)).toEqual({ 1: [0, 1, 2, 3], 2: [4, 5, 6, 7], 3: [8, 9] });
    expect(most).toBe(2);
    expect(progress.at(-1)).toBe(10);
  });

  it('sends a part again when the network or a busy API failed it, and counts a part already stored as sent', async () => {
    const tries = new Map<number, number>();
    const retries: string[] = [];
    await sendParts({
      file,
      partSize: 4,
      parts: 3,
      toSend: [1, 2, 3],
      wait: noWait,
      send: async (part) => {
        const n = (tries.get(part) ?? 0) + 1;
        tries.set(part, n);
        if (part === 1 && n === 1) throw new TypeError('Failed to fetch');
        if (part === 2 && n === 1) throw refusal(429, 'UPLOADS_BUSY');
        // Its first answer was lost: the API holds the part already.
        if (part === 3 && n === 1) throw refusal(409, 'PART_ALREADY_STORED');
      },
      onRetry: (part, attempt, attempts) => retries.push(`${part}:${attempt}/${attempts}`),
    });
    expect(Object.fromEntries(tries)).toEqual({ 1: 2, 2: 2, 3: 1 });
    expect(retries.sort()).toEqual(['1:2/4', '2:2/4']);
  });

  it('stops at a part the API refuses, or one that fails every attempt, naming it', async () => {
    const sent: number[] = [];
    const refused = sendParts({
      file,
      partSize: 4,
      parts: 3,
      toSend: [1, 2, 3],
      policy: { inFlight: 1, attempts: 4, delaysMs: [0] },
      wait: noWait,
      send: async (part) => {
        sent.push(part);
        if (part === 2) throw refusal(400, 'PART_SIZE_WRONG');
      },
    });
    await expect(refused).rejects.toBeInstanceOf(PartNotSent);
    await expect(refused).rejects.toMatchObject({ part: 2, cause: { code: 'PART_SIZE_WRONG' } });
    // Refused once is refused for good, and the parts after it are not sent.
    expect(sent).toEqual([1, 2]);

    let attempts = 0;
    const down = sendParts({
      file,
      partSize: 4,
      parts: 3,
      toSend: [3],
      wait: noWait,
      send: async () => {
        attempts++;
        throw new TypeError('Failed to fetch');
      },
    });
    await expect(down).rejects.toMatchObject({ part: 3 });
    expect(attempts).toBe(4);
  });

  it('resumes with the missing parts only, the others counted as sent', async () => {
    const sent: number[] = [];
    const progress: [number, number][] = [];
    await sendParts({
      file,
      partSize: 4,
      parts: 3,
      toSend: [2],
      send: async (part) => void sent.push(part),
      onProgress: (bytes, parts) => progress.push([bytes, parts]),
    });
    expect(sent).toEqual([2]);
    expect(progress).toEqual([[10, 3]]);
    expect(percentOf(6, 10, 2, 3)).toBe(60);
    expect(percentOf(0, 0, 1, 1)).toBe(100);
  });

  it('stops when the page goes away, sending nothing more', async () => {
    const stop = new AbortController();
    const sent: number[] = [];
    const upload = sendParts({
      file,
      partSize: 4,
      parts: 3,
      toSend: [1, 2, 3],
      policy: { inFlight: 1, attempts: 4, delaysMs: [0] },
      signal: stop.signal,
      send: async (part) => {
        sent.push(part);
        stop.abort();
      },
    });
    await expect(upload).rejects.toMatchObject({ name: 'AbortError' });
    expect(sent).toEqual([1]);
  });

  it('resumes only the caller’s own upload of the very same file', () => {
    const chosen = new File(['0123456789'], 'request.pdf', { lastModified: 1_700_000_000_000 });
    const open = documentOf({ status: 'uploading' });
    const remembered = fingerprintOf(chosen, 'request');
    const known = (id: string) => (id === 'doc-1' ? remembered : undefined);
    expect(resumableUpload([open], greece, fingerprintOf(chosen, 'request'), known)).toBe(open);
    // Another file of the same name and size (modified at another moment), another kind, another user.
    const other = new File(['abcdefghij'], 'request.pdf', { lastModified: 1_800_000_000_000 });
    expect(resumableUpload([open], greece, fingerprintOf(other, 'request'), known)).toBeUndefined();
    expect(resumableUpload([open], greece, fingerprintOf(chosen, 'decision'), known)).toBeUndefined();
    expect(resumableUpload([open], coordinator as Caller, fingerprintOf(chosen, 'request'), known)).toBeUndefined();
    expect(resumableUpload([open], greece, fingerprintOf(chosen, 'request'), () => undefined)).toBeUndefined();
    // Declared in another language than the upload that stopped.
    expect(resumableUpload([open], greece, fingerprintOf(chosen, 'request', 'fr'), known)).toBeUndefined();
    const translation = documentOf({ status: 'uploading', kind: 'translation', language: 'fr' });
    const french = fingerprintOf(chosen, 'translation', 'fr');
    expect(resumableUpload([translation], greece, french, () => french)).toBe(translation);
    expect(
      resumableUpload([documentOf({ status: 'scanning' })], greece, fingerprintOf(chosen, 'request'), known),
    ).toBeUndefined();
  });
});

describe('after the upload', () => {
  it('reads the document until its check has ended, riding out a failed read', async () => {
    const answers: (DocumentResource | Error)[] = [
      documentOf({ status: 'scanning' }),
      new TypeError('Failed to fetch'),
      documentOf({ status: 'scanning' }),
      documentOf({ status: 'quarantined', problem: 'INFECTED: Eicar-Signature' }),
    ];
    const read = async () => {
      const next = answers.shift()!;
      if (next instanceof Error) throw next;
      return next;
    };
    await expect(untilChecked(read, undefined, noWait)).resolves.toMatchObject({ status: 'quarantined' });
    expect(answers).toEqual([]);
  });

  it('does not retry what a refusal answered', async () => {
    let calls = 0;
    const refused = withRetries(
      async () => {
        calls++;
        throw refusal(403, 'DOCUMENT_NOT_YOURS');
      },
      { attempts: 4, delaysMs: [0] },
      undefined,
      undefined,
      noWait,
    );
    await expect(refused).rejects.toMatchObject({ status: 403 });
    expect(calls).toBe(1);
  });
});
