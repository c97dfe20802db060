import type { EachBatchPayload, IHeaders, KafkaMessage } from 'kafkajs';
import type { ComityConfig } from '@comity/config';
import { createKafka, runConsumer, type ConsumerLifetime } from '@comity/kafka';
import { counter, log } from '@comity/observability';
import { DeadLetterLog, type DeadLetterRow } from '@comity/persistence';
import type { DataSource } from 'typeorm';

const deadLettersRecorded = counter({
  name: 'comity_projector_dead_letters_recorded_total',
  help: 'Dead letters read from the dead-letter topic into the read model (for the incidents view)',
});
const deadLettersPurged = counter({
  name: 'comity_projector_dead_letters_purged_total',
  help: 'Records of dead letters deleted from the read model once older than COMITY_DEAD_LETTER_RETENTION_DAYS',
});

const DAY_MS = 86_400_000;
const PURGE_EVERY_MS = 3_600_000;

/**
 * Keeps the read model's dead letters within their retention: deletes older records now, then an
 * hour after each purge ended (never two at once). A failed purge is logged and tried again at the
 * next hour; it never stops the recorder. The function returned stops it, waiting for a purge under
 * way, so the database is not closed beneath it.
 */
export function keepWithinRetention(deadLetterLog: DeadLetterLog, days: number): () => Promise<void> {
  let timer: ReturnType<typeof setTimeout> | undefined;
  let stopped = false;
  const purge = async (): Promise<void> => {
    try {
      const deleted = await deadLetterLog.purgeBefore(new Date(Date.now() - days * DAY_MS).toISOString());
      if (deleted > 0) {
        deadLettersPurged.inc(deleted);
        log.info('deleted dead-letter records past their retention', { deleted, retentionDays: days });
      }
    } catch (err) {
      log.warn('could not delete dead-letter records past their retention', { error: String(err) });
    }
    if (stopped) return;
    timer = setTimeout(() => {
      running = purge();
    }, PURGE_EVERY_MS);
    timer.unref();
  };
  let running = purge();
  return async () => {
    stopped = true;
    clearTimeout(timer);
    await running;
  };
}

/**
 * Control characters (NUL included, which PostgreSQL refuses in text) and the format characters
 * that reorder or hide text (bidi overrides, zero-width): a reason is an agency's words in part, and
 * must neither break the insert nor read as something else.
 */
const UNSAFE = /[\p{Cc}\p{Cf}\u2028\u2029]+/gu;

/** A header's first value as text, made safe and capped; absent, empty or binary: undefined. */
function header(headers: IHeaders | undefined, name: string, max: number): string | undefined {
  const raw = headers?.[name];
  const value = Array.isArray(raw) ? raw[0] : raw;
  // Only the first `max` code points matter: never more than 2 UTF-16 units each (and a little room).
  const text = (value === undefined ? '' : Buffer.isBuffer(value) ? value.toString('utf8') : String(value)).slice(
    0,
    max * 4,
  );
  if (!text || text.includes('\uFFFD')) return undefined;
  const points = [...text.replace(UNSAFE, ' ').trim()];
  if (!points.length) return undefined;
  return points.length > max ? `${points.slice(0, max - 1).join('')}…` : points.join('');
}

/** A check is a word such as `signature`; a code a domain code such as `TASK_NOT_OPEN`. */
const CHECK = /^[a-z][a-z-]{0,39}$/;
const CODE = /^[A-Z][A-Z0-9_]{0,79}$/;
const matching = (text: string | undefined, pattern: RegExp) =>
  text !== undefined && pattern.test(text) ? text : undefined;

/** The latest instant a Date holds (ECMAScript: 8.64e15 ms). */
const MAX_DATE_MS = 8.64e15;

const printable = (text: string | undefined, max: number) =>
  text !== undefined && text.length <= max && /^[\x20-\x7e]+$/.test(text) ? text : undefined;

/**
 * The row for one dead letter, from its headers (libs/kafka's sendToDeadLetter); a dead letter
 * without them (written by hand, or by an older producer) is still recorded.
 */
export function deadLetterRow(
  message: KafkaMessage,
  at: { topic: string; partition: number },
  answersPrefix: string,
): DeadLetterRow {
  const { headers } = message;
  const originalTopic = printable(header(headers, 'comity-original-topic', 249), 249);
  const agency =
    originalTopic?.startsWith(answersPrefix) === true ? originalTopic.slice(answersPrefix.length) : undefined;
  // A broker time is milliseconds since 1970; what a Date cannot hold (a hand-written header) is now.
  const time = Number(message.timestamp);
  const valid = Number.isFinite(time) && time > 0 && time <= MAX_DATE_MS;
  return {
    // Where the dead letter sits: what a redelivered batch repeats (an original topic recreated restarts its offsets).
    id: `${at.topic}/${at.partition}/${message.offset}`,
    originalTopic: originalTopic ?? null,
    agencyId: printable(agency, 120) ?? null,
    messageKey: printable(message.key?.toString('utf8'), 200) ?? null,
    check: matching(header(headers, 'comity-dead-letter-check', 40), CHECK) ?? 'unknown',
    code: matching(header(headers, 'comity-dead-letter-code', 80), CODE) ?? null,
    reason: header(headers, 'comity-dead-letter-reason', 1000) ?? '(no reason given)',
    deadLetteredAt: (valid ? new Date(time) : new Date()).toISOString(),
  };
}

/**
 * Reads comity.dead-letter.v1 into the read model's `dead_letters` (the incidents view), in a group
 * of its own so that it never holds the process events back; a batch is stored, then committed.
 */
export async function startDeadLetterRecorder(config: ComityConfig, dataSource: DataSource): Promise<ConsumerLifetime> {
  const deadLetterLog = new DeadLetterLog(dataSource);
  const consumer = createKafka(config.kafka, 'projector-dead-letters').consumer({
    groupId: `${config.kafka.projectorGroup}.dead-letters`,
    sessionTimeout: 10_000,
    heartbeatInterval: 1_000,
  });
  await consumer.connect();
  await consumer.subscribe({ topic: config.kafka.topics.deadLetter, fromBeginning: true });
  const lifetime = await runConsumer(consumer, {
    eachBatchAutoResolve: false,
    eachBatch: async ({ batch, resolveOffset, heartbeat }: EachBatchPayload) => {
      const rows = batch.messages.map((m) => deadLetterRow(m, batch, config.kafka.topics.agencyAnswersPrefix));
      // A database failure is thrown: kafkajs fetches the batch again; rows stored before are recognised by id.
      await deadLetterLog.record(rows);
      deadLettersRecorded.inc(rows.length);
      const last = batch.messages.at(-1);
      if (last) resolveOffset(last.offset);
      await heartbeat();
    },
  });
  const stopPurging = keepWithinRetention(deadLetterLog, config.deadLetterRetentionDays);
  return {
    done: lifetime.done,
    stop: async () => {
      await stopPurging();
      await lifetime.stop();
    },
  };
}
