import { randomUUID } from 'node:crypto';
import { loadConfig } from '@comity/config';
import { connectProducer, createKafka } from '@comity/kafka';
import { waitFor } from '../support/apps';
import { kafkaPassword, testKafka } from '../support/kafka-access';
import { clusterRuntime, clusterServices, killByPidFile } from './cluster-services';

/**
 * Comity's producer (libs/kafka connectProducer, as the worker, bridge, projector and simulator use
 * it) on the 3-broker cluster: many sends in flight at once to one partition, as the worker's
 * activities publish the tasks of hundreds of processes to one agency, while that partition's
 * leader is SIGKILLed. Every send that resolved must be on the topic afterwards: a resolved send is
 * what an activity reports as published, and nothing publishes it again. A send that failed is
 * retried by its sender, as an activity is; duplicates are allowed (consumers deduplicate by id).
 */
const SENDERS = 48;
/** How many times a leader is killed (each time the current one, started again afterwards). */
const KILLS = Number(process.env['COMITY_FAILOVER_KILLS'] ?? 2);
const brokers = () => (process.env['COMITY_KAFKA_BROKERS'] ?? '').split(',');

jest.setTimeout(120_000 + KILLS * 120_000);

it('loses no acknowledged message when the partition leader dies under concurrent sends', async () => {
  const topic = `comity.test.failover-${randomUUID().slice(0, 8)}`;
  const admin = testKafka('failover-admin', brokers()).admin();
  await admin.connect();
  const config = loadConfig(process.env).kafka;
  const kafka = createKafka(
    {
      ...config,
      sasl: {
        mechanism: 'scram-sha-512',
        username: 'comity-admin',
        password: kafkaPassword('comity-admin', clusterRuntime()),
      },
    },
    'failover',
  );
  const producer = await connectProducer(kafka);
  const acknowledged = new Set<string>();
  let failures = 0;
  let stopping = false;
  try {
    await admin.createTopics({ topics: [{ topic, numPartitions: 1, replicationFactor: 3 }], waitForLeaders: true });
    const leader = async () =>
      (await admin.fetchTopicMetadata({ topics: [topic] })).topics[0]?.partitions[0]?.leader ?? -1;

    const sender = async (n: number) => {
      for (let i = 0; !stopping; i++) {
        const id = `${n}-${i}`;
        // Retried until it resolves, as Temporal retries a failed publishing activity.
        for (;;) {
          try {
            await producer.send({ topic, acks: -1, messages: [{ key: `process-${n}`, value: id }] });
            acknowledged.add(id);
            break;
          } catch {
            failures += 1;
            if (stopping) return;
            await new Promise((resolve) => setTimeout(resolve, 200));
          }
        }
      }
    };
    const senders = Array.from({ length: SENDERS }, (_, n) => sender(n));

    for (let kill = 0; kill < KILLS; kill++) {
      const before = acknowledged.size;
      await waitFor('acknowledged messages', async () => (acknowledged.size >= before + 500 ? true : undefined));
      const killed = await leader();
      await killByPidFile(`kafka/node-${killed}/kafka.pid`);
      await waitFor('a new leader', async () => ((await leader()) !== killed ? true : undefined), 60_000);
      const afterKill = acknowledged.size;
      await waitFor('sends to the new leader', async () => (acknowledged.size >= afterKill + 500 ? true : undefined));
      await clusterServices('start', 'kafka-cluster');
    }
    stopping = true;
    await Promise.all(senders);

    const onTopic = await readAll(topic);
    const missing = [...acknowledged].filter((id) => !onTopic.has(id));
    console.log(
      `[producer failover] ${acknowledged.size} acknowledged, ${failures} failed sends retried, ` +
        `${onTopic.size} distinct on the topic, ${missing.length} acknowledged but missing`,
    );
    expect(missing).toEqual([]);
  } finally {
    stopping = true;
    await producer.disconnect();
    await admin.deleteTopics({ topics: [topic] }).catch(() => undefined);
    await admin.disconnect();
  }
});

/** Every value on the topic's one partition, read up to its high watermark. */
async function readAll(topic: string): Promise<Set<string>> {
  const kafka = testKafka('failover-reader', brokers());
  const admin = kafka.admin();
  await admin.connect();
  const end = Number((await admin.fetchTopicOffsets(topic))[0]?.high ?? 0);
  await admin.disconnect();
  const values = new Set<string>();
  const consumer = kafka.consumer({ groupId: `failover-reader-${randomUUID()}` });
  await consumer.connect();
  await consumer.subscribe({ topic, fromBeginning: true });
  let read = 0;
  let reachedEnd!: () => void;
  const done = new Promise<void>((resolve) => (reachedEnd = resolve));
  if (end === 0) reachedEnd();
  await consumer.run({
    eachMessage: async ({ message }) => {
      values.add(message.value?.toString('utf8') ?? '');
      read = Math.max(read, Number(message.offset) + 1);
      if (read >= end) reachedEnd();
    },
  });
  await done;
  await consumer.disconnect();
  return values;
}
