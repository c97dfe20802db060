import { readFileSync } from 'node:fs';
import {
  Kafka,
  logLevel,
  Partitioners,
  type KafkaConfig as KafkaJsConfig,
  type logCreator,
  type Producer,
  type SASLOptions,
} from 'kafkajs';
import type { KafkaConfig } from '@comity/config';
import { CLOUDEVENTS_CONTENT_TYPE, type CloudEvent } from '@comity/events';
import { SpanKind, counter, inSpan, log, withTraceContext } from '@comity/observability';

/** kafkajs's own records, as the app's JSON lines (with kafkajs's namespace and fields). */
const kafkajsLogs: logCreator =
  () =>
  ({ namespace, level, log: entry }) => {
    const { message, timestamp: _timestamp, logger: _logger, ...fields } = entry;
    const write =
      level <= logLevel.ERROR
        ? log.error
        : level === logLevel.WARN
          ? log.warn
          : level === logLevel.INFO
            ? log.info
            : log.debug;
    write(message, { component: 'kafkajs', namespace, ...fields });
  };

/** kafkajs options from Comity's configuration: brokers, and TLS/mTLS and SASL for real clusters. */
export function kafkaClientOptions(config: KafkaConfig, clientSuffix: string): KafkaJsConfig {
  const { tls, sasl } = config;
  const read = (file: string | undefined) => (file ? readFileSync(file, 'utf8') : undefined);
  return {
    clientId: `${config.clientId}-${clientSuffix}`,
    brokers: config.brokers,
    logLevel: logLevel.WARN,
    logCreator: kafkajsLogs,
    retry: { initialRetryTime: 300, retries: 8 },
    ...(tls
      ? {
          ssl: {
            ca: tls.caFile ? [read(tls.caFile) as string] : undefined,
            cert: read(tls.certFile),
            key: read(tls.keyFile),
          },
        }
      : {}),
    // kafkajs types each mechanism separately; ours are exactly its three.
    ...(sasl ? { sasl: { ...sasl } as SASLOptions } : {}),
  };
}

export function createKafka(config: KafkaConfig, clientSuffix: string): Kafka {
  return new Kafka(kafkaClientOptions(config, clientSuffix));
}

/**
 * Comity's producer: every send waits for all in-sync replicas (`acks: -1` at each call), one
 * request in flight per broker, and at-least-once — a send kafkajs retries after a lost
 * acknowledgement may write the message twice, which every consumer deduplicates by id.
 *
 * Not kafkajs's idempotent producer: it assigns a partition's next sequence number when a request
 * is built and takes it back when the request fails, so when a leader dies after replicating a
 * batch but before answering, another send in flight to that partition reuses the number, and the
 * new leader drops that send's message as a duplicate while kafkajs reports it sent. Five messages
 * were lost so in six leader kills (test/cluster/producer-failover.cluster.ts), and one agency task
 * in the cluster fault suite; the worker publishes the tasks and events of hundreds of processes
 * through one producer at once. One message per send also keeps clear of kafkajs's other retry
 * fault: a multi-broker send resends nothing to a broker that answered for another partition.
 */
export async function connectProducer(kafka: Kafka): Promise<Producer> {
  const producer = kafka.producer({
    idempotent: false,
    maxInFlightRequests: 1,
    createPartitioner: Partitioners.DefaultPartitioner,
  });
  await producer.connect();
  return producer;
}

/** Messages Comity has put on Kafka, by kind: `process-event` (internal) or `agency-task`. */
export const eventsPublished = counter<'kind'>({
  name: 'comity_events_published_total',
  help: 'Events published to Kafka by the worker, by kind (process-event, agency-task)',
  labelNames: ['kind'],
});

/**
 * The producer span of one message (OpenTelemetry's messaging conventions), named after the event
 * type so that one name means one kind of message whatever the topic; `publish` runs inside it, so
 * the trace context the message carries (withTraceContext) is this span's.
 */
export function inPublishSpan<T>(
  topic: string,
  event: { readonly id: string; readonly type: string },
  publish: () => Promise<T>,
): Promise<T> {
  const attributes = {
    'messaging.system': 'kafka',
    'messaging.operation.type': 'send',
    'messaging.destination.name': topic,
    'messaging.message.id': event.id,
  };
  return inSpan(`publish ${event.type}`, { kind: SpanKind.PRODUCER, attributes }, publish);
}

/**
 * Sends one CloudEvent in structured mode, keyed so that events sharing a key keep their order,
 * with the trace context it was published in (the CloudEvents Distributed Tracing extension).
 */
export async function sendCloudEvent(
  producer: Producer,
  topic: string,
  key: string,
  event: Omit<CloudEvent<unknown>, 'handlingcode'>,
): Promise<void> {
  await inPublishSpan(topic, event, () =>
    producer.send({
      topic,
      acks: -1,
      messages: [
        { key, value: JSON.stringify(withTraceContext(event)), headers: { 'content-type': CLOUDEVENTS_CONTENT_TYPE } },
      ],
    }),
  );
  eventsPublished.inc({ kind: 'process-event' });
}
