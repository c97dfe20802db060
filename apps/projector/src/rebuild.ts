import type { ComityConfig } from '@comity/config';
import { AesGcmFieldCipher, codecKeysFromConfig } from '@comity/crypto';
import { openProcessEvent, sealedProcessEvent, type ProcessEvent } from '@comity/events';
import { createKafka, parseJson } from '@comity/kafka';
import {
  CaseRecord,
  openReadModel,
  ProcessProjection,
  ProcessRecord,
  ProcessStatisticsRecord,
  TimelineEntryRecord,
} from '@comity/persistence';
import { processTypes } from '@comity/domain';

export class RebuildError extends Error {
  override readonly name = 'RebuildError';
}

export interface RowCounts {
  readonly timeline: number;
  readonly processes: number;
  readonly statistics: number;
  readonly cases: number;
}

export interface RebuildReport {
  /** Messages on the topic when the rebuild started (what it read up to). */
  readonly messages: number;
  /** Messages that broke the contract or did not open (the live projector dead-lettered them already): skipped. */
  readonly skipped: number;
  /** Distinct events, processes, processes of a known type and cases among the messages. */
  readonly expected: RowCounts;
  /** Rows in the rebuilt read model. */
  readonly rows: RowCounts;
  readonly consistent: boolean;
}

/**
 * Rebuilds the read model from the process-events topic: reads every partition from offset zero
 * up to its end as found at the start, into an empty database, then compares the rows written with
 * the distinct events and processes read. The projection is idempotent on event id and folds each
 * process's events in order, so the result equals what the live projector built.
 */
export async function rebuildReadModel(
  config: ComityConfig,
  progress: (done: number, total: number) => void = () => undefined,
): Promise<RebuildReport> {
  const keys = codecKeysFromConfig(config.temporal.codec);
  const cipher = new AesGcmFieldCipher(keys);
  const dataSource = await openReadModel(config.database, keys);
  const kafka = createKafka(config.kafka, 'projector-rebuild');
  const admin = kafka.admin();
  const groupId = `${config.kafka.projectorGroup}-rebuild-${Date.now().toString(36)}`;
  const consumer = kafka.consumer({ groupId });
  try {
    const existing = await dataSource.getRepository(TimelineEntryRecord).count();
    if (existing > 0) {
      throw new RebuildError(`the read model is not empty (${existing} timeline rows): rebuild into an empty database`);
    }
    await admin.connect();
    const topic = config.kafka.topics.processEvents;
    const offsets = await admin.fetchTopicOffsets(topic);
    const ends = new Map(offsets.map((o) => [o.partition, Number(o.high)]));
    const total = offsets.reduce((sum, o) => sum + Number(o.high) - Number(o.low), 0);
    const projection = new ProcessProjection(dataSource);
    const opened = (value: Buffer | null): ProcessEvent | undefined => {
      const parsed = parseJson(value);
      const event = parsed.ok ? sealedProcessEvent.safeParse(parsed.json) : undefined;
      if (!event?.success) return undefined;
      try {
        return openProcessEvent(event.data, cipher);
      } catch {
        return undefined;
      }
    };
    const eventIds = new Set<string>();
    const processes = new Set<string>();
    const known = new Set<string>();
    const cases = new Set<string>();
    let read = 0;
    let skipped = 0;
    progress(0, total);

    const pending = new Set([...ends].filter(([, end]) => end > 0).map(([partition]) => partition));
    if (pending.size > 0) {
      let finished!: () => void;
      let failed!: (err: unknown) => void;
      const allRead = new Promise<void>((resolve, reject) => ((finished = resolve), (failed = reject)));
      await consumer.connect();
      await consumer.subscribe({ topic, fromBeginning: true });
      await consumer.run({
        eachMessage: async ({ partition, message }) => {
          const end = ends.get(partition) ?? 0;
          if (Number(message.offset) >= end) return;
          try {
            const event = opened(message.value);
            if (event) {
              await projection.apply(event);
              eventIds.add(event.id);
              processes.add(event.subject);
              if (processTypes.includes(event.data.processType)) known.add(event.subject);
              if (event.data.caseId) cases.add(event.data.caseId);
            } else {
              skipped += 1;
            }
          } catch (err) {
            failed(err);
            throw err;
          }
          read += 1;
          progress(read, total);
          if (Number(message.offset) + 1 >= end) {
            pending.delete(partition);
            if (pending.size === 0) finished();
          }
        },
      });
      await allRead;
    }

    const rows: RowCounts = {
      timeline: await dataSource.getRepository(TimelineEntryRecord).count(),
      processes: await dataSource.getRepository(ProcessRecord).count(),
      statistics: await dataSource.getRepository(ProcessStatisticsRecord).count(),
      cases: await dataSource.getRepository(CaseRecord).count(),
    };
    const expected: RowCounts = {
      timeline: eventIds.size,
      processes: processes.size,
      statistics: known.size,
      cases: cases.size,
    };
    const consistent = (Object.keys(rows) as (keyof RowCounts)[]).every((table) => rows[table] === expected[table]);
    return { messages: total, skipped, expected, rows, consistent };
  } finally {
    await consumer.disconnect().catch(() => undefined);
    // The rebuild's consumer group served once; leave no trace of it on the brokers.
    await admin.deleteGroups([groupId]).catch(() => undefined);
    await admin.disconnect().catch(() => undefined);
    await dataSource.destroy();
  }
}

/** A progress bar on a terminal; a line every tenth of the way otherwise (logs, CI). */
export function progressBar(stream: NodeJS.WriteStream): (done: number, total: number) => void {
  let lastDrawn = 0;
  let lastTenth = -1;
  return (done, total) => {
    const share = total === 0 ? 1 : done / total;
    const text = `${String(done).padStart(String(total).length)}/${total} events (${(share * 100).toFixed(0)}%)`;
    if (stream.isTTY) {
      const now = Date.now();
      if (done !== total && now - lastDrawn < 100) return;
      lastDrawn = now;
      const width = 30;
      const filled = Math.round(share * width);
      stream.write(`\r[${'#'.repeat(filled)}${'-'.repeat(width - filled)}] ${text}${done === total ? '\n' : ''}`);
      return;
    }
    const tenth = Math.floor(share * 10);
    if (tenth !== lastTenth) {
      lastTenth = tenth;
      stream.write(`rebuild: ${text}\n`);
    }
  };
}
