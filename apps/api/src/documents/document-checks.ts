import { createHash } from 'node:crypto';
import { Inject, Injectable, Logger, type OnApplicationShutdown, type OnModuleInit } from '@nestjs/common';
import { detachedSeal, documentSealingKeys, parseActionKeys, type InstallationKey } from '@comity/auth';
import type { ComityConfig, DocumentsConfig } from '@comity/config';
import { DocumentIntegrityError, OpenDocumentStream } from '@comity/crypto';
import { sealedClaim } from '@comity/domain';
import type { DocumentRecord, DocumentRecords } from '@comity/persistence';
import { CONFIG, DOCUMENT_RECORDS, OBJECT_STORE } from '../infrastructure/tokens';
import { claimOf, dataKeyOf, INSTALLATION } from './document-access';
import type { ObjectStore } from './object-store';
import { ClamdScan, ScannerError } from './virus-scanner';

/** The JWS type of a document's seal (a detached JWS over domain `sealedClaim`). */
export const DOCUMENT_SEAL_TYPE = 'comity-document-seal+jws';

/** Documents checked at once by one API process (each a stream from the store to clamd). */
const CHECKS_AT_ONCE = 2;
/** A check that could not reach clamd or the store is tried again after this, doubling up to the cap. */
const FIRST_RETRY_MS = 30_000;
const MAX_RETRY_MS = 30 * 60_000;
/** An upload left open this long is abandoned: its parts are deleted from the store. */
const ABANDONED_AFTER_MS = 72 * 3600_000;
const SWEEP_EVERY_MS = 3600_000;

/** The first bytes each checked media type starts with (what a file claims to be, it must be). */
const looksLike: Readonly<Record<string, (head: Buffer) => boolean>> = {
  'application/pdf': (h) => h.subarray(0, 5).toString('latin1') === '%PDF-',
  'image/png': (h) => h.subarray(0, 8).toString('hex') === '89504e470d0a1a0a',
  'image/jpeg': (h) => h.subarray(0, 3).toString('hex') === 'ffd8ff',
  'image/tiff': (h) => ['49492a00', '4d4d002a'].includes(h.subarray(0, 4).toString('hex')),
  'application/xml': (h) => /^(\xef\xbb\xbf)?\s*</.test(h.toString('latin1')),
  'text/plain': (h) => !h.includes(0),
};

type Outcome = { readonly retry: string } | { readonly sha256: string; readonly problem?: string };

/**
 * What happens to a document once its upload is complete: it is read back once — decrypted (every
 * chunk authenticated), hashed, and streamed to clamd — then quarantined (a signature found),
 * rejected (not the type it claims, not the hash declared, or altered since), or sealed and made
 * available. A store or scanner away leaves it to be checked again, later each time; checks left
 * by an API that stopped are taken up at start. Uploads left open for days are abandoned.
 */
@Injectable()
export class DocumentChecks implements OnModuleInit, OnApplicationShutdown {
  private readonly logger = new Logger('DocumentChecks');
  private readonly config: DocumentsConfig | undefined;
  private readonly sealingKeys: readonly InstallationKey[];
  private readonly queued: string[] = [];
  private readonly retries = new Map<string, number>();
  private readonly timers = new Set<NodeJS.Timeout>();
  private running = 0;
  private stopped = false;

  constructor(
    @Inject(CONFIG) config: ComityConfig,
    @Inject(DOCUMENT_RECORDS) private readonly records: DocumentRecords,
    @Inject(OBJECT_STORE) private readonly store: ObjectStore | null,
  ) {
    this.config = config.documents;
    this.sealingKeys = documentSealingKeys(parseActionKeys(config.temporal.actionKeys));
  }

  get keys(): readonly InstallationKey[] {
    return this.sealingKeys;
  }

  async onModuleInit(): Promise<void> {
    if (!this.store) return;
    for (const record of await this.records.awaitingCheck()) this.enqueue(record.documentId);
    this.every(SWEEP_EVERY_MS, () => this.sweepAbandoned());
    void this.sweepAbandoned();
  }

  onApplicationShutdown(): void {
    this.stopped = true;
    for (const timer of this.timers) clearTimeout(timer);
  }

  /** Checks the document as soon as a check slot is free. */
  enqueue(documentId: string): void {
    if (this.stopped || this.queued.includes(documentId)) return;
    this.queued.push(documentId);
    this.next();
  }

  private next(): void {
    while (this.running < CHECKS_AT_ONCE && this.queued.length) {
      const documentId = this.queued.shift()!;
      this.running += 1;
      void this.check(documentId).finally(() => {
        this.running -= 1;
        this.next();
      });
    }
  }

  private later(delayMs: number, work: () => unknown): void {
    if (this.stopped) return;
    const timer = setTimeout(() => {
      this.timers.delete(timer);
      void work();
    }, delayMs);
    this.timers.add(timer);
  }

  private every(periodMs: number, work: () => Promise<void>): void {
    this.later(periodMs, async () => {
      await work();
      this.every(periodMs, work);
    });
  }

  private retry(documentId: string, why: string): void {
    const attempt = (this.retries.get(documentId) ?? 0) + 1;
    this.retries.set(documentId, attempt);
    const delay = Math.min(MAX_RETRY_MS, FIRST_RETRY_MS * 2 ** (attempt - 1));
    this.logger.warn(`document ${documentId} not checked yet (attempt ${attempt}, next in ${delay / 1000} s): ${why}`);
    this.later(delay, () => this.enqueue(documentId));
  }

  private async check(documentId: string): Promise<void> {
    try {
      const record = await this.records.find(documentId);
      if (record?.status !== 'scanning') return;
      const outcome = await this.scan(record);
      if ('retry' in outcome) return this.retry(documentId, outcome.retry);
      this.retries.delete(documentId);
      if (outcome.problem) {
        const status = outcome.problem.startsWith('INFECTED') ? 'quarantined' : 'rejected';
        const changes = { status, problem: outcome.problem, sha256: outcome.sha256 || null } as const;
        if (await this.records.advance(documentId, 'scanning', changes)) {
          await this.records.recordCustody(documentId, status, INSTALLATION, { problem: outcome.problem });
        }
        return;
      }
      const key = this.sealingKeys[0]!;
      const claim = { ...claimOf(record), sha256: outcome.sha256 };
      const seal = await detachedSeal(sealedClaim(record.processId, claim), key, DOCUMENT_SEAL_TYPE);
      if (await this.records.advance(documentId, 'scanning', { status: 'available', sha256: outcome.sha256, seal })) {
        await this.records.recordCustody(documentId, 'checked', INSTALLATION, {
          verdict: 'clean',
          sha256: outcome.sha256,
        });
        await this.records.recordCustody(documentId, 'sealed', INSTALLATION, { kid: key.kid });
      }
    } catch (err) {
      this.retry(documentId, (err as Error).message);
    }
  }

  private async scan(record: DocumentRecord): Promise<Outcome> {
    if (!this.store || !this.config) return { retry: 'no object store is configured' };
    let scan: ClamdScan;
    try {
      scan = await ClamdScan.open(this.config.scanner);
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
    try {
      const plain = body.pipe(new OpenDocumentStream(dataKeyOf(record), record.documentId, record.size));
      body.on('error', (err) => plain.destroy(err));
      for await (const chunk of plain as AsyncIterable<Buffer>) {
        head ??= chunk.subarray(0, 4096);
        hash.update(chunk);
        await scan.write(chunk);
      }
      const verdict = await scan.verdict();
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
    } catch (err) {
      scan.abort();
      body.destroy();
      if (err instanceof DocumentIntegrityError) {
        return { sha256: '', problem: `DOCUMENT_INTEGRITY_FAILED: ${err.message}` };
      }
      if (err instanceof ScannerError) return { retry: err.message };
      throw err;
    }
  }

  /** Uploads left open past ABANDONED_AFTER_MS: their parts deleted from the store, the document rejected. */
  private async sweepAbandoned(): Promise<void> {
    if (!this.store) return;
    try {
      const before = new Date(Date.now() - ABANDONED_AFTER_MS).toISOString();
      for (const record of await this.records.openUploadsBefore(before)) {
        if (record.uploadId) await this.store.abortUpload(record.objectKey, record.uploadId).catch(() => undefined);
        const problem = 'UPLOAD_ABANDONED: not completed within 72 hours; its parts were deleted';
        if (
          await this.records.advance(record.documentId, 'uploading', { status: 'rejected', problem, uploadId: null })
        ) {
          await this.records.recordCustody(record.documentId, 'rejected', INSTALLATION, { problem });
        }
      }
    } catch (err) {
      this.logger.error(`abandoned uploads not swept: ${(err as Error).message}`);
    }
  }
}
