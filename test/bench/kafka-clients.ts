import { readFileSync } from 'node:fs';
import type { ConsumerOptions, ProducerOptions } from '@platformatic/kafka';
import { loadConfig, type KafkaConfig } from '@comity/config';
import { CLOUDEVENTS_CONTENT_TYPE } from '@comity/events';
import { connectProducer, createKafka } from '@comity/kafka';
import { principalEnv } from '../support/kafka-access';

/** What the benchmark asks of a client: Comity's producer (idempotent, acks=all) and a consumer in a group. */
export interface BenchClient {
  readonly name: string;
  /** Idempotent unless told otherwise, as Comity's producer is. */
  producer(options?: { idempotent: boolean }): Promise<{
    send(topic: string, messages: readonly { key: string; value: string }[]): Promise<void>;
    close(): Promise<void>;
  }>;
  /** Joins `group` on `topic` from its committed offsets (the beginning for a new group); `onMessage` gets each value. */
  consumer(topic: string, group: string, onMessage: (value: string) => void): Promise<{ close(): Promise<void> }>;
}

const headers = { 'content-type': CLOUDEVENTS_CONTENT_TYPE };

/** Comity's Kafka settings for a principal of the local broker (TLS with its CA, SASL/SCRAM-SHA-512). */
export function kafkaConfigAs(principal: string, brokers: string[]): KafkaConfig {
  return loadConfig({ ...process.env, COMITY_KAFKA_BROKERS: brokers.join(','), ...principalEnv(principal) }).kafka;
}

/** kafkajs exactly as Comity builds it: libs/kafka's createKafka and connectProducer. */
function kafkajsClient(config: KafkaConfig): BenchClient {
  const kafka = createKafka(config, 'bench');
  return {
    name: 'kafkajs 2.2.4',
    producer: async ({ idempotent } = { idempotent: true }) => {
      const producer = idempotent ? await connectProducer(kafka) : kafka.producer();
      if (!idempotent) await producer.connect();
      return {
        send: async (topic, messages) => {
          await producer.send({ topic, acks: -1, messages: messages.map((m) => ({ ...m, headers })) });
        },
        close: () => producer.disconnect(),
      };
    },
    consumer: async (topic, group, onMessage) => {
      // The projector's session; the rest kafkajs's defaults, as Comity's consumers have them.
      const consumer = kafka.consumer({ groupId: group, sessionTimeout: 10_000 });
      await consumer.connect();
      await consumer.subscribe({ topic, fromBeginning: true });
      await consumer.run({ eachMessage: async ({ message }) => onMessage(String(message.value)) });
      return { close: () => consumer.disconnect() };
    },
  };
}

type Platformatic = typeof import('@platformatic/kafka');

/** The options every @platformatic/kafka client gets: the same brokers, TLS CA and SCRAM principal as kafkajs. */
export function platformaticOptions(config: KafkaConfig, clientId: string) {
  return {
    clientId,
    bootstrapBrokers: config.brokers,
    sasl: { mechanism: 'SCRAM-SHA-512' as const, username: config.sasl?.username, password: config.sasl?.password },
    ...(config.tls?.caFile ? { tls: { ca: readFileSync(config.tls.caFile, 'utf8') } } : {}),
  };
}

function platformaticClient(lib: Platformatic, config: KafkaConfig): BenchClient {
  const base = platformaticOptions(config, 'comity-bench');
  return {
    name: '@platformatic/kafka 2.12.1',
    producer: async ({ idempotent } = { idempotent: true }) => {
      const options: ProducerOptions<string, string, string, string> = {
        ...base,
        idempotent,
        acks: -1,
        serializers: lib.stringSerializers,
      };
      const producer = new lib.Producer(options);
      return {
        send: async (topic, messages) => {
          await producer.send({ messages: messages.map((m) => ({ ...m, topic, headers })) });
        },
        close: () => producer.close(),
      };
    },
    consumer: async (topic, group, onMessage) => {
      const options: ConsumerOptions<string, string, string, string> = {
        ...base,
        groupId: group,
        sessionTimeout: 10_000,
        deserializers: lib.stringDeserializers,
      };
      const consumer = new lib.Consumer(options);
      const stream = await consumer.consume({ topics: [topic], mode: 'committed', fallbackMode: 'earliest' });
      stream.on('data', (message: { value: string }) => onMessage(message.value));
      return {
        close: async () => {
          await stream.close();
          await consumer.close();
        },
      };
    },
  };
}

/** Both clients, kafkajs first, acting as `principal` (or with the settings given). */
export async function kafkaClientsAs(
  principal: string,
  brokers: string[],
  config: KafkaConfig = kafkaConfigAs(principal, brokers),
): Promise<[BenchClient, BenchClient]> {
  // An ES module: imported, not required.
  const lib = await import('@platformatic/kafka');
  return [kafkajsClient(config), platformaticClient(lib, config)];
}
