import type { EachBatchPayload, IHeaders, KafkaMessage } from 'kafkajs';
import type { ComityConfig } from '@comity/config';
import { createKafka, runConsumer, type ConsumerLifetime } from '@comity/kafka';
import { counter } from '@comity/observability';
import { DeadLetterLog, type DeadLetterRow } from '@comity/persistence';
import type { DataSource } from 'typeorm';

const deadLettersRecorded = counter({
  name: 'comity_projector_dead_letters_recorded_total',
  help: 'Dead letters read from the dead-letter topic into the read model (for the incidents view)',
});

/** A header's first value as text, capped; absent, empty or binary: undefined. */
function header(headers: IHeaders | undefined, name: string, max: number): string | undefined {
  const raw = headers?.[name];
  const value = Array.isArray(raw) ? raw[0] : raw;
  const text = value === undefined ? undefined : Buffer.isBuffer(value) ? value.toString('utf8') : String(value);
  if (!text || text.includes('\uFFFD')) return undefined;
  const points = [...text];
  return points.length > max ? `${points.slice(0, max - 1).join('')}…` : text;
}

const printable = (text: string | undefined, max: number) =>
  text !== undefined && text.length <= max && /^[\x20-\x7e]+$/.test(text) ? text : undefined;

/**
 * The row for one dead letter, from its headers (libs/kafka's sendToDeadLetter); a dead letter
 * without them (written by hand, or by an older producer) is still recorded, where it sits.
 */
export function deadLetterRow(
  message: KafkaMessage,
  at: { topic: string; partition: number },
  answersPrefix: string,
): DeadLetterRow {
  const { headers } = message;
  const originalTopic = printable(header(headers, 'comity-original-topic', 249), 249);
  const partition = printable(header(headers, 'comity-original-partition', 10), 10);
  const offset = printable(header(headers, 'comity-original-offset', 20), 20);
  const origin =
    originalTopic && partition && /^\d+$/.test(partition) && offset && /^\d+$/.test(offset)
      ? `${originalTopic}/${partition}/${offset}`
      : `${at.topic}/${at.partition}/${message.offset}`;
  const agency =
    originalTopic?.startsWith(answersPrefix) === true ? originalTopic.slice(answersPrefix.length) : undefined;
  const time = Number(message.timestamp);
  return {
    id: origin,
    originalTopic: originalTopic ?? null,
    agencyId: printable(agency, 120) ?? null,
    messageKey: printable(message.key?.toString('utf8'), 200) ?? null,
    check: printable(header(headers, 'comity-dead-letter-check', 40), 40) ?? 'unknown',
    code: printable(header(headers, 'comity-dead-letter-code', 80), 80) ?? null,
    reason: header(headers, 'comity-dead-letter-reason', 1000) ?? '(no reason given)',
    deadLetteredAt: (Number.isFinite(time) && time > 0 ? new Date(time) : new Date()).toISOString(),
  };
}

/**
 * Reads comity.dead-letter.v1 into the read model's `dead_letters` (the incidents view), in a group
 * of its own so that it never holds the process events back; a batch is stored, then committed.
 */
export async function startDeadLetterRecorder(config: ComityConfig, dataSource: DataSource): Promise<ConsumerLifetime> {
  const log = new DeadLetterLog(dataSource);
  const consumer = createKafka(config.kafka, 'projector-dead-letters').consumer({
    groupId: `${config.kafka.projectorGroup}.dead-letters`,
    sessionTimeout: 10_000,
    heartbeatInterval: 1_000,
  });
  await consumer.connect();
  await consumer.subscribe({ topic: config.kafka.topics.deadLetter, fromBeginning: true });
  return runConsumer(consumer, {
    eachBatchAutoResolve: false,
    eachBatch: async ({ batch, resolveOffset, heartbeat }: EachBatchPayload) => {
      const rows = batch.messages.map((m) => deadLetterRow(m, batch, config.kafka.topics.agencyAnswersPrefix));
      // A database failure is thrown: kafkajs fetches the batch again; rows stored before are recognised by id.
      await log.record(rows);
      deadLettersRecorded.inc(rows.length);
      const last = batch.messages.at(-1);
      if (last) resolveOffset(last.offset);
      await heartbeat();
    },
  });
}
