import { randomUUID } from 'node:crypto';
import type { JWK } from 'jose';
import type { EachMessagePayload } from 'kafkajs';
import {
  TASK_JWS_TYPE,
  encryptAnswer,
  installationKeys,
  onboardAgencies,
  signInWithRetry,
  signAnswer,
  verifySigned,
  type AgencyCredentials,
  type VerificationKey,
} from '@comity/auth';
import type { ComityConfig } from '@comity/config';
import { AGENCY_RESPONSE_TYPE, JOSE_CONTENT_TYPE, agencyTask, type AgencyResponse } from '@comity/events';
import { connectProducer, createKafka, inPublishSpan, runConsumer, type ConsumerLifetime } from '@comity/kafka';
import { ROOT_CONTEXT, SpanKind, counter, inSpan, log, traceContextOf, withTraceContext } from '@comity/observability';
import { answersFor } from './answer-policy';
import type { SimulatorConfig } from './simulator-config';

const answersSent = counter<'agency'>({
  name: 'comity_simulator_answers_sent_total',
  help: 'Answers the simulated agencies sent, by agency',
  labelNames: ['agency'],
});
const tasksIgnored = counter<'agency'>({
  name: 'comity_simulator_tasks_ignored_total',
  help: 'Tasks the simulated agencies ignored because they did not verify, by agency',
  labelNames: ['agency'],
});

export interface RunningSimulator {
  readonly done: Promise<void>;
  /** How many answers it has sent. */
  answered(): number;
  shutdown(): Promise<void>;
}

/**
 * Plays agencies as their own systems would, each with its own broker credential and signing key
 * (onboarded through the agency registry at start): it reads the agency's own task topic, checks
 * each task's signature against the installation's keys, and after the configured delay answers on
 * the agency's answer topic, signed with the agency's key. Answers carry an idempotency key derived
 * from the task, so re-answering after a restart is harmless.
 */
export async function startSimulator(config: ComityConfig, scenario: SimulatorConfig): Promise<RunningSimulator> {
  const onboarded = await onboardAgencies(
    config,
    scenario.agencies.map((a) => ({ agencyId: a.agencyId, state: a.behaviour.state })),
  );
  const installation = await installationKeys(config);
  const trusted: VerificationKey[] = installation
    .filter((jwk) => jwk.use === 'sig')
    .map((jwk) => ({ kid: String(jwk.kid), algorithm: 'EdDSA', publicJwk: jwk }));
  const recipient = installation.find((jwk) => jwk.use === 'enc');
  if (!recipient) throw new Error('the installation publishes no key to encrypt answers to');
  let sent = 0;
  /** What each agency already did in each process (answer-policy), so it never answers the same step twice. */
  const memories = new Map<string, Set<string>>();
  const remembered = (processId: string, agencyId: string): Set<string> => {
    const key = `${processId}/${agencyId}`;
    const memory = memories.get(key) ?? new Set<string>();
    memories.set(key, memory);
    return memory;
  };
  /**
   * The answers decided for each task: a task delivered again (a retried publish, or a redelivery
   * after a failed send) gets the same answers with the same idempotency keys, which the bridge
   * applies once — deciding afresh would read the memory the first decision changed.
   */
  const decided = new Map<string, readonly Answer[]>();
  const played = await Promise.all(
    onboarded.map((credentials) => {
      const agency = scenario.agencies.find((a) => a.agencyId === credentials.agencyId);
      if (!agency) throw new Error(`not in the scenario: ${credentials.agencyId}`);
      return playAgency(config, credentials, { trusted, recipient }, async (task, answer) => {
        const answers =
          decided.get(task.data.taskId) ??
          answersFor(task.data, agency.behaviour, remembered(task.data.processId, agency.agencyId));
        decided.set(task.data.taskId, answers);
        await new Promise((resolve) => setTimeout(resolve, agency.delayMs));
        await answer(answers);
        sent += answers.length;
      });
    }),
  );

  return {
    done: Promise.all(played.map((p) => p.done)).then(() => undefined),
    answered: () => sent,
    shutdown: async () => {
      await Promise.all(played.map((p) => p.stop()));
    },
  };
}

type Task = ReturnType<typeof agencyTask.parse>;
type Answer = { action: string; payload?: Record<string, unknown> };

/** One agency's system: its consumer of its task topic and its producer of signed answers. */
async function playAgency(
  config: ComityConfig,
  credentials: AgencyCredentials,
  installation: { readonly trusted: readonly VerificationKey[]; readonly recipient: JWK },
  onTask: (task: Task, answer: (answers: readonly Answer[]) => Promise<void>) => Promise<void>,
): Promise<ConsumerLifetime> {
  const kafka = createKafka(
    {
      ...config.kafka,
      sasl: { mechanism: 'scram-sha-512', username: credentials.principal, password: credentials.password },
    },
    `agency-${credentials.agencyId}`,
  );
  const producer = await signInWithRetry(() => connectProducer(kafka));
  const consumer = kafka.consumer({ groupId: `${credentials.groupPrefix}simulator` });
  await consumer.connect();
  await consumer.subscribe({ topic: credentials.tasksTopic, fromBeginning: true });

  const eachMessage = async ({ message, heartbeat }: EachMessagePayload): Promise<void> => {
    // A task not signed by the installation is not acted on: anyone else may have written it.
    const verified = await verifySigned(message.value?.toString('utf8') ?? '', TASK_JWS_TYPE, installation.trusted);
    const task = verified.ok ? agencyTask.safeParse(verified.json) : undefined;
    if (!task?.success) {
      tasksIgnored.inc({ agency: credentials.agencyId });
      log.warn('ignored a task that does not verify', { agencyId: credentials.agencyId });
      return;
    }
    // The agency's system continues the installation's trace (the task's signed traceparent).
    const handling = {
      kind: SpanKind.CONSUMER,
      parent: traceContextOf(task.data) ?? ROOT_CONTEXT,
      attributes: {
        'messaging.system': 'kafka',
        'messaging.operation.type': 'process',
        'messaging.destination.name': credentials.tasksTopic,
        'messaging.message.id': task.data.id,
        'comity.agency.id': credentials.agencyId,
      },
    };
    await inSpan(`process ${task.data.type}`, handling, () =>
      onTask(task.data, async (answers) => {
        await heartbeat();
        for (const [i, a] of answers.entries()) {
          const response: AgencyResponse = {
            specversion: '1.0',
            id: randomUUID(),
            source: `agency-simulator/${credentials.agencyId}`,
            type: AGENCY_RESPONSE_TYPE,
            subject: task.data.data.processId,
            time: new Date().toISOString(),
            datacontenttype: 'application/json',
            data: {
              taskId: task.data.data.taskId,
              processId: task.data.data.processId,
              action: a.action,
              payload: a.payload ?? {},
              idempotencyKey: `${task.data.data.taskId}#${i}`,
            },
          };
          await inPublishSpan(credentials.answersTopic, response, async () =>
            producer.send({
              topic: credentials.answersTopic,
              acks: -1,
              messages: [
                {
                  key: task.data.data.processId,
                  // Signed by the agency, then encrypted to the installation: the broker sees neither content nor signer's words.
                  value: await encryptAnswer(
                    await signAnswer(withTraceContext(response), credentials.kid, credentials.privateKey),
                    installation.recipient,
                  ),
                  headers: { 'content-type': JOSE_CONTENT_TYPE },
                },
              ],
            }),
          );
          answersSent.inc({ agency: credentials.agencyId });
        }
      }),
    );
  };
  const lifetime = await runConsumer(consumer, { eachMessage, partitionsConsumedConcurrently: 3 });
  return {
    done: lifetime.done,
    stop: async () => {
      await lifetime.stop();
      await producer.disconnect();
    },
  };
}
