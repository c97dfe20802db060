import { randomUUID } from 'node:crypto';
import { loadConfig } from '@comity/config';
import { connectProducer } from '@comity/kafka';
import { testKafka } from '../support/kafka-access';

/**
 * kafkajs 2.2.4 is old; this proves the features Comity relies on work against the broker that
 * infra/kafka installs: an idempotent producer, per-key ordering across partitions, consumer
 * groups with manual commits, and reading committed offsets back.
 */
const config = loadConfig(process.env);
const topic = `compat-${randomUUID().slice(0, 8)}`;
const admin = testKafka('compat', config.kafka.brokers).admin();

beforeAll(async () => {
  await admin.connect();
  await admin.createTopics({ waitForLeaders: true, topics: [{ topic, numPartitions: 5, replicationFactor: 1 }] });
});

afterAll(async () => {
  await admin.deleteTopics({ topics: [topic] }).catch(() => undefined);
  await admin.disconnect();
});

it('round-trips keyed messages in order with committed offsets', async () => {
  const count = 100;
  const kafka = testKafka('compat', config.kafka.brokers);
  const producer = await connectProducer(kafka);
  await producer.send({
    topic,
    acks: -1,
    messages: Array.from({ length: count }, (_, seq) => ({ key: `process-${seq % 10}`, value: String(seq) })),
  });
  await producer.disconnect();

  const groupId = `compat-${randomUUID()}`;
  const consumer = kafka.consumer({ groupId, maxWaitTimeInMs: 200 });
  const received: { key: string; seq: number; partition: number; offset: string }[] = [];
  let allReceived!: () => void;
  const done = new Promise<void>((resolve) => (allReceived = resolve));
  await consumer.connect();
  await consumer.subscribe({ topic, fromBeginning: true });
  await consumer.run({
    autoCommit: false,
    eachMessage: async ({ partition, message }) => {
      received.push({
        key: String(message.key),
        seq: Number(String(message.value)),
        partition,
        offset: message.offset,
      });
      if (received.length === count) allReceived();
    },
  });
  await done;

  const byKey = new Map<string, typeof received>();
  for (const m of received) byKey.set(m.key, [...(byKey.get(m.key) ?? []), m]);
  for (const messages of byKey.values()) {
    expect(new Set(messages.map((m) => m.partition)).size).toBe(1);
    expect(messages.map((m) => m.seq)).toEqual([...messages.map((m) => m.seq)].sort((a, b) => a - b));
  }
  expect(new Set(received.map((m) => m.seq)).size).toBe(count);

  const last = new Map<number, string>();
  for (const m of received) last.set(m.partition, m.offset);
  const commits = [...last].map(([partition, offset]) => ({ topic, partition, offset: String(BigInt(offset) + 1n) }));
  await consumer.commitOffsets(commits);
  await consumer.disconnect();

  const [committed] = await admin.fetchOffsets({ groupId, topics: [topic] });
  for (const c of commits) {
    expect(committed?.partitions.find((p) => p.partition === c.partition)?.offset).toBe(c.offset);
  }
  await admin.deleteGroups([groupId]);
}, 60_000);
