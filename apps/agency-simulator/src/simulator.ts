import { createHash, randomUUID } from 'node:crypto';
import type { EachMessagePayload } from 'kafkajs';
import type { ComityConfig } from '@comity/config';
import { AGENCY_RESPONSE_TYPE, agencyTask, type AgencyResponse } from '@comity/events';
import {
  SIMULATOR_GROUP_PREFIX,
  connectProducer,
  createKafka,
  parseJson,
  runConsumer,
  sendCloudEvent,
} from '@comity/kafka';
import { answersFor } from './answer-policy';
import type { SimulatorConfig } from './simulator-config';

export interface RunningSimulator {
  readonly done: Promise<void>;
  /** How many answers it has sent. */
  answered(): number;
  shutdown(): Promise<void>;
}

/**
 * Plays agencies as their own systems would: it reads the agency-tasks topic, and answers each
 * task addressed to one of its agencies on the agency-responses topic after the configured delay.
 * Answers carry an idempotency key derived from the task, so re-answering after a restart is harmless.
 */
export async function startSimulator(config: ComityConfig, scenario: SimulatorConfig): Promise<RunningSimulator> {
  const agencies = new Map(scenario.agencies.map((a) => [a.agencyId, a]));
  // Like each agency's own system, a simulator reads every task in a consumer group of its own:
  // one per topic and set of agencies played, so two simulators never split the tasks between them
  // and a simulator of another run (another topic) never holds up this one's group.
  const played = createHash('sha256')
    .update([config.kafka.topics.agencyTasks, ...[...agencies.keys()].sort()].join('\n'))
    .digest('hex')
    .slice(0, 12);
  const kafka = createKafka(config.kafka, `simulator-${played}`);
  const producer = await connectProducer(kafka);
  const consumer = kafka.consumer({ groupId: `${SIMULATOR_GROUP_PREFIX}${played}` });
  await consumer.connect();
  await consumer.subscribe({ topic: config.kafka.topics.agencyTasks, fromBeginning: true });
  const memory = new Map<string, Set<string>>();
  let sent = 0;

  const answer = async ({ message, heartbeat }: EachMessagePayload): Promise<void> => {
    const parsed = parseJson(message.value);
    const task = parsed.ok ? agencyTask.safeParse(parsed.json) : undefined;
    if (!task?.success) return;
    const agency = agencies.get(task.data.data.agencyId);
    if (!agency) return;
    const key = `${task.data.data.processId}/${agency.agencyId}`;
    const remembered = memory.get(key) ?? new Set<string>();
    memory.set(key, remembered);
    const answers = answersFor(task.data.data, agency.behaviour, remembered);
    await new Promise((resolve) => setTimeout(resolve, agency.delayMs));
    await heartbeat();
    for (const [i, a] of answers.entries()) {
      const response: AgencyResponse = {
        specversion: '1.0',
        id: randomUUID(),
        source: `agency-simulator/${agency.agencyId}`,
        type: AGENCY_RESPONSE_TYPE,
        subject: task.data.data.processId,
        time: new Date().toISOString(),
        datacontenttype: 'application/json',
        data: {
          taskId: task.data.data.taskId,
          processId: task.data.data.processId,
          agencyId: agency.agencyId,
          action: a.action,
          payload: a.payload ?? {},
          idempotencyKey: `${task.data.data.taskId}#${i}`,
        },
      };
      await sendCloudEvent(producer, config.kafka.topics.agencyResponses, task.data.data.processId, response);
      sent += 1;
    }
  };
  // Tasks are keyed by agency, so each agency's stay in order while agencies answer side by side.
  const lifetime = await runConsumer(consumer, { eachMessage: answer, partitionsConsumedConcurrently: 6 });

  return {
    done: lifetime.done,
    answered: () => sent,
    shutdown: async () => {
      await lifetime.stop();
      await producer.disconnect();
    },
  };
}
