import { createHash } from 'node:crypto';
import { Transform } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { Inject, Injectable, Logger } from '@nestjs/common';
import type { Response } from 'express';
import { detachedSealHolds, verifyDocumentLink } from '@comity/auth';
import { DocumentIntegrityError, encryptedLength, OpenDocumentStream } from '@comity/crypto';
import { sealedClaim, type Actor } from '@comity/domain';
import type { DocumentRecord, DocumentRecords } from '@comity/persistence';
import type { ProcessView } from '@comity/workflows';
import { ClientError, forbidden, notFound, ServiceUnavailable } from '../http/api-error';
import { DOCUMENT_RECORDS, OBJECT_STORE } from '../infrastructure/tokens';
import { ProcessesService } from '../processes/processes.service';
import {
  attachedDocuments,
  checkMayRead,
  claimOf,
  custodyActor,
  dataKeyOf,
  INSTALLATION,
  notReadable,
} from './document-access';
import { DOCUMENT_SEAL_TYPE, DocumentChecks } from './document-checks';
import type { ObjectStore } from './object-store';
import { PerKeyLimit } from './slots';

/** Downloads one caller may run at once (each holds a connection to the object store). */
const DOWNLOADS_PER_CALLER = 4;
/** A download whose reader takes nothing for this long is ended (it would hold a store connection). */
const STALLED_READER_MS = 60_000;

/**
 * Streams documents to readers the process, the role and the handling code allow. Before a byte
 * is sent it checks the seal, the claim the process holds and the stored object; while streaming,
 * every chunk is authenticated before it is sent, and the last is held back until the whole
 * document's SHA-256 is the sealed one, so an altered document never arrives whole. Each download
 * and each refusal is a link of the document's chain of custody.
 */
@Injectable()
export class DocumentDownloads {
  private readonly logger = new Logger('DocumentDownloads');
  private readonly perCaller = new PerKeyLimit(
    DOWNLOADS_PER_CALLER,
    () => new ClientError(429, 'TOO_MANY_DOWNLOADS', `at most ${DOWNLOADS_PER_CALLER} downloads at once per caller`),
  );

  constructor(
    @Inject(DOCUMENT_RECORDS) private readonly records: DocumentRecords,
    @Inject(OBJECT_STORE) private readonly store: ObjectStore | null,
    private readonly processes: ProcessesService,
    private readonly checks: DocumentChecks,
  ) {}

  /** Verifies a link from an agency's task (signed for that agency, not expired), then downloads as below. */
  async downloadByLink(token: string, actor: Actor, res: Response): Promise<void> {
    const verified = await verifyDocumentLink(token, this.checks.keys, new Date());
    if (!verified.ok) {
      throw verified.code === 'LINK_EXPIRED'
        ? new ClientError(410, 'LINK_EXPIRED', verified.reason)
        : new ClientError(400, 'LINK_INVALID', verified.reason, [
            'path.token: a link from a task of this installation',
          ]);
    }
    const { processId, documentId, agencyId } = verified.claims;
    if (actor.role !== 'agency' || actor.agencyId !== agencyId) {
      throw forbidden('LINK_NOT_YOURS', 'the link was issued to another agency; use your own task');
    }
    await this.download(processId, documentId, actor, res, 'link');
  }

  async download(processId: string, documentId: string, actor: Actor, res: Response, via?: 'link'): Promise<void> {
    const store = this.store;
    if (!store) throw new ServiceUnavailable('DOCUMENTS_NOT_CONFIGURED', 'this installation keeps no documents');
    const record = await this.records.find(documentId);
    let view: ProcessView;
    try {
      view = await this.processes.liveState(processId, actor);
      if (!record || record.processId !== processId) {
        throw notFound('DOCUMENT_NOT_FOUND', `no document '${documentId}' on this process`);
      }
      checkMayRead(record, view, actor);
    } catch (err) {
      if (record?.processId === processId && err instanceof ClientError && err.status === 403) {
        await this.records.recordCustody(documentId, 'download-refused', custodyActor(actor), { code: err.code });
      }
      throw err;
    }
    if (record.status !== 'available') throw notReadable(record);
    await this.perCaller.hold(`${actor.role}:${actor.agencyId ?? ''}:${actor.userId}`, async () => {
      const problem = await this.integrityProblem(store, record, view);
      if (problem) {
        await this.records.recordCustody(documentId, 'integrity-failed', custodyActor(actor), { problem });
        throw new ClientError(409, 'DOCUMENT_INTEGRITY_FAILED', `the document failed its integrity check: ${problem}`);
      }
      const body = await store.read(record.objectKey);
      if (!body) throw new ClientError(409, 'DOCUMENT_INTEGRITY_FAILED', 'the stored document is gone');
      await this.records.recordCustody(documentId, 'downloaded', custodyActor(actor), {
        bytes: record.size,
        ...(via ? { via } : {}),
      });
      res.status(200);
      res.setHeader('content-type', record.mediaType);
      res.setHeader('content-length', String(record.size));
      res.setHeader('content-disposition', `attachment; filename*=UTF-8''${encodeURIComponent(record.name)}`);
      res.setHeader('repr-digest', `sha-256=:${Buffer.from(record.sha256!, 'hex').toString('base64')}:`);
      res.setHeader('cache-control', 'no-store');
      res.setHeader('x-content-type-options', 'nosniff');
      res.setTimeout(STALLED_READER_MS, () => res.destroy(new Error('the reader took nothing for a minute')));
      try {
        await pipeline(
          body,
          new OpenDocumentStream(dataKeyOf(record), documentId, record.size),
          lastChunkAfterDigest(record.sha256!),
          res,
        );
      } catch (err) {
        // The headers are out: the reader sees the transfer end early, never a whole altered document.
        body.destroy();
        res.destroy();
        if (err instanceof DocumentIntegrityError) {
          this.logger.error(`document ${documentId} failed its check while downloaded: ${err.message}`);
          await this.records
            .recordCustody(documentId, 'integrity-failed', INSTALLATION, { problem: err.message })
            .catch((e: Error) => this.logger.error(`custody of ${documentId} not recorded: ${e.message}`));
        }
      }
    });
  }

  /** What the seal, the process's claim and the stored object say against the record; undefined if all hold. */
  private async integrityProblem(
    store: ObjectStore,
    record: DocumentRecord,
    view: ProcessView,
  ): Promise<string | undefined> {
    const { seal, ...claim } = claimOf(record);
    const content = sealedClaim(record.processId, claim);
    if (!seal || !(await detachedSealHolds(seal, content, this.checks.keys, DOCUMENT_SEAL_TYPE))) {
      return "the installation's seal does not hold over the document's record";
    }
    const attached = attachedDocuments(view).find((d) => d.documentId === record.documentId);
    if (attached && (attached.sha256 !== record.sha256 || attached.size !== record.size)) {
      return 'the record differs from the claim the process holds';
    }
    const object = await store.head(record.objectKey);
    if (!object) return 'the stored object is gone';
    if (object.size !== encryptedLength(record.size) || object.etag !== record.etag) {
      return 'the stored object was replaced or changed';
    }
    return undefined;
  }
}

/**
 * Passes bytes on, holding the last piece back until the SHA-256 of everything is `expected`: a
 * document whose chunks each authenticate but do not make the sealed whole (a chunk of an earlier
 * upload of the same part put back in the store) never arrives complete.
 */
export function lastChunkAfterDigest(expected: string): Transform {
  const hash = createHash('sha256');
  let held: Buffer | undefined;
  return new Transform({
    transform(chunk: Buffer, _encoding, done) {
      hash.update(chunk);
      const previous = held;
      held = chunk;
      done(null, previous);
    },
    flush(done) {
      const actual = hash.digest('hex');
      if (actual !== expected) {
        done(new DocumentIntegrityError(`the document's SHA-256 is ${actual}, not the sealed ${expected}`));
        return;
      }
      done(null, held);
    },
  });
}
