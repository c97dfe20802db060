import { createCipheriv, createHash } from 'node:crypto';
import { open as openFile } from 'node:fs/promises';
import Database from 'better-sqlite3';
import { request } from 'node:http';
import * as path from 'node:path';
import { PutObjectCommand, S3Client } from '@aws-sdk/client-s3';
import { detachedSealHolds } from '@comity/auth';
import { sealedClaim, type Actor } from '@comity/domain';
import { waitFor } from '../support/apps';
import { documentStoreEnv } from '../support/environment';
import { startStack, type Stack } from '../support/stack';

/**
 * Documents through the real stack: the API, the S3 gateway (versitygw), clamd and Temporal. A 1 GiB
 * evidence file uploaded in parts, interrupted and resumed, checked, sealed, refused to those it
 * is not shared with, attached, downloaded and verified; an altered object refused; an infected
 * file quarantined; a file that is not what it claims rejected. Every access in the custody chain.
 */
const coordinator: Actor = { userId: 'officer-1', role: 'coordinator' };
const italy: Actor = { userId: 'it-clerk', role: 'agency', agencyId: 'it-ministry-of-justice' };
const libya: Actor = { userId: 'ly-clerk', role: 'agency', agencyId: 'ly-attorney-general' };
const stranger: Actor = { userId: 'x', role: 'agency', agencyId: 'de-bka' };
const auditor: Actor = { userId: 'aud-1', role: 'auditor' };
const parties = {
  requesting: { agencyId: 'it-ministry-of-justice', state: 'IT' },
  requested: { agencyId: 'ly-attorney-general', state: 'LY' },
};

const GIB = 1024 * 1024 * 1024;
/** The standard antivirus test file (EICAR), which every scanner reports and which harms nothing. */
const EICAR = 'X5O!P%@AP[4\\PZX54(P^)7CC)7}$EICAR-STANDARD-ANTIVIRUS-TEST-FILE!$H+H*';

interface DocumentView {
  id: string;
  status: string;
  problem?: string;
  sha256?: string;
  seal?: string;
  partSize: number;
  parts: number;
  receivedParts?: number[];
  missingParts?: number[];
  code?: string;
  details?: string[];
}

let stack: Stack;
let processId: string;

beforeAll(async () => {
  stack = await startStack('sqlite', 3270);
  const res = await stack.api.as(coordinator).post<{ id: string }>('/api/v1/processes', {
    type: 'mla',
    legalBasis: 'UNTOC',
    parties,
  });
  expect(res.status).toBe(201);
  processId = res.body.id;
}, 180_000);

afterAll(() => stack?.stop(), 60_000);

const documents = () => `/api/v1/processes/${processId}/documents`;

/** Deterministic bytes: AES-CTR's key stream from a seed, so 1 GiB is made at memory speed. */
function bytesOf(seed: string, offset: number, length: number): Buffer {
  const key = createHash('sha256').update(seed).digest().subarray(0, 16);
  const block = Math.floor(offset / 16);
  const iv = Buffer.alloc(16);
  iv.writeUInt32BE(block, 12);
  const stream = createCipheriv('aes-128-ctr', key, iv);
  const skip = offset - block * 16;
  return stream.update(Buffer.alloc(length + skip)).subarray(skip);
}

async function rawRequest(actor: Actor, method: string, url: string, body?: Buffer, cutAfter?: number) {
  const token = await stack.environment.token(actor);
  return new Promise<{ status: number; text: string }>((resolve, reject) => {
    const req = request(`${stack.base}${url}`, {
      method,
      headers: {
        authorization: `Bearer ${token}`,
        'content-type': 'application/octet-stream',
        ...(body ? { 'content-length': String(body.length) } : {}),
      },
    });
    req.on('response', (res) => {
      let text = '';
      res.on('data', (d: Buffer) => (text += d.toString()));
      res.on('end', () => resolve({ status: res.statusCode ?? 0, text }));
    });
    req.on('error', (err) => (cutAfter === undefined ? reject(err) : resolve({ status: 0, text: err.message })));
    if (cutAfter !== undefined) {
      req.write(body!.subarray(0, cutAfter), () => setTimeout(() => req.destroy(), 100));
    } else {
      req.end(body);
    }
  });
}

const putPart = (actor: Actor, id: string, part: number, bytes: Buffer) =>
  rawRequest(actor, 'PUT', `${documents()}/${id}/parts/${part}`, bytes);

async function startUpload(actor: Actor, body: Record<string, unknown>): Promise<DocumentView> {
  const res = await stack.api.as(actor).post<DocumentView>(documents(), body);
  expect(res).toMatchObject({ status: 201 });
  return res.body;
}

/** Uploads a small document whole and waits for its check to end. */
async function uploadSmall(actor: Actor, kind: string, mediaType: string, content: Buffer): Promise<DocumentView> {
  const started = await startUpload(actor, { kind, name: `${kind}.bin`, mediaType, size: content.length });
  expect(await putPart(actor, started.id, 1, content)).toMatchObject({ status: 200 });
  expect(await stack.api.as(actor).post(`${documents()}/${started.id}/complete`, {})).toMatchObject({ status: 202 });
  return checked(actor, started.id);
}

function checked(actor: Actor, id: string, timeoutMs = 60_000): Promise<DocumentView> {
  return waitFor(
    `document ${id} checked`,
    async () => {
      const res = await stack.api.as(actor).get<DocumentView>(`${documents()}/${id}`);
      return res.body.status === 'scanning' ? undefined : res.body;
    },
    timeoutMs,
  );
}

/** Downloads a document as a stream: its status, headers and the SHA-256 and size of what arrived. */
async function download(actor: Actor, id: string) {
  let res: Response;
  try {
    res = await fetch(`${stack.base}${documents()}/${id}/content`, {
      headers: { authorization: `Bearer ${await stack.environment.token(actor)}` },
    });
  } catch (err) {
    // The connection closed before the status line: nothing of the document arrived.
    return { status: 0, size: 0, failure: (err as Error).message };
  }
  if (res.status !== 200) return { status: res.status, body: (await res.json()) as { code: string; message: string } };
  const hash = createHash('sha256');
  let size = 0;
  let failure: string | undefined;
  try {
    for await (const chunk of res.body as unknown as AsyncIterable<Uint8Array>) {
      hash.update(chunk);
      size += chunk.length;
    }
  } catch (err) {
    failure = (err as Error).message;
  }
  return { status: 200, headers: res.headers, sha256: hash.digest('hex'), size, failure };
}

async function attach(actor: Actor, documentId: string) {
  return stack.api.as(actor).post<{ code?: string; sequence: number }>(`/api/v1/processes/${processId}/actions`, {
    action: 'attach-document',
    payload: { documentId, sha256: '0'.repeat(64), note: 'the claim fields are the installation’s' },
  });
}

async function custody(id: string) {
  const res = await stack.api.as(coordinator).get<{
    verdict: { intact: boolean; links: number; brokenAt?: number };
    links: {
      sequence: number;
      hash: string;
      event: string;
      actor: { userId: string };
      detail: Record<string, unknown>;
    }[];
  }>(`${documents()}/${id}/custody`);
  expect(res.status).toBe(200);
  return res.body;
}

it('takes 1 GiB of evidence in parts, resumes an interrupted upload, checks, seals, shares and streams it back intact', async () => {
  const size = GIB + 12_345;
  const seed = 'evidence';
  const whole = createHash('sha256');
  for (let at = 0; at < size; at += 64 * 1024 * 1024)
    whole.update(bytesOf(seed, at, Math.min(64 * 1024 * 1024, size - at)));
  const sha256 = whole.digest('hex');

  const started = await startUpload(libya, {
    kind: 'evidence',
    name: 'phone-dump façade.bin',
    mediaType: 'application/octet-stream',
    size,
    sha256,
  });
  expect(started).toMatchObject({ status: 'uploading', parts: Math.ceil(size / started.partSize) });
  const part = (n: number) =>
    bytesOf(seed, (n - 1) * started.partSize, Math.min(started.partSize, size - (n - 1) * started.partSize));

  // The first half, then a part cut off mid-way: the store keeps nothing of that part.
  const half = Math.floor(started.parts / 2);
  for (let n = 1; n <= half; n += 1)
    expect(await putPart(libya, started.id, n, part(n))).toMatchObject({ status: 200 });
  await rawRequest(libya, 'PUT', `${documents()}/${started.id}/parts/${half + 1}`, part(half + 1), 1_000_000);
  const early = await stack.api.as(libya).post<DocumentView>(`${documents()}/${started.id}/complete`, {});
  expect(early.status).toBe(409);
  expect(early.body.code).toBe('DOCUMENT_PARTS_MISSING');
  const resumed = await stack.api.as(libya).get<DocumentView>(`${documents()}/${started.id}`);
  expect(resumed.body.receivedParts).toEqual(Array.from({ length: half }, (_, i) => i + 1));
  expect(resumed.body.missingParts?.[0]).toBe(half + 1);

  // A part of the wrong size and one from someone else are refused; the rest is sent.
  const wrong = await putPart(libya, started.id, half + 1, Buffer.alloc(10));
  expect(wrong.status).toBe(400);
  expect(JSON.parse(wrong.text)).toMatchObject({ code: 'PART_SIZE_WRONG' });
  expect((await putPart(coordinator, started.id, half + 1, part(half + 1))).status).toBe(403);
  for (const n of resumed.body.missingParts!)
    expect(await putPart(libya, started.id, n, part(n))).toMatchObject({ status: 200 });
  // A part stored whole is not replaced: two ciphertexts of one place would both open there.
  const again = await putPart(libya, started.id, 1, part(1));
  expect(again.status).toBe(409);
  expect(JSON.parse(again.text)).toMatchObject({ code: 'PART_ALREADY_STORED' });
  const completed = await stack.api.as(libya).post<DocumentView>(`${documents()}/${started.id}/complete`, {});
  expect(completed).toMatchObject({ status: 202, body: { status: 'scanning' } });
  const available = await checked(libya, started.id, 300_000);
  expect(available).toMatchObject({ status: 'available', sha256 });

  // The seal verifies with the installation's published key, over the claim.
  const { keys } = (
    await stack.api.as(undefined).get<{ keys: { kid: string; use: string }[] }>('/api/v1/installation/keys')
  ).body;
  const sealKeys = keys.filter((k) => k.kid.endsWith('.documents'));
  expect(sealKeys.length).toBeGreaterThan(0);
  const claim = {
    documentId: started.id,
    kind: 'evidence' as const,
    name: 'phone-dump façade.bin',
    mediaType: 'application/octet-stream',
    size,
    sha256,
  };
  const verifiers = sealKeys.map((k) => ({ kid: k.kid, publicJwk: k, privateKey: undefined as never }));
  expect(
    await detachedSealHolds(available.seal!, sealedClaim(processId, claim), verifiers, 'comity-document-seal+jws'),
  ).toBe(true);
  expect(
    await detachedSealHolds(
      available.seal!,
      sealedClaim(processId, { ...claim, size: size - 1 }),
      verifiers,
      'comity-document-seal+jws',
    ),
  ).toBe(false);

  // Not yet shared: the other party, a stranger and an auditor are refused, and each refusal is recorded.
  expect(await download(italy, started.id)).toMatchObject({ status: 403, body: { code: 'DOCUMENT_NOT_SHARED' } });
  expect(await download(stranger, started.id)).toMatchObject({ status: 403, body: { code: 'NOT_A_PARTY' } });
  expect(await download(auditor, started.id)).toMatchObject({ status: 403, body: { code: 'DOCUMENT_NOT_SHARED' } });
  // The other party does not even see it listed.
  const listed = await stack.api.as(italy).get<{ items: DocumentView[] }>(documents());
  expect(listed.body.items.map((d) => d.id)).not.toContain(started.id);

  // Attached: the process carries the installation's claim check, not what the caller wrote.
  const attached = await attach(libya, started.id);
  expect(attached.status).toBe(200);
  const events = await stack.observer.untilAction(processId, 'attach-document');
  const event = events.find((e) => e.data.action === 'attach-document')!;
  expect(event.data.payload).toMatchObject({ documentId: started.id, sha256, size, seal: available.seal });
  expect(JSON.stringify(event)).not.toContain(bytesOf(seed, 0, 32).toString('hex'));
  expect((await attach(libya, started.id)).body.code).toBe('PRECONDITION_UNMET');

  const got = await download(italy, started.id);
  expect(got).toMatchObject({ status: 200, sha256, size, failure: undefined });
  expect(got.headers?.get('repr-digest')).toBe(`sha-256=:${Buffer.from(sha256, 'hex').toString('base64')}:`);

  const chain = await custody(started.id);
  expect(chain.verdict.intact).toBe(true);
  expect(chain.links.map((l) => l.event)).toEqual([
    'upload-started',
    'uploaded',
    'checked',
    'sealed',
    'download-refused',
    'download-refused',
    'download-refused',
    'shared',
    'downloaded',
  ]);
  expect(
    chain.links.filter((l) => l.event === 'download-refused').map((l) => [l.actor.userId, l.detail['code']]),
  ).toEqual([
    ['it-clerk', 'DOCUMENT_NOT_SHARED'],
    ['x', 'NOT_A_PARTY'],
    ['aud-1', 'DOCUMENT_NOT_SHARED'],
  ]);

  // A database operator hides who was refused: edits the link and recomputes its hash and every
  // one after it. Without the installation's custody key, the chain breaks at the edited link.
  const refusedAt = chain.links.find((l) => l.event === 'download-refused')!.sequence;
  const db = new Database(stack.environment.env['COMITY_SQLITE_PATH']!);
  try {
    const rows = db
      .prepare('SELECT * FROM document_custody WHERE document_id = ? AND sequence >= ? ORDER BY sequence')
      .all(started.id, refusedAt) as { sequence: number; detail: string; previous_hash: string; hash: string }[];
    let previous = chain.links[refusedAt - 2]!.hash;
    for (const row of rows) {
      const detail = row.sequence === refusedAt ? JSON.stringify({ code: 'NONE' }) : row.detail;
      const hash = createHash('sha256').update(`${previous}${detail}`).digest('hex');
      db.prepare(
        'UPDATE document_custody SET detail = ?, previous_hash = ?, hash = ? WHERE document_id = ? AND sequence = ?',
      ).run(detail, previous, hash, started.id, row.sequence);
      previous = hash;
    }
  } finally {
    db.close();
  }
  expect((await custody(started.id)).verdict).toEqual({
    intact: false,
    links: chain.links.length,
    brokenAt: refusedAt,
  });
}, 900_000);

it('refuses an object replaced in the store before sending a byte, and cuts off one altered on disk', async () => {
  const pdf = Buffer.concat([Buffer.from('%PDF-1.7\n'), bytesOf('pdf', 0, 3 * 1024 * 1024)]);
  const doc = await uploadSmall(coordinator, 'request', 'application/pdf', pdf);
  expect(doc.status).toBe('available');
  expect((await attach(coordinator, doc.id)).status).toBe(200);
  expect(await download(italy, doc.id)).toMatchObject({ status: 200, size: pdf.length, failure: undefined });

  // Altered where the store keeps it (a byte flipped on the gateway's disk, its entity tag unchanged).
  const env = documentStoreEnv();
  const runtime = process.env['COMITY_RUNTIME'] ?? path.join(__dirname, '../../.runtime');
  const file = path.join(runtime, 'versitygw/data', 'comity-documents', 'documents', processId, doc.id);
  const handle = await openFile(file, 'r+');
  const byte = Buffer.alloc(1);
  await handle.read(byte, 0, 1, 2 * 1024 * 1024 + 7);
  await handle.write(Buffer.from([byte[0]! ^ 0xff]), 0, 1, 2 * 1024 * 1024 + 7);
  await handle.close();
  const cut = await download(italy, doc.id);
  // The first chunk (1 MiB) passes its check and is held back, the second does not: the transfer
  // ends before either is sent (the connection closes, or the body stops short).
  expect(cut.failure).toBeDefined();
  expect(cut.size).toBeLessThan(1024 * 1024);

  // Replaced through the store's own API: refused before anything is sent.
  const s3 = new S3Client({
    endpoint: env['COMITY_S3_ENDPOINT'],
    region: 'us-east-1',
    forcePathStyle: true,
    credentials: { accessKeyId: env['COMITY_S3_ACCESS_KEY_ID']!, secretAccessKey: env['COMITY_S3_SECRET_ACCESS_KEY']! },
  });
  await s3.send(
    new PutObjectCommand({
      Bucket: 'comity-documents',
      Key: `documents/${processId}/${doc.id}`,
      Body: Buffer.from('forged'),
    }),
  );
  s3.destroy();
  expect(await download(italy, doc.id)).toMatchObject({ status: 409, body: { code: 'DOCUMENT_INTEGRITY_FAILED' } });
  const events = (await custody(doc.id)).links.map((l) => l.event);
  expect(events.filter((e) => e === 'integrity-failed')).toHaveLength(2);
}, 120_000);

it('quarantines an infected file and rejects one that is not what it claims, telling the uploader', async () => {
  const infected = await uploadSmall(italy, 'correspondence', 'text/plain', Buffer.from(EICAR));
  expect(infected.status).toBe('quarantined');
  expect(infected.problem).toMatch(/^INFECTED: /);
  expect(await download(italy, infected.id)).toMatchObject({ status: 409, body: { code: 'DOCUMENT_NOT_AVAILABLE' } });
  expect((await attach(italy, infected.id)).body.code).toBe('DOCUMENT_NOT_AVAILABLE');

  const notPdf = await uploadSmall(italy, 'request', 'application/pdf', Buffer.from('<html>not a pdf</html>'));
  expect(notPdf).toMatchObject({ status: 'rejected' });
  expect(notPdf.problem).toMatch(/^DOCUMENT_TYPE_MISMATCH/);
  expect((await custody(notPdf.id)).links.map((l) => l.event)).toEqual(['upload-started', 'uploaded', 'rejected']);
}, 120_000);

it('refuses bad uploads with the field and what is allowed, and changes nothing', async () => {
  const bad = await stack.api.as(libya).post<DocumentView>(documents(), {
    kind: 'request',
    name: 'x.exe',
    mediaType: 'application/x-msdownload',
    size: 10,
  });
  expect(bad).toMatchObject({ status: 400, body: { code: 'DOCUMENT_TYPE_NOT_ALLOWED' } });
  expect(bad.body.details?.[0]).toMatch(/^body\.mediaType: one of application\/pdf/);
  const invalid = await stack.api.as(libya).post<DocumentView>(documents(), {
    kind: 'photo',
    name: '../etc/passwd',
    mediaType: 'pdf',
    size: -1,
  });
  expect(invalid.status).toBe(400);
  expect(invalid.body.details?.join('\n')).toMatch(/body\.kind/);
  expect(invalid.body.details?.join('\n')).toMatch(/body\.name/);
  const disguised = await stack.api.as(libya).post<DocumentView>(documents(), {
    kind: 'evidence',
    name: 'invoice\u202Efdp.exe',
    mediaType: 'application/octet-stream',
    size: 10,
  });
  expect(disguised).toMatchObject({ status: 400, body: { code: 'VALIDATION_FAILED' } });
  expect(disguised.body.details?.join('\n')).toMatch(/body\.name: .*direction overrides/);
  expect(
    (await stack.api.as(auditor).post(documents(), { kind: 'evidence', name: 'a', mediaType: 'text/plain', size: 1 }))
      .status,
  ).toBe(403);
  expect(
    (await stack.api.as(stranger).post(documents(), { kind: 'evidence', name: 'a', mediaType: 'text/plain', size: 1 }))
      .status,
  ).toBe(403);
  expect((await stack.api.as(coordinator).get(`${documents()}/doc-00000000-0000-4000-8000-000000000000`)).status).toBe(
    404,
  );
  expect((await stack.api.as(coordinator).get(`${documents()}/not-a-document`)).status).toBe(400);
  const before = (await stack.api.as(coordinator).get<{ items: unknown[] }>(documents())).body.items.length;
  expect((await attach(coordinator, 'doc-00000000-0000-4000-8000-000000000000')).body.code).toBe('DOCUMENT_NOT_FOUND');
  expect((await stack.api.as(coordinator).get<{ items: unknown[] }>(documents())).body.items).toHaveLength(before);
}, 60_000);
