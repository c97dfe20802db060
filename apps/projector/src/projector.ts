import type { EachMessagePayload } from 'kafkajs';
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

/** Process events are many types (`comity.<process>.<action>.v1`): their spans share one name. */
const PROCESS_EVENTS = 'comity.process-event';

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
 * Consumes process events into the read model. The offset of a message is committed only after
 * it is stored (or dead-lettered when it breaks the contract or its sealed fields do not open); a
 * database failure is thrown so kafkajs retries the message instead of skipping it.
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
    eachMessage: (message) =>
      project(message, projection, cipher, (reason) =>
        sendToDeadLetter(deadLetters, config.kafka.topics.deadLetter, message, reason).then(() =>
          eventsDeadLettered.inc({ check: reason.check }),
        ),
      ),
  });
  return {
    done: lifetime.done,
    shutdown: async () => {
      await lifetime.stop();
      await deadLetters.disconnect();
      await dataSource.destroy();
    },
  };
}

async function project(
  origin: EachMessagePayload,
  projection: ProcessProjection,
  cipher: FieldCipher,
  deadLetter: (reason: DeadLetterReason) => Promise<void>,
): Promise<void> {
  const parsed = parseJson(origin.message.value);
  if (!parsed.ok) return deadLetter({ check: 'parse', reason: `not JSON: ${parsed.error}` });
  // The span continues the trace the event was published in (the action that caused it).
  const handling = {
    kind: SpanKind.CONSUMER,
    parent: traceContextOf(parsed.json) ?? ROOT_CONTEXT,
    attributes: {
      'messaging.system': 'kafka',
      'messaging.operation.type': 'process',
      'messaging.destination.name': origin.topic,
    },
  };
  await inSpan(`process ${PROCESS_EVENTS}`, handling, async (span) => {
    const event = sealedProcessEvent.safeParse(parsed.json);
    if (!event.success) {
      const reason = event.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`).join('; ');
      return deadLetter({ check: 'schema', reason });
    }
    span.setAttribute('messaging.message.id', event.data.id);
    let opened: ProcessEvent;
    try {
      opened = openProcessEvent(event.data, cipher);
    } catch (err) {
      // No retry opens it (a key this installation lacks, or altered bytes): it must not hold the partition.
      const reason = err instanceof SealedValueError ? `${err.code}: ${err.message}` : String(err);
      return deadLetter({ check: 'sealed', reason });
    }
    // A database failure is thrown: kafkajs retries the message and does not commit its offset.
    await projection.apply(opened);
    const at = Date.parse(opened.time);
    eventsApplied.inc();
    lag.observe(Math.max(0, Date.now() - at) / 1000);
    lastApplied.set(at / 1000);
  });
}
