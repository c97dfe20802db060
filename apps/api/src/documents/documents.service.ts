import { randomUUID } from 'node:crypto';
import type { Readable } from 'node:stream';
import { Inject, Injectable, Logger } from '@nestjs/common';
import { NoSuchUpload } from '@aws-sdk/client-s3';
import type { DocumentCustody, DocumentResource } from '@comity/api-contract';
import type { ComityConfig, DocumentsConfig } from '@comity/config';
import { CHUNK_BYTES, newDataKey, SealPartStream } from '@comity/crypto';
import { allowsMediaType, definitionOf, documentKindRules, type Actor } from '@comity/domain';
import type { DocumentRecord, DocumentRecords } from '@comity/persistence';
import type { ProcessView } from '@comity/workflows';
import { ClientError, forbidden, notFound, ServiceUnavailable } from '../http/api-error';
import { CONFIG, DOCUMENT_RECORDS, OBJECT_STORE } from '../infrastructure/tokens';
import { ProcessesService } from '../processes/processes.service';
import {
  claimOf,
  custodyActor,
  dataKeyOf,
  documentView,
  mayList,
  partCount,
  plainPartBytes,
  range,
  sealedPartBytes,
  unavailable,
  uploadedBy,
} from './document-access';
import { DocumentChecks } from './document-checks';
import type { NewDocumentBody } from './document-requests.dto';
import type { ObjectStore, StoredPart } from './object-store';
import { partSlots, streamPart } from './part-stream';

/** Uploads one uploader may hold open on one process. */
const OPEN_UPLOADS = 10;

/**
 * Documents of processes (docs/documents.md): uploaded in parts (resumable), encrypted per
 * document before they reach the object store, checked (DocumentChecks), shared with a process's
 * parties by attach-document, read through DocumentDownloads; each step in the chain of custody.
 */
@Injectable()
export class DocumentsService {
  private readonly logger = new Logger('DocumentsService');
  private readonly config: DocumentsConfig | undefined;
  private readonly parts = partSlots();

  constructor(
    @Inject(CONFIG) config: ComityConfig,
    @Inject(DOCUMENT_RECORDS) private readonly records: DocumentRecords,
    @Inject(OBJECT_STORE) private readonly objectStore: ObjectStore | null,
    private readonly processes: ProcessesService,
    private readonly checks: DocumentChecks,
  ) {
    this.config = config.documents;
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

  async create(processId: string, body: NewDocumentBody, actor: Actor): Promise<DocumentResource> {
    const { store, config } = this.configured;
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
    if (body.size > config.maxBytes) {
      throw new ClientError(400, 'DOCUMENT_TOO_LARGE', 'the document is larger than this installation takes', [
        `body.size: at most ${config.maxBytes} bytes`,
      ]);
    }
    if ((await this.records.openUploadsOf(processId, actor.userId)) >= OPEN_UPLOADS) {
      throw new ClientError(409, 'TOO_MANY_UPLOADS', `at most ${OPEN_UPLOADS} open uploads per process and uploader`, [
        'complete the uploads already started (their ids are in GET …/documents)',
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
      language: body.language ?? null,
      size: body.size,
      partSize: config.partBytes,
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
    return documentView((await this.records.find(documentId))!, view, { received: [] });
  }

  async list(processId: string, actor: Actor): Promise<{ items: DocumentResource[] }> {
    const view = await this.processes.liveState(processId, actor);
    const records = await this.records.listForProcess(processId);
    return { items: records.filter((r) => mayList(r, view, actor)).map((r) => documentView(r, view)) };
  }

  async get(processId: string, documentId: string, actor: Actor): Promise<DocumentResource> {
    const { record, view } = await this.visible(processId, documentId, actor);
    if (record.status !== 'uploading' || !record.uploadId) return documentView(record, view);
    const stored = await this.wholeParts(record);
    return documentView(record, view, { received: [...stored.keys()] });
  }

  /**
   * Receives one part of an upload (numbered from 1; each but the last is `partSize` bytes),
   * encrypts it and stores it, chunk by chunk as it arrives. A part the store holds whole is not
   * replaced (two ciphertexts of one place would both open there), so an interrupted upload resumes
   * by sending what GET lists missing.
   */
  async putPart(processId: string, documentId: string, partNumber: number, body: Readable, actor: Actor) {
    const { store } = this.configured;
    // The parts stored are listed while the caller is checked (each takes tens of ms under load, and
    // a part's bytes wait for both); the list is read only once the upload is known to be theirs.
    const listed = this.records.find(documentId).then((r) => (r?.uploadId ? this.wholeParts(r) : undefined));
    listed.catch(() => undefined);
    const { record } = await this.ownUpload(processId, documentId, actor);
    const parts = partCount(record);
    if (partNumber > parts) {
      throw new ClientError(400, 'VALIDATION_FAILED', `the document has ${parts} part(s)`, [
        `path.part: 1 to ${parts}`,
      ]);
    }
    const stored = (await listed.catch(() => undefined)) ?? (await this.wholeParts(record));
    if (stored.has(partNumber)) {
      throw new ClientError(409, 'PART_ALREADY_STORED', `part ${partNumber} is stored already; send the missing ones`);
    }
    const expected = plainPartBytes(record, partNumber);
    return this.parts.hold(actor.userId, async () => {
      const firstChunk = ((partNumber - 1) * record.partSize) / CHUNK_BYTES;
      const sealer = new SealPartStream(dataKeyOf(record), documentId, firstChunk, partNumber === parts, expected);
      const sealedBytes = sealedPartBytes(record, partNumber);
      await streamPart(body, sealer, `path.part: part ${partNumber} is ${expected} bytes`, (sealed, signal) =>
        store.putPart(record.objectKey, record.uploadId!, partNumber, sealed, sealedBytes, signal),
      ).catch((err: unknown) => {
        if (err instanceof ClientError && err.code === 'PART_TOO_SLOW') {
          // Its sender hears no answer (its connection is closed mid-body): the log says who and why.
          this.logger.warn(`${err.code}: part ${partNumber} of ${documentId} from ${actor.userId}: ${err.message}`);
        }
        throw err instanceof NoSuchUpload ? this.notUploading(record) : err;
      });
      return { part: partNumber, size: expected };
    });
  }

  /** Ends an upload whose parts are all stored: the document is then checked before anyone may read it. */
  async complete(processId: string, documentId: string, actor: Actor): Promise<DocumentResource> {
    const { store } = this.configured;
    const { record, view } = await this.ownUpload(processId, documentId, actor);
    const whole = await this.wholeParts(record);
    const parts = partCount(record);
    const missing = range(parts).filter((n) => !whole.has(n));
    if (missing.length) {
      throw new ClientError(409, 'DOCUMENT_PARTS_MISSING', `the upload misses ${missing.length} of ${parts} part(s)`, [
        `parts missing: ${missing.slice(0, 50).join(', ')}${missing.length > 50 ? ', …' : ''}`,
      ]);
    }
    try {
      await store.completeUpload(
        record.objectKey,
        record.uploadId!,
        range(parts).map((n) => whole.get(n)!),
      );
    } catch (err) {
      // Completed by a request that got here first (or before this API stopped): go on from the object.
      if (!(err instanceof NoSuchUpload)) throw err;
    }
    const object = await store.head(record.objectKey);
    if (!object) throw this.notUploading((await this.records.find(documentId)) ?? record);
    if (
      await this.records.advance(documentId, 'uploading', { status: 'scanning', uploadId: null, etag: object.etag })
    ) {
      await this.records.recordCustody(documentId, 'uploaded', custodyActor(actor), { parts, bytes: record.size });
      this.checks.enqueue(documentId);
    }
    return documentView((await this.records.find(documentId))!, view);
  }

  async custody(processId: string, documentId: string, actor: Actor): Promise<DocumentCustody> {
    const { record } = await this.visible(processId, documentId, actor);
    const { links, verdict } = await this.records.verifiedCustody(record.documentId);
    return { documentId, verdict, links };
  }

  /**
   * The claim check attach-document carries, from the document the payload names: this process's,
   * checked and sealed, and (for an agency) its own. What else the caller put in the payload's
   * claim fields is replaced. The process is read first, so a caller who is no party learns nothing
   * of its documents.
   */
  async claimFor(processId: string, payload: unknown, actor: Actor): Promise<Record<string, unknown>> {
    await this.processes.liveState(processId, actor);
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
    if (record.status !== 'available') throw new ClientError(409, 'DOCUMENT_NOT_AVAILABLE', unavailable(record));
    return { ...given, ...claimOf(record) };
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

  /** The parts the store holds whole (a part cut off is not stored at all), by number. */
  private async wholeParts(record: DocumentRecord): Promise<Map<number, StoredPart>> {
    const stored = await this.configured.store.listParts(record.objectKey, record.uploadId!).catch((err: unknown) => {
      throw err instanceof NoSuchUpload ? this.notUploading(record) : err;
    });
    return new Map(
      stored.filter((p) => p.size === sealedPartBytes(record, p.partNumber)).map((p) => [p.partNumber, p]),
    );
  }

  private notUploading = (record: DocumentRecord) =>
    new ClientError(409, 'DOCUMENT_NOT_UPLOADING', `the upload has ended; the document is ${record.status}`);

  private async visible(processId: string, documentId: string, actor: Actor) {
    const view = await this.processes.liveState(processId, actor);
    const record = await this.records.find(documentId);
    if (!record || record.processId !== processId || !mayList(record, view, actor)) {
      throw notFound('DOCUMENT_NOT_FOUND', `no document '${documentId}' on this process`);
    }
    return { record, view };
  }

  /** An upload the caller started and that is still open. */
  private async ownUpload(processId: string, documentId: string, actor: Actor) {
    const { record, view } = await this.visible(processId, documentId, actor);
    if (!uploadedBy(record, actor)) {
      throw forbidden('DOCUMENT_NOT_YOURS', 'only the one who started an upload sends its parts and ends it');
    }
    if (record.status !== 'uploading' || !record.uploadId) throw this.notUploading(record);
    return { record, view };
  }
}
