import { createHash, randomUUID } from 'node:crypto';
import type { Readable } from 'node:stream';
import { Transform } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { Inject, Injectable, Logger, type OnApplicationShutdown, type OnModuleInit } from '@nestjs/common';
import type { Response } from 'express';
import {
  detachedSeal,
  detachedSealHolds,
  documentSealingKeys,
  parseActionKeys,
  type InstallationKey,
} from '@comity/auth';
import type { ComityConfig, DocumentsConfig } from '@comity/config';
import {
  CHUNK_BYTES,
  DocumentIntegrityError,
  encryptedLength,
  newDataKey,
  OpenDocumentStream,
  sealChunks,
} from '@comity/crypto';
import {
  allowsMediaType,
  definitionOf,
  documentKindRules,
  DOCUMENTS_FACT,
  sealedClaim,
  type Actor,
  type AttachedDocument,
  type DocumentClaim,
  type DocumentKind,
} from '@comity/domain';
import {
  verifyCustody,
  type CustodyActor,
  type DocumentRecord,
  type DocumentRecords,
  type DocumentStatus,
} from '@comity/persistence';
import type { ProcessView } from '@comity/workflows';
import { mayReadPayloads } from '../auth/handling-policy';
import { ClientError, forbidden, notFound, ServiceUnavailable } from '../http/api-error';
import { CONFIG, DOCUMENT_RECORDS, OBJECT_STORE } from '../infrastructure/tokens';
import { ProcessesService } from '../processes/processes.service';
import type { ObjectStore } from './object-store';
import { ClamdScan, ScannerError, type ScanVerdict } from './virus-scanner';
import type { NewDocumentBody } from './document-requests.dto';

/** The JWS type of a document's seal (a detached JWS over domain `sealedClaim`). */
export const DOCUMENT_SEAL_TYPE = 'comity-document-seal+jws';

/** Who the installation's own steps (the check, the seal) are recorded as. */
const INSTALLATION: CustodyActor = { userId: 'comity', role: 'system' };

/** Parts held in memory at once by this API (each a part of plain text and its ciphertext). */
const PARTS_AT_ONCE = 4;
/** A check that could not reach clamd or the store is tried again after this long. */
const RECHECK_AFTER_MS = 30_000;

/** What a document looks like to a client. */
export interface DocumentView {
  readonly id: string;
  readonly processId: string;
  readonly kind: string;
  readonly name: string;
  readonly mediaType: string;
  readonly size: number;
  readonly status: DocumentStatus;
  readonly problem?: string;
  readonly sha256?: string;
  readonly seal?: string;
  readonly uploadedBy: CustodyActor;
  readonly createdAt: string;
  readonly partSize: number;
  readonly parts: number;
  /** While uploading: the parts the store holds, and those still to send. */
  readonly receivedParts?: readonly number[];
  readonly missingParts?: readonly number[];
  /** Once attached: the process event that shared it, and the event it supports. */
  readonly attached?: { readonly relatesTo?: number };
  readonly retainYearsAfterProcess: number;
}

/** The first bytes each checked media type starts with (what a file claims to be, it must be). */
const looksLike: Readonly<Record<string, (head: Buffer) => boolean>> = {
  'application/pdf': (h) => h.subarray(0, 5).toString('latin1') === '%PDF-',
  'image/png': (h) => h.subarray(0, 8).toString('hex') === '89504e470d0a1a0a',
  'image/jpeg': (h) => h.subarray(0, 3).toString('hex') === 'ffd8ff',
  'image/tiff': (h) => ['49492a00', '4d4d002a'].includes(h.subarray(0, 4).toString('hex')),
  'application/xml': (h) => /^(\xef\xbb\xbf)?\s*</.test(h.toString('latin1')),
  'text/plain': (h) => !h.includes(0),
};

/** A counting semaphore: at most `limit` holders at once, the others wait in turn. */
class Slots {
  private free: number;
  private readonly waiting: (() => void)[] = [];
  constructor(limit: number) {
    this.free = limit;
  }
  async hold<T>(work: () => Promise<T>): Promise<T> {
    if (this.free > 0) this.free -= 1;
    else await new Promise<void>((resolve) => this.waiting.push(resolve));
    try {
      return await work();
    } finally {
      const next = this.waiting.shift();
      if (next) next();
      else this.free += 1;
    }
  }
}

const sameActor = (record: DocumentRecord, actor: Actor) =>
  record.uploadedByUser === actor.userId &&
  record.uploadedByRole === actor.role &&
  (record.uploadedByAgency ?? undefined) === actor.agencyId;

const custodyActor = (actor: Actor): CustodyActor => ({
  userId: actor.userId,
  role: actor.role,
  ...(actor.agencyId ? { agencyId: actor.agencyId } : {}),
});

/**
 * Documents of processes: uploaded in parts (resumable), encrypted per document before they reach
 * the object store, checked by ClamAV and against their declared type and hash, sealed by the
 * installation, shared with a process's parties by attach-document, and downloaded only by those
 * the process, the role and the handling code allow — each step in the document's chain of custody.
 */
@Injectable()
export class DocumentsService implements OnModuleInit, OnApplicationShutdown {
  private readonly logger = new Logger('Documents');
  private readonly config: DocumentsConfig | undefined;
  private readonly sealingKeys: readonly InstallationKey[];
  private readonly parts = new Slots(PARTS_AT_ONCE);
  private readonly checking = new Set<string>();
  private readonly timers = new Set<NodeJS.Timeout>();
  private stopped = false;

  constructor(
    @Inject(CONFIG) config: ComityConfig,
    @Inject(DOCUMENT_RECORDS) private readonly records: DocumentRecords,
    @Inject(OBJECT_STORE) private readonly objectStore: ObjectStore | null,
    private readonly processes: ProcessesService,
  ) {
    this.config = config.documents;
    this.sealingKeys = documentSealingKeys(parseActionKeys(config.temporal.actionKeys));
  }

  /** Checks left unfinished by an API that stopped are taken up again. */
  async onModuleInit(): Promise<void> {
    if (!this.objectStore) return;
    for (const record of await this.records.awaitingCheck()) this.checkLater(record.documentId, 0);
  }

  onApplicationShutdown(): void {
    this.stopped = true;
    for (const timer of this.timers) clearTimeout(timer);
  }

  /** The object store and the settings documents need; 503 where none is configured. */
  private get configured(): { readonly store: ObjectStore; readonly config: DocumentsConfig } {
    if (!this.objectStore || !this.config) {
      throw new ServiceUnavailable(
        'DOCUMENTS_NOT_CONFIGURED',
        'this installation keeps no documents: no object store is configured (COMITY_S3_ENDPOINT)',
      );
    }
    return { store: this.objectStore, config: this.config };
  }

  private get store(): ObjectStore {
    return this.configured.store;
  }

  async create(processId: string, body: NewDocumentBody, actor: Actor): Promise<DocumentView> {
    const { store, config } = this.configured;
    const { partBytes, maxBytes } = config;
    const view = await this.processes.liveState(processId, actor);
    if (definitionOf(view.type).states[view.stage]?.terminal) {
      throw new ClientError(409, 'PROCESS_FINISHED', `the process is ${view.stage}; documents are added while it runs`);
    }
    if (!allowsMediaType(body.kind, body.mediaType)) {
      const allowed = documentKindRules[body.kind].mediaTypes;
      throw new ClientError(400, 'DOCUMENT_TYPE_NOT_ALLOWED', `a ${body.kind} may not be ${body.mediaType}`, [
        `body.mediaType: one of ${Array.isArray(allowed) ? allowed.join(', ') : 'any'} for a ${body.kind}`,
      ]);
    }
    if (body.size > maxBytes) {
      throw new ClientError(400, 'DOCUMENT_TOO_LARGE', `the document is larger than this installation takes`, [
        `body.size: at most ${maxBytes} bytes`,
      ]);
    }
    const documentId = `doc-${randomUUID()}`;
    const objectKey = `documents/${processId}/${documentId}`;
    const uploadId = await store.startUpload(objectKey);
    const now = new Date().toISOString();
    await this.records.create({
      documentId,
      processId,
      kind: body.kind,
      name: body.name,
      mediaType: body.mediaType,
      size: body.size,
      partSize: partBytes,
      declaredSha256: body.sha256 ?? null,
      sha256: null,
      status: 'uploading',
      problem: null,
      objectKey,
      uploadId,
      etag: null,
      dataKey: newDataKey().toString('base64'),
      seal: null,
      uploadedByUser: actor.userId,
      uploadedByRole: actor.role,
      uploadedByAgency: actor.agencyId ?? null,
      createdAt: now,
      updatedAt: now,
    });
    await this.records.recordCustody(documentId, 'upload-started', custodyActor(actor), {
      kind: body.kind,
      mediaType: body.mediaType,
      size: body.size,
    });
    return this.view((await this.records.find(documentId))!, view, { received: [] });
  }

  async list(processId: string, actor: Actor): Promise<{ items: DocumentView[] }> {
    const view = await this.processes.liveState(processId, actor);
    const records = await this.records.listForProcess(processId);
    return { items: records.filter((r) => this.mayList(r, view, actor)).map((r) => this.view(r, view)) };
  }

  async get(processId: string, documentId: string, actor: Actor): Promise<DocumentView> {
    const { record, view } = await this.visible(processId, documentId, actor);
    const received =
      record.status === 'uploading' && record.uploadId
        ? (await this.store.listParts(record.objectKey, record.uploadId))
            .filter((p) => p.size === this.sealedPartBytes(record, p.partNumber))
            .map((p) => p.partNumber)
        : undefined;
    return this.view(record, view, received ? { received } : undefined);
  }

  /**
   * Receives one part of an upload (parts are numbered from 1; each but the last is `partSize`
   * bytes): encrypts it and stores it. Sending a part again replaces it, so an interrupted upload is
   * resumed by sending the parts GET says are missing.
   */
  async putPart(
    processId: string,
    documentId: string,
    partNumber: number,
    body: Readable,
    actor: Actor,
  ): Promise<{ part: number; size: number }> {
    const { record } = await this.ownUpload(processId, documentId, actor);
    const parts = this.partCount(record);
    if (partNumber > parts) {
      throw new ClientError(400, 'VALIDATION_FAILED', `the document has ${parts} part(s)`, [
        `path.part: 1 to ${parts}`,
      ]);
    }
    const expected = this.plainPartBytes(record, partNumber);
    return this.parts.hold(async () => {
      const plain = await readExactly(body, expected, `path.part: part ${partNumber} is ${expected} bytes`);
      const firstChunk = ((partNumber - 1) * record.partSize) / CHUNK_BYTES;
      const sealed = sealChunks(this.keyOf(record), documentId, firstChunk, partNumber === parts, plain);
      await this.store.putPart(record.objectKey, record.uploadId!, partNumber, sealed);
      return { part: partNumber, size: plain.length };
    });
  }

  /** Ends an upload whose parts are all stored: the document is then checked before anyone may read it. */
  async complete(processId: string, documentId: string, actor: Actor): Promise<DocumentView> {
    const { record, view } = await this.ownUpload(processId, documentId, actor);
    const stored = await this.store.listParts(record.objectKey, record.uploadId!);
    const whole = new Map(
      stored.filter((p) => p.size === this.sealedPartBytes(record, p.partNumber)).map((p) => [p.partNumber, p]),
    );
    const parts = this.partCount(record);
    const missing = range(parts).filter((n) => !whole.has(n));
    if (missing.length) {
      throw new ClientError(409, 'DOCUMENT_PARTS_MISSING', `the upload misses ${missing.length} of ${parts} part(s)`, [
        `parts missing: ${missing.slice(0, 50).join(', ')}${missing.length > 50 ? ', …' : ''}`,
      ]);
    }
    await this.store.completeUpload(
      record.objectKey,
      record.uploadId!,
      range(parts).map((n) => whole.get(n)!),
    );
    const object = await this.store.head(record.objectKey);
    if (!object) throw new Error(`the object store lost ${record.objectKey} as the upload completed`);
    if (
      await this.records.advance(documentId, 'uploading', { status: 'scanning', uploadId: null, etag: object.etag })
    ) {
      await this.records.recordCustody(documentId, 'uploaded', custodyActor(actor), { parts, bytes: record.size });
      this.checkLater(documentId, 0);
    }
    return this.view((await this.records.find(documentId))!, view);
  }

  /**
   * Streams a document to a reader the process, the role and the handling code allow, checking
   * its seal and the stored object first and every chunk as it goes; each download and each
   * refusal is recorded in the document's chain of custody.
   */
  async download(processId: string, documentId: string, actor: Actor, res: Response): Promise<void> {
    const record = await this.records.find(documentId);
    let view: ProcessView;
    try {
      view = await this.processes.liveState(processId, actor);
      if (!record || record.processId !== processId)
        throw notFound('DOCUMENT_NOT_FOUND', `no document '${documentId}' on this process`);
      this.checkMayRead(record, view, actor);
    } catch (err) {
      if (record?.processId === processId && err instanceof ClientError && err.status === 403) {
        await this.records.recordCustody(documentId, 'download-refused', custodyActor(actor), { code: err.code });
      }
      throw err;
    }
    if (record.status !== 'available') {
      throw new ClientError(409, 'DOCUMENT_NOT_AVAILABLE', this.unavailable(record));
    }
    const problem = await this.integrityProblem(record, view);
    if (problem) {
      await this.records.recordCustody(documentId, 'integrity-failed', custodyActor(actor), { problem });
      throw new ClientError(409, 'DOCUMENT_INTEGRITY_FAILED', `the document failed its integrity check: ${problem}`);
    }
    const body = await this.store.read(record.objectKey);
    if (!body) throw new ClientError(409, 'DOCUMENT_INTEGRITY_FAILED', 'the stored document is gone');
    await this.records.recordCustody(documentId, 'downloaded', custodyActor(actor), { bytes: record.size });
    res.status(200);
    res.setHeader('content-type', record.mediaType);
    res.setHeader('content-length', String(record.size));
    res.setHeader('content-disposition', `attachment; filename*=UTF-8''${encodeURIComponent(record.name)}`);
    res.setHeader('repr-digest', `sha-256=:${Buffer.from(record.sha256!, 'hex').toString('base64')}:`);
    res.setHeader('cache-control', 'no-store');
    res.setHeader('x-content-type-options', 'nosniff');
    try {
      await pipeline(
        body,
        new OpenDocumentStream(this.keyOf(record), documentId, record.size),
        hashMustBe(record.sha256!),
        res,
      );
    } catch (err) {
      // The headers are out: the reader sees the transfer cut short, never bytes that failed their check.
      res.destroy();
      if (err instanceof DocumentIntegrityError) {
        await this.records.recordCustody(documentId, 'integrity-failed', INSTALLATION, { problem: err.message });
        this.logger.error(`document ${documentId} failed its check while downloaded: ${err.message}`);
      } else if (!res.writableEnded) {
        this.logger.warn(`download of ${documentId} ended early: ${(err as Error).message}`);
      }
    }
  }

  async custody(processId: string, documentId: string, actor: Actor) {
    const { record } = await this.visible(processId, documentId, actor);
    const links = await this.records.custody(record.documentId);
    return { documentId, verdict: verifyCustody(links), links };
  }

  /**
   * The claim check attach-document carries, from the document the payload names: this process's,
   * checked and sealed, and (for an agency) its own. What else the caller put in the payload's
   * claim fields is replaced.
   */
  async claimFor(processId: string, payload: unknown, actor: Actor): Promise<Record<string, unknown>> {
    const given = (payload && typeof payload === 'object' ? payload : {}) as Record<string, unknown>;
    const documentId = typeof given['documentId'] === 'string' ? given['documentId'] : '';
    const record = documentId ? await this.records.find(documentId) : null;
    if (!record || record.processId !== processId) {
      throw new ClientError(400, 'DOCUMENT_NOT_FOUND', `no document '${documentId}' on this process`, [
        'payload.documentId: a document uploaded to this process',
      ]);
    }
    if (actor.role === 'agency' && record.uploadedByAgency !== actor.agencyId) {
      throw forbidden('DOCUMENT_NOT_YOURS', 'an agency attaches only documents it uploaded');
    }
    if (record.status !== 'available') {
      throw new ClientError(409, 'DOCUMENT_NOT_AVAILABLE', this.unavailable(record));
    }
    return { ...given, ...this.claimOf(record) };
  }

  /** Records that attach-document shared the document with the process's parties. */
  async recordShared(
    processId: string,
    documentId: string,
    view: Pick<ProcessView, 'parties' | 'sequence'>,
    actor: Actor,
  ): Promise<void> {
    const agencies = [...new Set(Object.values(view.parties).map((p) => p.agencyId))].sort();
    await this.records.recordCustody(documentId, 'shared', custodyActor(actor), {
      processId,
      sequence: view.sequence,
      with: agencies,
    });
  }

  private claimOf(record: DocumentRecord): DocumentClaim {
    return {
      documentId: record.documentId,
      kind: record.kind as DocumentKind,
      name: record.name,
      mediaType: record.mediaType,
      size: record.size,
      sha256: record.sha256!,
      seal: record.seal!,
    };
  }

  private unavailable(record: DocumentRecord): string {
    switch (record.status) {
      case 'uploading':
        return 'the document is still being uploaded';
      case 'scanning':
        return 'the document is being checked; try again shortly';
      default:
        return `the document was ${record.status}: ${record.problem ?? ''}`;
    }
  }

  /** What the seal, the process's claim and the stored object say against the record; undefined if all hold. */
  private async integrityProblem(record: DocumentRecord, view: ProcessView): Promise<string | undefined> {
    const { seal, ...claim } = this.claimOf(record);
    if (
      !seal ||
      !(await detachedSealHolds(seal, sealedClaim(record.processId, claim), this.sealingKeys, DOCUMENT_SEAL_TYPE))
    ) {
      return "the installation's seal does not hold over the document's record";
    }
    const attached = attachedDocuments(view).find((d) => d.documentId === record.documentId);
    if (attached && (attached.sha256 !== record.sha256 || attached.size !== record.size)) {
      return 'the record differs from the claim the process holds';
    }
    const object = await this.store.head(record.objectKey);
    if (!object) return 'the stored object is gone';
    if (object.size !== encryptedLength(record.size) || object.etag !== record.etag) {
      return 'the stored object was replaced or changed';
    }
    return undefined;
  }

  private async visible(processId: string, documentId: string, actor: Actor) {
    const view = await this.processes.liveState(processId, actor);
    const record = await this.records.find(documentId);
    if (!record || record.processId !== processId || !this.mayList(record, view, actor)) {
      throw notFound('DOCUMENT_NOT_FOUND', `no document '${documentId}' on this process`);
    }
    return { record, view };
  }

  /** An upload the caller started and that is still open. */
  private async ownUpload(processId: string, documentId: string, actor: Actor) {
    const { record, view } = await this.visible(processId, documentId, actor);
    if (!sameActor(record, actor)) {
      throw forbidden('DOCUMENT_NOT_YOURS', 'only the one who started an upload sends its parts and ends it');
    }
    if (record.status !== 'uploading' || !record.uploadId) {
      throw new ClientError(409, 'DOCUMENT_NOT_UPLOADING', `the upload has ended; the document is ${record.status}`);
    }
    return { record, view };
  }

  /**
   * Who sees a document exists: coordinators and admins; the agency that uploaded it; the other
   * parties once it is attached; auditors once attached, where the handling code lets them read
   * what the process carries.
   */
  private mayList(record: DocumentRecord, view: ProcessView, actor: Actor): boolean {
    if (actor.role === 'coordinator' || actor.role === 'admin') return true;
    if (sameActor(record, actor)) return true;
    const attached = attachedDocuments(view).some((d) => d.documentId === record.documentId);
    if (actor.role === 'agency') return attached || record.uploadedByAgency === actor.agencyId;
    return attached;
  }

  private checkMayRead(record: DocumentRecord, view: ProcessView, actor: Actor): void {
    if (actor.role === 'auditor' && !mayReadPayloads(actor, view.handlingCode)) {
      throw forbidden('HANDLING_RESTRICTED', `handling code ${view.handlingCode} keeps documents from auditors`);
    }
    if (!this.mayList(record, view, actor)) {
      throw forbidden('DOCUMENT_NOT_SHARED', 'the document has not been attached to the process for its parties');
    }
  }

  private view(
    record: DocumentRecord,
    process: ProcessView,
    upload?: { readonly received: readonly number[] },
  ): DocumentView {
    const parts = this.partCount(record);
    const attached = attachedDocuments(process).find((d) => d.documentId === record.documentId);
    return {
      id: record.documentId,
      processId: record.processId,
      kind: record.kind,
      name: record.name,
      mediaType: record.mediaType,
      size: record.size,
      status: record.status as DocumentStatus,
      ...(record.problem ? { problem: record.problem } : {}),
      ...(record.sha256 ? { sha256: record.sha256 } : {}),
      ...(record.seal ? { seal: record.seal } : {}),
      uploadedBy: {
        userId: record.uploadedByUser,
        role: record.uploadedByRole,
        ...(record.uploadedByAgency ? { agencyId: record.uploadedByAgency } : {}),
      },
      createdAt: record.createdAt,
      partSize: record.partSize,
      parts,
      ...(upload
        ? { receivedParts: upload.received, missingParts: range(parts).filter((n) => !upload.received.includes(n)) }
        : {}),
      ...(attached ? { attached: attached.relatesTo === undefined ? {} : { relatesTo: attached.relatesTo } } : {}),
      retainYearsAfterProcess: documentKindRules[record.kind as DocumentKind]?.retentionYears ?? 10,
    };
  }

  private partCount = (record: DocumentRecord) => Math.max(1, Math.ceil(record.size / record.partSize));

  private plainPartBytes(record: DocumentRecord, partNumber: number): number {
    return Math.min(record.partSize, record.size - (partNumber - 1) * record.partSize);
  }

  private sealedPartBytes(record: DocumentRecord, partNumber: number): number {
    return encryptedLength(this.plainPartBytes(record, partNumber));
  }

  private keyOf = (record: DocumentRecord) => Buffer.from(record.dataKey, 'base64');

  private checkLater(documentId: string, delayMs: number): void {
    if (this.stopped) return;
    const timer = setTimeout(() => {
      this.timers.delete(timer);
      void this.check(documentId);
    }, delayMs);
    this.timers.add(timer);
  }

  /**
   * Reads the stored document back once: decrypts it (every chunk authenticated), hashes it, and
   * streams it to clamd; then quarantines it (a signature found), rejects it (not the type it
   * claims, not the hash declared, or altered since), or seals it and makes it available. A store
   * or scanner away leaves it to be checked again.
   */
  private async check(documentId: string): Promise<void> {
    if (this.checking.has(documentId) || this.stopped) return;
    this.checking.add(documentId);
    try {
      const record = await this.records.find(documentId);
      if (record?.status !== 'scanning') return;
      const outcome = await this.scan(record);
      if ('retry' in outcome) {
        this.logger.warn(`document ${documentId} not checked yet: ${outcome.retry}`);
        this.checkLater(documentId, RECHECK_AFTER_MS);
        return;
      }
      if (outcome.problem) {
        const status = outcome.problem.startsWith('INFECTED') ? 'quarantined' : 'rejected';
        if (
          await this.records.advance(documentId, 'scanning', {
            status,
            problem: outcome.problem,
            sha256: outcome.sha256,
          })
        ) {
          await this.records.recordCustody(documentId, status, INSTALLATION, { problem: outcome.problem });
        }
        return;
      }
      const claim = { ...this.claimOf(record), sha256: outcome.sha256 };
      const seal = await detachedSeal(sealedClaim(record.processId, claim), this.sealingKeys[0]!, DOCUMENT_SEAL_TYPE);
      if (await this.records.advance(documentId, 'scanning', { status: 'available', sha256: outcome.sha256, seal })) {
        await this.records.recordCustody(documentId, 'checked', INSTALLATION, {
          verdict: 'clean',
          sha256: outcome.sha256,
        });
        await this.records.recordCustody(documentId, 'sealed', INSTALLATION, { kid: this.sealingKeys[0]!.kid });
      }
    } catch (err) {
      this.logger.error(`document ${documentId} could not be checked: ${(err as Error).message}`);
      this.checkLater(documentId, RECHECK_AFTER_MS);
    } finally {
      this.checking.delete(documentId);
    }
  }

  private async scan(
    record: DocumentRecord,
  ): Promise<{ readonly retry: string } | { readonly sha256: string; readonly problem?: string }> {
    let scan: ClamdScan;
    try {
      scan = await ClamdScan.open(this.configured.config.scanner);
    } catch (err) {
      return { retry: (err as Error).message };
    }
    const body = await this.store.read(record.objectKey);
    if (!body) {
      scan.abort();
      return { sha256: '', problem: 'DOCUMENT_INTEGRITY_FAILED: the stored document is gone' };
    }
    const hash = createHash('sha256');
    let head: Buffer | undefined;
    let verdict: ScanVerdict;
    try {
      const plain = body.pipe(new OpenDocumentStream(this.keyOf(record), record.documentId, record.size));
      body.on('error', (err) => plain.destroy(err));
      for await (const chunk of plain as AsyncIterable<Buffer>) {
        head ??= chunk.subarray(0, 4096);
        hash.update(chunk);
        await scan.write(chunk);
      }
      verdict = await scan.verdict();
    } catch (err) {
      scan.abort();
      if (err instanceof DocumentIntegrityError) {
        return { sha256: '', problem: `DOCUMENT_INTEGRITY_FAILED: ${err.message}` };
      }
      if (err instanceof ScannerError) return { retry: err.message };
      throw err;
    }
    const sha256 = hash.digest('hex');
    if (!verdict.clean) return { sha256, problem: `INFECTED: ${verdict.signature}` };
    if (record.declaredSha256 && record.declaredSha256 !== sha256) {
      return {
        sha256,
        problem: `DOCUMENT_HASH_MISMATCH: received ${sha256}, the upload declared ${record.declaredSha256}`,
      };
    }
    const matches = looksLike[record.mediaType];
    if (matches && !matches(head ?? Buffer.alloc(0))) {
      return { sha256, problem: `DOCUMENT_TYPE_MISMATCH: the file does not begin as ${record.mediaType} does` };
    }
    return { sha256 };
  }
}

const range = (n: number) => Array.from({ length: n }, (_, i) => i + 1);

const attachedDocuments = (view: ProcessView): readonly AttachedDocument[] =>
  (view.facts[DOCUMENTS_FACT] as readonly AttachedDocument[] | undefined) ?? [];

/** Reads a request body of exactly `bytes`; a 400 naming `field` for fewer or more. */
async function readExactly(body: Readable, bytes: number, field: string): Promise<Buffer> {
  const buffer = Buffer.allocUnsafe(bytes);
  let at = 0;
  try {
    for await (const chunk of body as AsyncIterable<Buffer>) {
      if (at + chunk.length > bytes) {
        body.destroy();
        throw new ClientError(400, 'PART_SIZE_WRONG', 'the part is larger than its place in the document', [field]);
      }
      chunk.copy(buffer, at);
      at += chunk.length;
    }
  } catch (err) {
    if (err instanceof ClientError) throw err;
    // The sender went away mid-part (an interrupted upload): nothing of the part is kept.
    throw new ClientError(400, 'PART_SIZE_WRONG', `the part was cut off after ${at} bytes`, [field]);
  }
  if (at !== bytes) {
    throw new ClientError(400, 'PART_SIZE_WRONG', `the part ended after ${at} bytes`, [field]);
  }
  return buffer;
}

/** Passes bytes on and fails at the end when their SHA-256 is not `expected`. */
function hashMustBe(expected: string): Transform {
  const hash = createHash('sha256');
  return new Transform({
    transform(chunk: Buffer, _encoding, done) {
      hash.update(chunk);
      done(null, chunk);
    },
    flush(done) {
      const actual = hash.digest('hex');
      done(
        actual === expected ? null : new DocumentIntegrityError(`the document's SHA-256 is ${actual}, not ${expected}`),
      );
    },
  });
}
