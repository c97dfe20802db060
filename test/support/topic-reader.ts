import { randomUUID } from 'node:crypto';
import type { Kafka } from 'kafkajs';
import { testKafka } from './kafka-access';
import { contentOf, type ObservedMessage } from './topic-observer';

/**
 * Reads a topic from its first offset up to the end it had when the call began, in a consumer group
 * of its own (nothing is committed that another reader would notice), and returns every message.
 */
export async function readWholeTopic(brokers: string[], topic: string, timeoutMs = 60_000): Promise<ObservedMessage[]> {
  const kafka = testKafka('comity-topic-reader', brokers);
  const offsets = await endOffsets(kafka, topic);
  const remaining = new Map(
    offsets.filter((o) => BigInt(o.high) > BigInt(o.low)).map((o) => [o.partition, BigInt(o.high)]),
  );
  const messages: ObservedMessage[] = [];
  if (remaining.size === 0) return messages;

  const consumer = kafka.consumer({ groupId: `comity-topic-reader-${randomUUID()}` });
  await consumer.connect();
  try {
    await consumer.subscribe({ topic, fromBeginning: true });
    await new Promise<void>((resolve, reject) => {
      const timer = setTimeout(
        () =>
          reject(new Error(`reading ${topic}: ${remaining.size} partitions not read to the end in ${timeoutMs} ms`)),
        timeoutMs,
      );
      consumer
        .run({
          autoCommit: false,
          eachMessage: async ({ partition, message }) => {
            const end = remaining.get(partition);
            if (end === undefined) return;
            const value = message.value?.toString() ?? '';
            messages.push({
              key: message.key?.toString() ?? '',
              value,
              content: contentOf(value),
              headers: Object.fromEntries(Object.entries(message.headers ?? {}).map(([k, v]) => [k, String(v)])),
            });
            if (BigInt(message.offset) + 1n >= end) remaining.delete(partition);
            if (remaining.size === 0) {
              clearTimeout(timer);
              resolve();
            }
          },
        })
        .catch(reject);
    });
  } finally {
    await consumer.disconnect();
  }
  return messages;
}

/**
 * The topic's offsets, asked again while the brokers answer with a retriable error: right after a
 * broker of a cluster rejoins, leadership moves and a first answer may come from a former leader.
 */
async function endOffsets(kafka: Kafka, topic: string, attempts = 10) {
  for (let attempt = 1; ; attempt++) {
    const admin = kafka.admin();
    await admin.connect();
    try {
      return await admin.fetchTopicOffsets(topic);
    } catch (err) {
      if (attempt >= attempts || !(err as { retriable?: boolean }).retriable) throw err;
      await new Promise((resolve) => setTimeout(resolve, 1_000));
    } finally {
      await admin.disconnect();
    }
  }
}
