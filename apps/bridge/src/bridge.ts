import type { EachMessagePayload, IHeaders, KafkaMessage, Producer } from 'kafkajs';
import { parseActionKeys } from '@comity/auth';
import type { ComityConfig } from '@comity/config';
import { connectProducer, createKafka, parseJson, runConsumer, sendToDeadLetter } from '@comity/kafka';
import { connectTemporalClient } from '@comity/temporal';
import { checkDepth, checkSize, handleAgencyResponse, processIdOf, type Verdict } from './response-handler';

export interface RunningBridge {
  readonly done: Promise<void>;
  shutdown(): Promise<void>;
}

/** Headers of an answer parked on the retry topic: why, and where it came from. */
export const RetryHeaders = {
  reason: 'comity-retry-reason',
  notBefore: 'comity-retry-not-before',
  originalTopic: 'comity-original-topic',
  originalPartition: 'comity-original-partition',
  originalOffset: 'comity-original-offset',
} as const;

/**
 * Applies agencies' answers from the agency-responses topic to their workflows, and makes sure no
 * answer holds up another. Each answer is applied, dead-lettered with a reason, or parked on the
 * retry topic; the main lane never waits on a process that does not accept its update (its
 * workflow task failing, say). The retry lane tries each parked answer again with a doubling pause
 * and gives up — dead-letters it — after the configured attempts, so every answer is settled
 * within a bounded time. While a process has answers parked, its later answers are parked behind
 * them, so one process's answers are still applied in order. A message's offset is committed only
 * once it is applied, dead-lettered or parked. Temporal being unreachable is not counted against
 * any answer: the lane waits where it is, and nothing is lost.
 */
export async function startBridge(config: ComityConfig): Promise<RunningBridge> {
  const { topics, bridgeGroup } = config.kafka;
  const settings = config.bridge;
  const temporal = await connectTemporalClient(config.temporal);
  const kafka = createKafka(config.kafka, 'bridge');
  const producer = await connectProducer(kafka);
  /** Answers parked on the retry topic and not yet settled, by process. */
  const parked = new Map<string, number>();
  const settle = (processId: string | undefined) => {
    if (processId === undefined) return;
    const left = (parked.get(processId) ?? 1) - 1;
    if (left > 0) parked.set(processId, left);
    else parked.delete(processId);
  };
  const keys = parseActionKeys(config.temporal.actionKeys);
  const handle = (json: unknown) =>
    handleAgencyResponse(temporal.client, json, { updateTimeoutMs: settings.updateTimeoutMs, keys });

  const park = async (origin: EachMessagePayload, processId: string | undefined, reason: string, delayMs: number) => {
    await producer.send({
      topic: topics.agencyResponsesRetry,
      acks: -1,
      messages: [
        {
          key: origin.message.key,
          value: origin.message.value,
          headers: {
            ...origin.message.headers,
            [RetryHeaders.reason]: reason.slice(0, 500),
            [RetryHeaders.notBefore]: String(Date.now() + delayMs),
            [RetryHeaders.originalTopic]: origin.topic,
            [RetryHeaders.originalPartition]: String(origin.partition),
            [RetryHeaders.originalOffset]: origin.message.offset,
          },
        },
      ],
    });
    if (processId !== undefined) parked.set(processId, (parked.get(processId) ?? 0) + 1);
    console.log(`bridge: parked an answer${processId ? ` for ${processId}` : ''} on the retry topic: ${reason}`);
  };

  const applyFirst = async (origin: EachMessagePayload): Promise<void> => {
    const tooLarge = checkSize(origin.message.value);
    if (tooLarge) return deadLetter(producer, topics.deadLetter, origin, tooLarge);
    const parsed = parseJson(origin.message.value);
    if (!parsed.ok) {
      const verdict: Verdict = { outcome: 'dead-letter', check: 'parse', reason: `not JSON: ${parsed.error}` };
      return deadLetter(producer, topics.deadLetter, origin, verdict);
    }
    const tooDeep = checkDepth(parsed.json);
    if (tooDeep) return deadLetter(producer, topics.deadLetter, origin, tooDeep);
    const processId = processIdOf(parsed.json);
    if (processId !== undefined && parked.has(processId)) {
      return park(origin, processId, 'behind an earlier answer of the same process that waits to be retried', 0);
    }
    const verdict = await withHeartbeats(origin, () => handle(parsed.json));
    if (verdict.outcome === 'retry') return park(origin, processId, verdict.reason, settings.retryBackoffMs);
    if (verdict.outcome === 'dead-letter') await deadLetter(producer, topics.deadLetter, origin, verdict);
  };

  const applyParked = async (parkedAnswer: EachMessagePayload): Promise<void> => {
    const { message } = parkedAnswer;
    const parsed = parseJson(message.value);
    const json = parsed.ok ? parsed.json : undefined;
    const processId = processIdOf(json);
    let notBefore = Number(header(message.headers, RetryHeaders.notBefore)) || 0;
    let verdict: Verdict = { outcome: 'retry', reason: header(message.headers, RetryHeaders.reason) ?? 'parked' };
    for (let attempt = 1; verdict.outcome === 'retry'; attempt += 1) {
      await waitUntil(notBefore, parkedAnswer.heartbeat);
      const outcome = await withHeartbeats(parkedAnswer, () => handle(json));
      if (outcome.outcome !== 'retry') verdict = outcome;
      else if (attempt >= settings.retryAttempts) {
        verdict = {
          outcome: 'dead-letter',
          check: 'retry',
          reason: `not applied after ${attempt} attempts: ${outcome.reason}`,
          code: 'RETRIES_EXHAUSTED',
        };
      } else {
        verdict = outcome;
        notBefore = Date.now() + Math.min(settings.retryBackoffMs * 2 ** attempt, MAX_BACKOFF_MS);
      }
    }
    if (verdict.outcome === 'dead-letter') {
      const original = {
        topic: header(message.headers, RetryHeaders.originalTopic) ?? parkedAnswer.topic,
        partition: Number(header(message.headers, RetryHeaders.originalPartition) ?? parkedAnswer.partition),
        message: { ...message, offset: header(message.headers, RetryHeaders.originalOffset) ?? message.offset },
      };
      await deadLetter(producer, topics.deadLetter, original, verdict);
    }
    settle(processId);
  };

  // A short session lets a restarted bridge take over a crashed one's partitions within seconds.
  const consumerOptions = { sessionTimeout: 10_000, heartbeatInterval: 1_000 };
  const consumer = kafka.consumer({ groupId: bridgeGroup, ...consumerOptions });
  const retryConsumer = kafka.consumer({ groupId: `${bridgeGroup}-retry`, ...consumerOptions });
  await Promise.all([consumer.connect(), retryConsumer.connect()]);
  await consumer.subscribe({ topic: topics.agencyResponses, fromBeginning: true });
  await retryConsumer.subscribe({ topic: topics.agencyResponsesRetry, fromBeginning: true });
  // Partitions are applied side by side (each still in order, so one process's answers stay in
  // order): one at a time, each answer's round trip to Temporal (~100 ms on the dev server) capped
  // the whole system at ~10 answers/s, 1.4 MLAs/s (docs/benchmarks.md).
  const lifetimes = await Promise.all([
    runConsumer(consumer, { eachMessage: applyFirst, partitionsConsumedConcurrently: 6 }),
    runConsumer(retryConsumer, { eachMessage: applyParked, partitionsConsumedConcurrently: 3 }),
  ]);

  return {
    done: Promise.all(lifetimes.map((l) => l.done)).then(() => undefined),
    shutdown: async () => {
      await Promise.all(lifetimes.map((l) => l.stop()));
      await producer.disconnect();
      await temporal.connection.close();
    },
  };
}

const MAX_BACKOFF_MS = 60_000;
const HEARTBEAT_EVERY_MS = 1_000;

async function deadLetter(
  producer: Producer,
  topic: string,
  origin: { topic: string; partition: number; message: KafkaMessage },
  verdict: Verdict,
): Promise<void> {
  if (verdict.outcome !== 'dead-letter') return;
  await sendToDeadLetter(producer, topic, origin, verdict);
  console.log(
    `bridge: dead-lettered an answer (${verdict.check}${verdict.code ? `, ${verdict.code}` : ''}): ${verdict.reason}`,
  );
}

/** Runs `work`, telling the group coordinator all the while that this consumer is alive. */
async function withHeartbeats<T>(payload: EachMessagePayload, work: () => Promise<T>): Promise<T> {
  const beat = setInterval(() => void payload.heartbeat().catch(() => undefined), HEARTBEAT_EVERY_MS);
  try {
    return await work();
  } finally {
    clearInterval(beat);
  }
}

/** Waits until the time given (epoch ms), heartbeating, in steps of at most a second. */
async function waitUntil(at: number, heartbeat: () => Promise<void>): Promise<void> {
  for (let left = at - Date.now(); left > 0; left = at - Date.now()) {
    await new Promise((resolve) => setTimeout(resolve, Math.min(left, HEARTBEAT_EVERY_MS)));
    await heartbeat().catch(() => undefined);
  }
}

function header(headers: IHeaders | undefined, name: string): string | undefined {
  const value = headers?.[name];
  const first = Array.isArray(value) ? value[0] : value;
  return first === undefined ? undefined : first.toString();
}
