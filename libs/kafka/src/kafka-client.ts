import { Kafka, logLevel, Partitioners, type Producer } from 'kafkajs';
import type { KafkaConfig } from '@comity/config';
import { CLOUDEVENTS_CONTENT_TYPE, type CloudEvent } from '@comity/events';

export function createKafka(config: KafkaConfig, clientSuffix: string): Kafka {
  return new Kafka({
    clientId: `${config.clientId}-${clientSuffix}`,
    brokers: config.brokers,
    logLevel: logLevel.WARN,
    retry: { initialRetryTime: 300, retries: 8 },
  });
}

/** An idempotent producer: the broker drops a batch kafkajs resends after a lost acknowledgement. */
export async function connectProducer(kafka: Kafka): Promise<Producer> {
  const producer = kafka.producer({
    idempotent: true,
    maxInFlightRequests: 1,
    createPartitioner: Partitioners.DefaultPartitioner,
  });
  await producer.connect();
  return producer;
}

/** Sends one CloudEvent in structured mode, keyed so that events sharing a key keep their order. */
export async function sendCloudEvent(
  producer: Producer,
  topic: string,
  key: string,
  event: Omit<CloudEvent<unknown>, 'handlingcode'>,
): Promise<void> {
  await producer.send({
    topic,
    acks: -1,
    messages: [{ key, value: JSON.stringify(event), headers: { 'content-type': CLOUDEVENTS_CONTENT_TYPE } }],
  });
}
