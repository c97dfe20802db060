import type { EachMessagePayload, Producer } from 'kafkajs';
import type { ComityConfig } from '@comity/config';
import { AesGcmFieldCipher, codecKeysFromConfig, SealedValueError } from '@comity/crypto';
import { openProcessEvent, sealedProcessEvent, type FieldCipher, type ProcessEvent } from '@comity/events';
import { connectProducer, createKafka, parseJson, runConsumer, sendToDeadLetter } from '@comity/kafka';
import { openReadModel, ProcessProjection } from '@comity/persistence';

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
    eachMessage: (message) => project(message, projection, cipher, deadLetters, config.kafka.topics.deadLetter),
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
  deadLetters: Producer,
  deadLetterTopic: string,
): Promise<void> {
  const parsed = parseJson(origin.message.value);
  if (!parsed.ok) {
    await sendToDeadLetter(deadLetters, deadLetterTopic, origin, {
      check: 'parse',
      reason: `not JSON: ${parsed.error}`,
    });
    return;
  }
  const event = sealedProcessEvent.safeParse(parsed.json);
  if (!event.success) {
    const reason = event.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`).join('; ');
    await sendToDeadLetter(deadLetters, deadLetterTopic, origin, { check: 'schema', reason });
    return;
  }
  let opened: ProcessEvent;
  try {
    opened = openProcessEvent(event.data, cipher);
  } catch (err) {
    // No retry opens it (a key this installation lacks, or altered bytes): it must not hold the partition.
    const reason = err instanceof SealedValueError ? `${err.code}: ${err.message}` : String(err);
    await sendToDeadLetter(deadLetters, deadLetterTopic, origin, { check: 'sealed', reason });
    return;
  }
  // A database failure is thrown: kafkajs retries the message and does not commit its offset.
  await projection.apply(opened);
}
