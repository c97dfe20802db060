import { randomUUID } from 'node:crypto';
import { Kafka, logLevel, type KafkaConfig } from 'kafkajs';
import { createTestEnvironment, type TestEnvironment } from '../support/environment';
import { testKafka } from '../support/kafka-access';

/**
 * The broker as an attacker meets it (findings 1 and 2 of issue 13): a client without credentials,
 * or with a wrong password, gets nothing in or out; each service's principal can do its own work
 * and nothing else. Against the shared local broker, on this run's own topics.
 */
let environment: TestEnvironment;
beforeAll(async () => {
  environment = await createTestEnvironment('sqlite', 3174);
}, 60_000);
afterAll(() => environment?.dispose(), 60_000);

/** No retries: a refusal should be seen at once, not waited out. */
const quick: Partial<KafkaConfig> = { logLevel: logLevel.NOTHING, retry: { retries: 0 }, connectionTimeout: 3000 };

const anAnswer = () => ({ key: 'mla-x', value: JSON.stringify({ forged: randomUUID() }) });

it('refuses a client without credentials: it can neither write an answer nor read the events', async () => {
  const anonymous = new Kafka({ clientId: 'intruder', brokers: environment.brokers, ...quick });
  const producer = anonymous.producer();
  await expect(
    producer.connect().then(() => producer.send({ topic: environment.topics.agencyResponses, messages: [anAnswer()] })),
  ).rejects.toThrow();
  await producer.disconnect().catch(() => undefined);
  const admin = anonymous.admin();
  await expect(admin.connect().then(() => admin.listTopics())).rejects.toThrow();
  await admin.disconnect().catch(() => undefined);
});

it('refuses a wrong password', async () => {
  const impostor = new Kafka({
    clientId: 'impostor',
    brokers: environment.brokers,
    sasl: { mechanism: 'scram-sha-512', username: 'comity-bridge', password: 'guessed' },
    ...quick,
  });
  const admin = impostor.admin();
  await expect(admin.connect()).rejects.toThrow(/SASL|authentication/i);
  await admin.disconnect().catch(() => undefined);
});

describe('each service principal may do its own work and nothing else', () => {
  const as = (principal: string) => testKafka(`probe-${principal}`, environment.brokers, principal, quick);
  const produce = async (principal: string, topic: string) => {
    const producer = as(principal).producer();
    try {
      await producer.connect();
      await producer.send({ topic, messages: [anAnswer()] });
    } finally {
      await producer.disconnect().catch(() => undefined);
    }
  };
  const readOffsets = async (principal: string, topic: string) => {
    const admin = as(principal).admin();
    try {
      await admin.connect();
      return await admin.fetchTopicOffsets(topic);
    } finally {
      await admin.disconnect().catch(() => undefined);
    }
  };

  it('the agency simulator writes answers, and may not write events, dead letters or read the events', async () => {
    const { topics } = environment;
    await expect(produce('comity-agency-simulator', topics.agencyResponses)).resolves.toBeUndefined();
    await expect(produce('comity-agency-simulator', topics.processEvents)).rejects.toThrow(/authori[sz]/i);
    await expect(produce('comity-agency-simulator', topics.deadLetter)).rejects.toThrow(/authori[sz]/i);
    await expect(readOffsets('comity-agency-simulator', topics.processEvents)).rejects.toThrow(/authori[sz]/i);
  });

  it('the worker writes events and tasks, and may not write answers', async () => {
    const { topics } = environment;
    await expect(produce('comity-worker', topics.processEvents)).resolves.toBeUndefined();
    await expect(produce('comity-worker', topics.agencyResponses)).rejects.toThrow(/authori[sz]/i);
  });

  it('the projector and the API read events and may write nothing', async () => {
    const { topics } = environment;
    await expect(readOffsets('comity-projector', topics.processEvents)).resolves.toHaveLength(3);
    await expect(produce('comity-projector', topics.processEvents)).rejects.toThrow(/authori[sz]/i);
    await expect(produce('comity-api', topics.agencyTasks)).rejects.toThrow(/authori[sz]/i);
    await expect(readOffsets('comity-api', topics.agencyResponses)).rejects.toThrow(/authori[sz]/i);
  });
});
