import type { EachMessagePayload } from 'kafkajs';
import type { ComityConfig } from '@comity/config';
import { connectProducer, createKafka, parseJson, runConsumer, sendToDeadLetter } from '@comity/kafka';
import { connectTemporalClient } from '@comity/temporal';
import { handleAgencyResponse } from './response-handler';

export interface RunningBridge {
  readonly done: Promise<void>;
  shutdown(): Promise<void>;
}

/**
 * Applies agencies' answers from the agency-responses topic to their workflows. A message's offset
 * is committed only after it is applied or dead-lettered; answers for one process share a key and
 * so a partition, and are applied in order.
 */
export async function startBridge(config: ComityConfig): Promise<RunningBridge> {
  const temporal = await connectTemporalClient(config.temporal);
  const kafka = createKafka(config.kafka, 'bridge');
  const deadLetters = await connectProducer(kafka);
  // A short session lets a restarted bridge take over a crashed one's partitions within seconds.
  const consumer = kafka.consumer({
    groupId: config.kafka.bridgeGroup,
    sessionTimeout: 10_000,
    heartbeatInterval: 1_000,
  });
  await consumer.connect();
  await consumer.subscribe({ topic: config.kafka.topics.agencyResponses, fromBeginning: true });

  const apply = async (origin: EachMessagePayload): Promise<void> => {
    const parsed = parseJson(origin.message.value);
    const verdict = parsed.ok
      ? await handleAgencyResponse(temporal.client, parsed.json)
      : ({ outcome: 'dead-letter', check: 'parse', reason: `not JSON: ${parsed.error}` } as const);
    if (verdict.outcome === 'dead-letter') {
      await sendToDeadLetter(deadLetters, config.kafka.topics.deadLetter, origin, verdict);
    }
  };
  // Partitions are applied side by side (each still in order, so one process's answers stay in
  // order): one at a time, each answer's round trip to Temporal (~100 ms on the dev server) capped
  // the whole system at ~10 answers/s, 1.4 MLAs/s (docs/benchmarks.md).
  const lifetime = await runConsumer(consumer, { eachMessage: apply, partitionsConsumedConcurrently: 6 });

  return {
    done: lifetime.done,
    shutdown: async () => {
      await lifetime.stop();
      await deadLetters.disconnect();
      await temporal.connection.close();
    },
  };
}
