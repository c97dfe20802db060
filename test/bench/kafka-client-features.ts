import type { Admin } from 'kafkajs';
import { createKafka } from '@comity/kafka';
import { kafkaClientsAs, kafkaConfigAs, platformaticOptions, type BenchClient } from './kafka-clients';

/**
 * Each feature Comity uses, or would use, exercised with each client against the broker; the
 * outcome is what happened, with the error a client gave where the feature is a refusal.
 */
export interface FeatureResult {
  readonly supported: boolean;
  readonly detail: string;
}
type Matrix = Record<string, Record<string, FeatureResult>>;

const within = <T>(ms: number, what: string, work: Promise<T>): Promise<T> =>
  Promise.race([
    work,
    new Promise<never>((_, reject) => setTimeout(() => reject(new Error(`${what}: no outcome within ${ms} ms`)), ms)),
  ]);

const errorText = (err: unknown): string => {
  const e = err as {
    name?: string;
    message?: string;
    type?: string;
    errors?: unknown[];
    code?: string;
    cause?: unknown;
  };
  // @platformatic/kafka nests the reason: an AggregateError's first error, or an error's cause.
  const inner = Array.isArray(e.errors) && e.errors.length ? e.errors[0] : e.cause;
  const nested = inner ? ` <- ${errorText(inner)}` : '';
  return `${e.name ?? 'Error'}${e.type ? ` [${e.type}]` : ''}${e.code ? ` [${e.code}]` : ''}: ${e.message ?? String(err)}${nested}`;
};

/** Sends `count` messages with the client's (idempotent, acks=all) producer and counts what a consumer gets. */
async function roundTrip(client: BenchClient, topic: string, group: string, count: number): Promise<number> {
  const producer = await client.producer();
  await producer.send(
    topic,
    Array.from({ length: count }, (_, i) => ({ key: `k${i % 7}`, value: `v${i}` })),
  );
  await producer.close();
  const seen = new Map<string, number>();
  let done!: () => void;
  const all = new Promise<void>((resolve) => (done = resolve));
  const consumer = await client.consumer(topic, group, (value) => {
    seen.set(value, (seen.get(value) ?? 0) + 1);
    if (seen.size === count) done();
  });
  await within(60_000, 'consuming', all);
  await consumer.close();
  return [...seen.values()].filter((n) => n === 1).length;
}

/** The refusal a producer gets, or undefined when it was let through. */
async function refusal(client: BenchClient, topic: string, idempotent = true): Promise<string | undefined> {
  try {
    const producer = await client.producer({ idempotent });
    try {
      await within(60_000, 'sending', producer.send(topic, [{ key: 'k', value: 'v' }]));
    } finally {
      // A client stuck on a refusal may not close either.
      await within(15_000, 'closing', producer.close()).catch(() => undefined);
    }
    return undefined;
  } catch (err) {
    return errorText(err);
  }
}

/**
 * The committed offsets of `group` on `input` and the output's high watermarks summed, once the
 * transaction's markers are written (the coordinator writes them after EndTxn answers), or after 30 s.
 */
async function transactionOutcome(admin: Admin, group: string, input: string, output: string) {
  const deadline = Date.now() + 30_000;
  for (;;) {
    const [committed] = await admin.fetchOffsets({ groupId: group, topics: [input] });
    const offsets = committed?.partitions.filter((p) => Number(p.offset) > 0) ?? [];
    const written = (await admin.fetchTopicOffsets(output)).reduce((sum, p) => sum + Number(p.high), 0);
    const outcome = {
      committedOffsets: offsets.map((p) => `${p.partition}:${p.offset}`),
      outputHighWatermarks: written,
    };
    if ((offsets.length === 1 && written === 2) || Date.now() > deadline) return outcome;
    await new Promise((resolve) => setTimeout(resolve, 500));
  }
}

export async function exerciseFeatures(
  brokers: string[],
  runId: string,
  freshTopic: () => Promise<string>,
  admin: Admin,
): Promise<Matrix> {
  const lib = await import('@platformatic/kafka');
  const [kafkajs, platformatic] = await kafkaClientsAs('comity-admin', brokers);
  const [kafkajsDenied, platformaticDenied] = await kafkaClientsAs('comity-projector', brokers);
  const operator = kafkaConfigAs('comity-admin', brokers);
  const wrongPassword = {
    ...operator,
    sasl: { mechanism: 'scram-sha-512' as const, username: 'comity-admin', password: 'wrong' },
  };
  const [kafkajsWrong, platformaticWrong] = await kafkaClientsAs('comity-admin', brokers, wrongPassword);
  const matrix: Matrix = {};
  const record = (feature: string, client: BenchClient, result: FeatureResult) => {
    matrix[feature] = { ...matrix[feature], [client.name]: result };
  };
  const attempt = async (feature: string, client: BenchClient, work: () => Promise<FeatureResult>) => {
    try {
      record(feature, client, await within(180_000, feature, work()));
    } catch (err) {
      record(feature, client, { supported: false, detail: errorText(err) });
    }
  };

  for (const client of [kafkajs, platformatic]) {
    await attempt('idempotent producer, acks=all', client, async () => {
      const once = await roundTrip(client, await freshTopic(), `${runId}-idem-${client.name.length}`, 200);
      return { supported: once === 200, detail: `200 sent, ${once} received exactly once` };
    });
  }

  const wrong: [BenchClient, BenchClient][] = [
    [kafkajs, kafkajsWrong],
    [platformatic, platformaticWrong],
  ];
  for (const [client, withWrongPassword] of wrong) {
    await attempt('SASL/SCRAM-SHA-512 over TLS', client, async () => {
      const right = await refusal(client, await freshTopic());
      const refused = await refusal(withWrongPassword, await freshTopic());
      const refusedPlain = await refusal(withWrongPassword, await freshTopic(), false);
      return {
        supported: right === undefined && refused !== undefined && !/no outcome within/.test(refused),
        detail: `right password: ${right ?? 'sent'}; wrong password, idempotent producer: ${refused ?? 'sent (!)'}; wrong password, plain producer: ${refusedPlain ?? 'sent (!)'}`,
      };
    });
  }

  const denied: [BenchClient, BenchClient][] = [
    [kafkajs, kafkajsDenied],
    [platformatic, platformaticDenied],
  ];
  for (const [client, asProjector] of denied) {
    await attempt('ACL denied: a clear error', client, async () => {
      const refused = await refusal(asProjector, await freshTopic());
      return {
        supported: refused !== undefined && /authoriz/i.test(refused),
        detail: `comity-projector writing a topic it has no grant on: ${refused ?? 'sent (!)'}`,
      };
    });
  }

  await attempt('transaction with sendOffsets', kafkajs, async () => {
    const [input, output] = [await freshTopic(), await freshTopic()];
    const group = `${runId}-tx-kafkajs`;
    const kafka = createKafka(operator, 'bench-tx');
    const seed = await kafkajs.producer();
    await seed.send(input, [{ key: 'k', value: 'in' }]);
    await seed.close();
    const producer = kafka.producer({
      transactionalId: `${runId}-tx-kafkajs`,
      idempotent: true,
      maxInFlightRequests: 1,
    });
    await producer.connect();
    const consumer = kafka.consumer({ groupId: group });
    await consumer.connect();
    await consumer.subscribe({ topic: input, fromBeginning: true });
    let handled!: () => void;
    const done = new Promise<void>((resolve) => (handled = resolve));
    await consumer.run({
      autoCommit: false,
      eachMessage: async ({ topic, partition, message }) => {
        const transaction = await producer.transaction();
        await transaction.send({ topic: output, messages: [{ key: 'k', value: 'out' }] });
        await transaction.sendOffsets({
          consumerGroupId: group,
          topics: [{ topic, partitions: [{ partition, offset: String(Number(message.offset) + 1) }] }],
        });
        await transaction.commit();
        handled();
      },
    });
    await done;
    await consumer.disconnect();
    await producer.disconnect();
    const outcome = await transactionOutcome(admin, group, input, output);
    return {
      supported: outcome.committedOffsets.length === 1 && outcome.outputHighWatermarks === 2,
      detail: `offsets committed in the transaction ${outcome.committedOffsets.join(',')}; output high watermark ${outcome.outputHighWatermarks} (message + commit marker)`,
    };
  });

  await attempt('transaction with sendOffsets', platformatic, async () => {
    const [input, output] = [await freshTopic(), await freshTopic()];
    const group = `${runId}-tx-platformatic`;
    const seed = await platformatic.producer();
    await seed.send(input, [{ key: 'k', value: 'in' }]);
    await seed.close();
    const options = platformaticOptions(operator, 'bench-tx');
    const producer = new lib.Producer({
      ...options,
      transactionalId: `${runId}-tx-platformatic`,
      idempotent: true,
      acks: -1,
      serializers: lib.stringSerializers,
    });
    const consumer = new lib.Consumer({
      ...options,
      groupId: group,
      autocommit: false,
      deserializers: lib.stringDeserializers,
    });
    const stream = await consumer.consume({ topics: [input], mode: 'committed', fallbackMode: 'earliest' });
    for await (const message of stream) {
      const transaction = await producer.beginTransaction();
      await transaction.send({ messages: [{ topic: output, key: 'k', value: 'out' }] });
      await transaction.addConsumer(consumer);
      await transaction.addOffset(message);
      await transaction.commit();
      break;
    }
    await stream.close();
    await consumer.close();
    await producer.close();
    const outcome = await transactionOutcome(admin, group, input, output);
    return {
      supported: outcome.committedOffsets.length === 1 && outcome.outputHighWatermarks === 2,
      detail: `offsets committed in the transaction ${outcome.committedOffsets.join(',')}; output high watermark ${outcome.outputHighWatermarks} (message + commit marker)`,
    };
  });

  record('KIP-848 group protocol (consumer)', kafkajs, {
    supported: false,
    detail:
      'no option for it: kafkajs 2.2.4 (its last release, 2022) joins groups only with the classic JoinGroup/SyncGroup protocol',
  });
  await attempt('KIP-848 group protocol (consumer)', platformatic, async () => {
    const topic = await freshTopic();
    const seed = await platformatic.producer();
    await seed.send(
      topic,
      Array.from({ length: 30 }, (_, i) => ({ key: `k${i}`, value: `v${i}` })),
    );
    await seed.close();
    const group = `${runId}-kip848`;
    const consumer = new lib.Consumer({
      ...platformaticOptions(operator, 'bench-kip848'),
      groupId: group,
      groupProtocol: 'consumer',
      deserializers: lib.stringDeserializers,
    });
    const stream = await consumer.consume({ topics: [topic], mode: 'committed', fallbackMode: 'earliest' });
    let received = 0;
    let done!: () => void;
    const all = new Promise<void>((resolve) => (done = resolve));
    stream.on('data', () => {
      if (++received === 30) done();
    });
    await all;
    await stream.close();
    await consumer.close();
    const [description] = (await admin.describeGroups([group])).groups;
    return {
      supported: received === 30,
      detail: `group.protocol=consumer: received ${received} of 30 across 6 partitions; the broker describes the group as protocol type '${description?.protocolType ?? '?'}'`,
    };
  });

  return matrix;
}
