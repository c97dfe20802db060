import { Inject, Injectable, Logger, type OnApplicationShutdown, type OnModuleInit } from '@nestjs/common';
import { WorkflowNotFoundError, type Client } from '@temporalio/client';
import type { ComityConfig } from '@comity/config';
import { documentKindRules, DocumentKinds, retentionCutoff, type DocumentKind } from '@comity/domain';
import type { DocumentRecord, DocumentRecords, DocumentStatus } from '@comity/persistence';
import type { TemporalHandle } from '@comity/temporal';
import { CONFIG, DOCUMENT_RECORDS, OBJECT_STORE, TEMPORAL } from '../infrastructure/tokens';
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

/**
 * Where a process's end is confirmed: the process itself, never the read model alone. The read
 * model's `terminal` and `updated_at` come from events that a broker or database operator could
 * alter, and deletion cannot be undone.
 */
export interface ProcessEnds {
  /** When the process's workflow completed (it completes only in a final stage); undefined while it runs or is not found. */
  endedAt(processId: string): Promise<string | undefined>;
}

/** The process's end as Temporal knows it: its workflow completed, and when. */
export function temporalProcessEnds(client: Client): ProcessEnds {
  return {
    async endedAt(processId) {
      try {
        const { status, closeTime } = await client.workflow.getHandle(processId).describe();
        return status.name === 'COMPLETED' && closeTime ? closeTime.toISOString() : undefined;
      } catch (err) {
        if (err instanceof WorkflowNotFoundError) return undefined;
        throw err;
      }
    },
  };
}

/** The custody link that anchors a process's end, confirmed with the process, in each of its documents' chains. */
export const PROCESS_ENDED = 'process-ended';

export interface RetentionSweepResult {
  /** Documents this sweep deleted (a sweep elsewhere may have deleted others of the batch). */
  readonly expired: readonly string[];
  /** Processes the read model says ended whose end the process itself did not confirm: nothing of theirs is deleted. */
  readonly unconfirmed: readonly string[];
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
 * Anchors the ends of processes that ended: for documents of processes the read model says ended
 * and whose chains have no `process-ended` link yet, the process itself is asked (its workflow
 * completed, and when) and the answer is appended to each document's chain of custody, whose links
 * are HMACs under a key the database never holds. Done at the first sweep after the end, long
 * before Temporal forgets a closed workflow, so the end is known years later without it. Newest
 * ends first: one the process cannot confirm (its workflow gone) does not hold back the others.
 */
async function anchorProcessEnds(records: DocumentRecords, ends: ProcessEnds, batch: number): Promise<string[]> {
  const unanchored = await records.endedUnanchored(EXPIRING_STATUSES, PROCESS_ENDED, batch);
  const unconfirmed: string[] = [];
  const byProcess = new Map<string, DocumentRecord[]>();
  for (const record of unanchored) {
    const documents = byProcess.get(record.processId);
    if (documents) documents.push(record);
    else byProcess.set(record.processId, [record]);
  }
  for (const [processId, documents] of byProcess) {
    const endedAt = await ends.endedAt(processId);
    if (!endedAt) {
      unconfirmed.push(processId);
      continue;
    }
    for (const { documentId } of documents) {
      await records.recordCustody(documentId, PROCESS_ENDED, INSTALLATION, {
        processEndedAt: endedAt,
        confirmedBy: 'temporal',
      });
    }
  }
  return unconfirmed;
}

/**
 * Deletes the documents whose process ended longer ago than their kind's retention, as of `now`
 * (a parameter, so that a test can sweep as if years had passed): the encrypted object first, then
 * the data key, in the write that marks the document `expired`. The end counted is the one the
 * process itself confirmed, anchored in the document's chain of custody (anchorProcessEnds); the
 * read model only says which documents to look at, and a chain that does not hold deletes
 * nothing. The record stays — kind, size, SHA-256, seal and the chain of custody, which gains a
 * `deleted` link — so that the document's existence and its destruction remain auditable. An
 * object the store cannot delete leaves the document as it was, for the next sweep. Two sweeps at
 * once (two API processes) both delete the object, which is harmless; the status guard lets one
 * of them record it.
 */
export async function sweepExpiredDocuments(
  records: DocumentRecords,
  store: ObjectStore,
  ends: ProcessEnds,
  now: Date,
  batch = RETENTION_BATCH,
): Promise<RetentionSweepResult> {
  const unconfirmed = await anchorProcessEnds(records, ends, batch);
  const cutoffs = retentionCutoffs(now);
  const due = await records.endedBefore(cutoffs, EXPIRING_STATUSES, batch);
  const expired: string[] = [];
  const failed: { documentId: string; error: string }[] = [];
  for (const record of due) {
    const { links, verdict } = await records.verifiedCustody(record.documentId);
    const processEndedAt = links.find((link) => link.event === PROCESS_ENDED)?.detail['processEndedAt'];
    if (!verdict.intact || typeof processEndedAt !== 'string') continue;
    if (!(processEndedAt < cutoffs[record.kind as DocumentKind])) continue;
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
  return { expired, unconfirmed, failed, full: due.length >= batch };
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
    @Inject(TEMPORAL) temporal: TemporalHandle,
  ) {
    this.periodMs = config.documents?.retentionSweepMs ?? 0;
    this.ends = temporalProcessEnds(temporal.client);
  }

  private readonly ends: ProcessEnds;

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
      const result = await sweepExpiredDocuments(this.records, store, this.ends, new Date());
      if (result.expired.length) {
        this.logger.log(`deleted ${result.expired.length} documents past their retention, with their keys`);
      }
      for (const processId of result.unconfirmed) {
        this.logger.warn(
          `the read model says process ${processId} ended, but its workflow did not confirm it (running, or gone): its documents are kept`,
        );
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
