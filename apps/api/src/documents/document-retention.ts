import { Inject, Injectable, Logger, type OnApplicationShutdown, type OnModuleInit } from '@nestjs/common';
import type { ComityConfig } from '@comity/config';
import { documentKindRules, DocumentKinds, retentionCutoff, type DocumentKind } from '@comity/domain';
import type { DocumentRecords, DocumentStatus } from '@comity/persistence';
import { CONFIG, DOCUMENT_RECORDS, OBJECT_STORE } from '../infrastructure/tokens';
import { INSTALLATION } from './document-access';
import type { ObjectStore } from './object-store';

/** Documents one sweep deletes at most: a sweep stays short however much falls due at once. */
export const RETENTION_BATCH = 100;
/** After a full batch the next sweep comes this soon, not a whole period later. */
const CATCH_UP_MS = 60_000;

/**
 * The statuses a document past its retention can be in: those that end its upload. One still
 * `uploading` becomes `rejected` once abandoned, one `scanning` once checked; both expire after.
 */
export const EXPIRING_STATUSES: readonly DocumentStatus[] = ['available', 'quarantined', 'rejected'];

export interface RetentionSweepResult {
  /** Documents this sweep deleted (a sweep elsewhere may have deleted others of the batch). */
  readonly expired: readonly string[];
  /** Documents whose object could not be deleted: left as they were, for the next sweep. */
  readonly failed: readonly { readonly documentId: string; readonly error: string }[];
  /** Whether the batch was full: more may be due. */
  readonly full: boolean;
}

/** For each kind, the instant its documents' processes must have ended before, at `now`. */
export function retentionCutoffs(now: Date): Record<DocumentKind, string> {
  return Object.fromEntries(DocumentKinds.map((kind) => [kind, retentionCutoff(kind, now)])) as Record<
    DocumentKind,
    string
  >;
}

/**
 * Deletes the documents whose process ended longer ago than their kind's retention, as of `now`
 * (a parameter, so that a test can sweep as if years had passed): the encrypted object first, then
 * the data key, in the write that marks the document `expired`. The record stays — kind, size,
 * SHA-256, seal and the chain of custody, which gains a `deleted` link — so that the document's
 * existence and its destruction remain auditable. An object the store cannot delete leaves the
 * document as it was, for the next sweep. Two sweeps at once (two API processes) both delete the
 * object, which is harmless; the status guard lets one of them record it.
 */
export async function sweepExpiredDocuments(
  records: DocumentRecords,
  store: ObjectStore,
  now: Date,
  batch = RETENTION_BATCH,
): Promise<RetentionSweepResult> {
  const due = await records.endedBefore(retentionCutoffs(now), EXPIRING_STATUSES, batch);
  const expired: string[] = [];
  const failed: { documentId: string; error: string }[] = [];
  for (const { record, processEndedAt } of due) {
    try {
      await store.delete(record.objectKey);
    } catch (err) {
      failed.push({ documentId: record.documentId, error: (err as Error).message });
      continue;
    }
    const retentionYears = documentKindRules[record.kind as DocumentKind].retentionYears;
    const problem = `RETENTION_ENDED: ${record.kind} documents are kept ${retentionYears} years after their process ends; this one's ended ${processEndedAt}`;
    if (await records.expire(record.documentId, record.status as DocumentStatus, problem)) {
      await records.recordCustody(record.documentId, 'deleted', INSTALLATION, {
        reason: 'retention',
        retentionYears,
        processEndedAt,
      });
      expired.push(record.documentId);
    }
  }
  return { expired, failed, full: due.length >= batch };
}

/**
 * Runs the retention sweep in the API: at start, then COMITY_DOCUMENT_RETENTION_SWEEP_MINUTES after
 * each sweep ended (never two at once in one process), sooner while a full batch says more is due.
 */
@Injectable()
export class DocumentRetention implements OnModuleInit, OnApplicationShutdown {
  private readonly logger = new Logger('DocumentRetention');
  private readonly periodMs: number;
  private timer: NodeJS.Timeout | undefined;
  private running: Promise<void> | undefined;
  private stopped = false;

  constructor(
    @Inject(CONFIG) config: ComityConfig,
    @Inject(DOCUMENT_RECORDS) private readonly records: DocumentRecords,
    @Inject(OBJECT_STORE) private readonly store: ObjectStore | null,
  ) {
    this.periodMs = config.documents?.retentionSweepMs ?? 0;
  }

  onModuleInit(): void {
    if (this.store && this.periodMs > 0) this.running = this.sweep(this.store);
  }

  async onApplicationShutdown(): Promise<void> {
    this.stopped = true;
    clearTimeout(this.timer);
    await this.running;
  }

  private async sweep(store: ObjectStore): Promise<void> {
    let next = this.periodMs;
    try {
      const result = await sweepExpiredDocuments(this.records, store, new Date());
      if (result.expired.length) {
        this.logger.log(`deleted ${result.expired.length} documents past their retention, with their keys`);
      }
      for (const { documentId, error } of result.failed) {
        this.logger.error(`document ${documentId} is past its retention but was not deleted (next sweep): ${error}`);
      }
      if (result.full && !result.failed.length) next = Math.min(next, CATCH_UP_MS);
    } catch (err) {
      this.logger.error(`documents past their retention not swept: ${(err as Error).message}`);
    }
    if (this.stopped) return;
    this.timer = setTimeout(() => {
      this.running = this.sweep(store);
    }, next);
    this.timer.unref();
  }
}
