import type { EachBatchPayload, KafkaMessage } from 'kafkajs';
import type { ComityConfig } from '@comity/config';
import { AesGcmFieldCipher, codecKeysFromConfig, SealedValueError } from '@comity/crypto';
import { openProcessEvent, sealedProcessEvent, type FieldCipher, type ProcessEvent } from '@comity/events';
import {
  connectProducer,
  createKafka,
  parseJson,
  runConsumer,
  sendToDeadLetter,
  type DeadLetterReason,
} from '@comity/kafka';
import { ROOT_CONTEXT, SpanKind, counter, gauge, histogram, inSpan, traceContextOf } from '@comity/observability';
import { openReadModel, ProcessProjection } from '@comity/persistence';
import { startDeadLetterRecorder } from './dead-letters';

/** Process events are many types (`comity.<process>.<action>.v1`): their spans share one name. */
const PROCESS_EVENTS = 'comity.process-event';
/** The most events one read-model transaction applies. */
const MAX_EVENTS_PER_TRANSACTION = 200;

const eventsApplied = counter({
  name: 'comity_projector_events_applied_total',
  help: 'Process events applied to the read model',
});
const eventsDeadLettered = counter<'check'>({
  name: 'comity_projector_events_dead_lettered_total',
  help: 'Process events dead-lettered by the projector, by the check they failed',
  labelNames: ['check'],
});
const lag = histogram({
  name: 'comity_projector_lag_seconds',
  help: 'From an event (its time) to its application to the read model',
  buckets: [0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30, 60, 300],
});
const lastApplied = gauge({
  name: 'comity_projector_last_applied_event_timestamp_seconds',
  help: 'The time of the last event applied to the read model (Unix seconds)',
});

export interface RunningProjector {
  readonly done: Promise<void>;
  shutdown(): Promise<void>;
}

/**
 * Consumes process events into the read model (and, in a group of its own, the dead letters: see
 * dead-letters.ts), a batch from the topic at a time: each message is
 * checked and opened (or dead-lettered when it breaks the contract or its sealed fields do not
 * open), then the batch's events are applied in one transaction (up to 200), and only then are
 * their offsets resolved for commit. A database failure is thrown, so kafkajs fetches the batch
 * again instead of skipping it; events already stored are recognised by their ids.
 */
export async function startProjector(config: ComityConfig): Promise<RunningProjector> {
  const keys = codecKeysFromConfig(config.temporal.codec);
  const cipher = new AesGcmFieldCipher(keys);
  const dataSource = await openReadModel(config.database, keys);
  const projection = new ProcessProjection(dataSource);
  const kafka = createKafka(config.kafka, 'projector');
  const deadLetters = await connectProducer(kafka);
  // A short session lets a restarted projector take over a crashed one's partitions within seconds
  // (with kafkajs' default of 30 s the read model stood still that long after a crash).
  const consumer = kafka.consumer({
    groupId: config.kafka.projectorGroup,
    sessionTimeout: 10_000,
    heartbeatInterval: 1_000,
  });
  await consumer.connect();
  await consumer.subscribe({ topic: config.kafka.topics.processEvents, fromBeginning: true });

  const lifetime = await runConsumer(consumer, {
    eachBatchAutoResolve: false,
    eachBatch: (payload) =>
      projectBatch(payload, projection, cipher, (message, reason) =>
        sendToDeadLetter(
          deadLetters,
          config.kafka.topics.deadLetter,
          { topic: payload.batch.topic, partition: payload.batch.partition, message },
          reason,
        ).then(() => eventsDeadLettered.inc({ check: reason.check })),
      ),
  });
  const recorder = await startDeadLetterRecorder(config, dataSource);
  return {
    done: Promise.all([lifetime.done, recorder.done]).then(() => undefined),
    shutdown: async () => {
      await Promise.all([lifetime.stop(), recorder.stop()]);
      await deadLetters.disconnect();
      await dataSource.destroy();
    },
  };
}

async function projectBatch(
  { batch, resolveOffset, heartbeat, isRunning, isStale }: EachBatchPayload,
  projection: ProcessProjection,
  cipher: FieldCipher,
  deadLetter: (message: KafkaMessage, reason: DeadLetterReason) => Promise<void>,
): Promise<void> {
  for (let from = 0; from < batch.messages.length; from += MAX_EVENTS_PER_TRANSACTION) {
    if (!isRunning() || isStale()) return;
    const messages = batch.messages.slice(from, from + MAX_EVENTS_PER_TRANSACTION);
    const events: ProcessEvent[] = [];
    for (const message of messages) {
      const event = await opened(batch.topic, message, cipher, (reason) => deadLetter(message, reason));
      if (event) events.push(event);
    }
    if (events.length > 0) {
      const applying = { attributes: { 'messaging.batch.message_count': events.length } };
      // A database failure is thrown: kafkajs fetches the batch again and commits nothing of it.
      await inSpan(`apply ${PROCESS_EVENTS} batch`, applying, () => projection.applyAll(events));
      for (const event of events) lag.observe(Math.max(0, Date.now() - Date.parse(event.time)) / 1000);
      eventsApplied.inc(events.length);
      lastApplied.set(Date.parse((events.at(-1) as ProcessEvent).time) / 1000);
    }
    resolveOffset((messages.at(-1) as KafkaMessage).offset);
    await heartbeat();
  }
}

/**
 * One message checked and opened, in a span that continues the trace the event was published in
 * (the action that caused it); undefined once a message that breaks the contract or does not open
 * has been dead-lettered.
 */
async function opened(
  topic: string,
  message: KafkaMessage,
  cipher: FieldCipher,
  deadLetter: (reason: DeadLetterReason) => Promise<void>,
): Promise<ProcessEvent | undefined> {
  const parsed = parseJson(message.value);
  if (!parsed.ok) {
    await deadLetter({ check: 'parse', reason: `not JSON: ${parsed.error}` });
    return undefined;
  }
  const handling = {
    kind: SpanKind.CONSUMER,
    parent: traceContextOf(parsed.json) ?? ROOT_CONTEXT,
    attributes: {
      'messaging.system': 'kafka',
      'messaging.operation.type': 'process',
      'messaging.destination.name': topic,
    },
  };
  return inSpan(`process ${PROCESS_EVENTS}`, handling, async (span) => {
    const event = sealedProcessEvent.safeParse(parsed.json);
    if (!event.success) {
      const reason = event.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`).join('; ');
      await deadLetter({ check: 'schema', reason });
      return undefined;
    }
    span.setAttribute('messaging.message.id', event.data.id);
    try {
      return openProcessEvent(event.data, cipher);
    } catch (err) {
      // No retry opens it (a key this installation lacks, or altered bytes): it must not hold the partition.
      const reason = err instanceof SealedValueError ? `${err.code}: ${err.message}` : String(err);
      await deadLetter({ check: 'sealed', reason });
      return undefined;
    }
  });
}
