import type { EachMessagePayload, IHeaders, KafkaMessage, Producer } from 'kafkajs';
import { answerEncryptionKeys, parseActionKeys, registrySealingKeys } from '@comity/auth';
import type { ComityConfig } from '@comity/config';
import { AGENCY_RESPONSE_TYPE, agencyOfAnswersTopic } from '@comity/events';
import { connectProducer, createKafka, followTopics, runConsumer, sendToDeadLetter } from '@comity/kafka';
import { AgencyRegistry, CachedAgencyKeys, openReadModel } from '@comity/persistence';
import { codecKeysFromConfig } from '@comity/crypto';
import { ROOT_CONTEXT, SpanKind, counter, inSpan, log, traceContextOf } from '@comity/observability';
import { connectTemporalClient } from '@comity/temporal';
import {
  checkSize,
  handleAgencyResponse,
  openAnswer,
  processIdOf,
  type SignedAnswer,
  type Verdict,
} from './response-handler';

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
  /** The process the answer names (read once it was decrypted), to keep that process's answers in order. */
  process: 'comity-retry-process',
} as const;

const answersApplied = counter({
  name: 'comity_bridge_answers_applied_total',
  help: "Agencies' answers applied to their processes",
});
const answersDeadLettered = counter<'check' | 'code'>({
  name: 'comity_bridge_answers_dead_lettered_total',
  help: "Agencies' answers dead-lettered, by the check they failed and its code",
  labelNames: ['check', 'code'],
});
const answersParked = counter({
  name: 'comity_bridge_answers_parked_total',
  help: "Agencies' answers parked on the retry topic (each parking counts)",
});

/**
 * Applies agencies' answers from their answer topics to their workflows, and makes sure no answer
 * holds up another. The agency that answered is the one whose topic the answer came from (the
 * broker lets only it write there); the answer must be encrypted to the installation and signed
 * with a key the agency registered (the registry, read through a short cache), and the signed
 * answer is kept with the event it causes. The bridge follows new agencies' topics as they are
 * registered. Each answer is applied, dead-lettered with a reason, or parked on the retry topic;
 * the main lane never waits on a process that does not accept its update (its workflow task
 * failing, say). The retry lane tries each parked answer again with a doubling pause
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
  const admin = kafka.admin();
  await admin.connect();
  const keys = parseActionKeys(config.temporal.actionKeys);
  const decryption = answerEncryptionKeys(keys);
  const readModel = await openReadModel(config.database, codecKeysFromConfig(config.temporal.codec));
  const registry = new CachedAgencyKeys(
    new AgencyRegistry(readModel, registrySealingKeys(keys)),
    config.registry.cacheMs,
  );
  /** Answers parked on the retry topic and not yet settled, by process. */
  const parked = new Map<string, number>();
  const settle = (processId: string | undefined) => {
    if (processId === undefined) return;
    const left = (parked.get(processId) ?? 1) - 1;
    if (left > 0) parked.set(processId, left);
    else parked.delete(processId);
  };
  /** Decrypts and verifies an answer from the agency's topic: the agency is the topic's. */
  const open = async (value: Buffer | null, topic: string) => {
    const agencyId = agencyOfAnswersTopic(topics, topic);
    if (agencyId === undefined) {
      const verdict: Verdict = {
        outcome: 'dead-letter',
        check: 'channel',
        reason: `'${topic}' is not an agency's answer topic`,
      };
      return { verdict };
    }
    return openAnswer(value, agencyId, { decryption, verification: (id) => registry.keysOf(id) });
  };
  /**
   * One attempt at an answer, in a span that continues the agency's trace (its answer's
   * traceparent, format-checked, else a trace of its own); the update it sends carries the context on.
   */
  const apply = (answer: SignedAnswer, lane: 'answers' | 'retry') =>
    inSpan(
      `process ${AGENCY_RESPONSE_TYPE}`,
      {
        kind: SpanKind.CONSUMER,
        parent: traceContextOf(answer.json) ?? ROOT_CONTEXT,
        attributes: {
          'messaging.system': 'kafka',
          'messaging.operation.type': 'process',
          'comity.agency.id': answer.agencyId,
          'comity.bridge.lane': lane,
        },
      },
      async (span) => {
        const verdict = await handleAgencyResponse(temporal.client, answer, {
          updateTimeoutMs: settings.updateTimeoutMs,
          keys,
        });
        span.setAttribute('comity.answer.outcome', verdict.outcome);
        if (verdict.outcome === 'applied') answersApplied.inc();
        return verdict;
      },
    );

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
            ...(processId === undefined ? {} : { [RetryHeaders.process]: processId }),
          },
        },
      ],
    });
    if (processId !== undefined) parked.set(processId, (parked.get(processId) ?? 0) + 1);
    answersParked.inc();
    log.info('parked an answer on the retry topic', { processId, reason });
  };

  const applyFirst = async (origin: EachMessagePayload): Promise<void> => {
    const tooLarge = checkSize(origin.message.value);
    if (tooLarge) return deadLetter(producer, topics.deadLetter, origin, tooLarge);
    const opened = await open(origin.message.value, origin.topic);
    if ('verdict' in opened) return deadLetter(producer, topics.deadLetter, origin, opened.verdict);
    const processId = processIdOf(opened.answer.json);
    if (processId !== undefined && parked.has(processId)) {
      return park(origin, processId, 'behind an earlier answer of the same process that waits to be retried', 0);
    }
    const verdict = await withHeartbeats(origin, () => apply(opened.answer, 'answers'));
    if (verdict.outcome === 'retry') return park(origin, processId, verdict.reason, settings.retryBackoffMs);
    if (verdict.outcome === 'dead-letter') await deadLetter(producer, topics.deadLetter, origin, verdict);
  };

  const applyParked = async (parkedAnswer: EachMessagePayload): Promise<void> => {
    const { message } = parkedAnswer;
    // Only the bridge writes the retry topic: its headers say which agency's topic the answer came
    // from and which process it names. Each attempt opens the answer again (a key may be revoked since).
    const processId = header(message.headers, RetryHeaders.process);
    const answeredOn = header(message.headers, RetryHeaders.originalTopic) ?? '';
    const handle = async (): Promise<Verdict> => {
      const opened = await open(message.value, answeredOn);
      return 'verdict' in opened ? opened.verdict : apply(opened.answer, 'retry');
    };
    let notBefore = Number(header(message.headers, RetryHeaders.notBefore)) || 0;
    let verdict: Verdict = { outcome: 'retry', reason: header(message.headers, RetryHeaders.reason) ?? 'parked' };
    for (let attempt = 1; verdict.outcome === 'retry'; attempt += 1) {
      await waitUntil(notBefore, parkedAnswer.heartbeat);
      const outcome = await withHeartbeats(parkedAnswer, handle);
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
  const retryConsumer = kafka.consumer({ groupId: `${bridgeGroup}-retry`, ...consumerOptions });
  await retryConsumer.connect();
  await retryConsumer.subscribe({ topic: topics.agencyResponsesRetry, fromBeginning: true });
  // Partitions are applied side by side (each still in order, so one process's answers stay in
  // order): one at a time, each answer's round trip to Temporal (~100 ms on the dev server) capped
  // the whole system at ~10 answers/s, 1.4 MLAs/s (docs/benchmarks.md).
  const lifetimes = await Promise.all([
    followTopics(admin, {
      prefix: topics.agencyAnswersPrefix,
      refreshMs: settings.topicRefreshMs,
      consumer: () => kafka.consumer({ groupId: bridgeGroup, ...consumerOptions }),
      run: { eachMessage: applyFirst, partitionsConsumedConcurrently: 6 },
      log: (line) => log.info(line),
    }),
    runConsumer(retryConsumer, { eachMessage: applyParked, partitionsConsumedConcurrently: 3 }),
  ]);

  return {
    done: Promise.all(lifetimes.map((l) => l.done)).then(() => undefined),
    shutdown: async () => {
      await Promise.all(lifetimes.map((l) => l.stop()));
      await Promise.all([producer.disconnect(), admin.disconnect(), readModel.destroy()]);
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
  answersDeadLettered.inc({ check: verdict.check, code: verdict.code ?? '' });
  log.info('dead-lettered an answer', { check: verdict.check, code: verdict.code, reason: verdict.reason });
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
