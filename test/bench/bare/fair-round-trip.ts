import type { Client } from '@temporalio/client';
import { Context as ActivityContext } from '@temporalio/activity';
import type { EachMessagePayload, Kafka, Producer } from 'kafkajs';
import { connectProducer, runConsumer } from '@comity/kafka';
import { type BareActivities, type BareStep, bareStepUpdate } from './bare.workflow';

/** The fair baseline's topics, with as many partitions as Comity's busiest. */
export const FAIR_TOPICS = { tasks: 'bench.fair.tasks', answers: 'bench.fair.answers', events: 'bench.fair.events' };
const PARTITIONS = 6;

/** A fair baseline task on Kafka. */
export interface FairTask {
  readonly processId: string;
  readonly index: number;
  readonly assignedAt: number;
}

/**
 * The updates an agency sends when it receives the task of step `index`: the next step's, and while
 * a step opens no task of its own, the one after it too (an MLA's agency acknowledges, then answers
 * without a new task in between) — 7 answers to an MLA's 5 tasks, as Comity's simulator sends.
 */
export function answersFor(steps: readonly { readonly task: boolean }[], index: number): number[] {
  const answers: number[] = [];
  for (let next = index + 1; next < steps.length; next++) {
    answers.push(next);
    if (steps[next]?.task) break;
  }
  return answers;
}

/**
 * The fair baseline's Kafka round trip, with nothing of Comity in it: the step activity produces
 * the task and the event (Comity's producer settings), an agency's consumer group receives the task
 * and produces its answers, and a bridge's consumer group receives each answer and sends the
 * workflow its update — consumers configured as Comity's simulator's and bridge's are. No codec, no
 * signatures, no contracts, no read model.
 */
export async function startFairRoundTrip(kafka: Kafka, client: Client, steps: readonly { readonly task: boolean }[]) {
  const admin = kafka.admin();
  await admin.connect();
  await admin.createTopics({
    waitForLeaders: true,
    topics: Object.values(FAIR_TOPICS).map((topic) => ({ topic, numPartitions: PARTITIONS, replicationFactor: 1 })),
  });
  await admin.disconnect();
  // A producer each, as the worker, the agency and the bridge each have their own.
  const [worker, agency, bridge] = [
    await connectProducer(kafka),
    await connectProducer(kafka),
    await connectProducer(kafka),
  ];
  const send = (producer: Producer, topic: string, key: string, value: object) =>
    producer.send({ topic, acks: -1, messages: [{ key, value: JSON.stringify(value) }] });

  const activities: BareActivities = {
    async step(step: BareStep): Promise<void> {
      const processId = ActivityContext.current().info.workflowExecution?.workflowId;
      if (!processId) throw new Error('the step activity runs only inside a workflow');
      if (step.task) await send(worker, FAIR_TOPICS.tasks, processId, { processId, ...step } satisfies FairTask);
      await send(worker, FAIR_TOPICS.events, processId, { processId, index: step.index, at: step.assignedAt });
    },
  };

  const agencyConsumer = kafka.consumer({ groupId: 'bench-fair-agency' });
  const consumerOptions = { sessionTimeout: 10_000, heartbeatInterval: 1_000 };
  const bridgeConsumer = kafka.consumer({ groupId: 'bench-fair-bridge', ...consumerOptions });
  await Promise.all([agencyConsumer.connect(), bridgeConsumer.connect()]);
  await agencyConsumer.subscribe({ topic: FAIR_TOPICS.tasks, fromBeginning: true });
  await bridgeConsumer.subscribe({ topic: FAIR_TOPICS.answers, fromBeginning: true });
  const parse = <T>({ message }: EachMessagePayload) => JSON.parse(message.value?.toString() ?? '{}') as T;
  const lifetimes = await Promise.all([
    runConsumer(agencyConsumer, {
      partitionsConsumedConcurrently: 3,
      eachMessage: async (payload) => {
        const task = parse<FairTask>(payload);
        for (const update of answersFor(steps, task.index)) {
          await send(agency, FAIR_TOPICS.answers, task.processId, { processId: task.processId, update });
        }
      },
    }),
    runConsumer(bridgeConsumer, {
      partitionsConsumedConcurrently: 6,
      eachMessage: async (payload) => {
        const answer = parse<{ processId: string; update: number }>(payload);
        await client.workflow.getHandle(answer.processId).executeUpdate(bareStepUpdate);
      },
    }),
  ]);
  return {
    activities,
    async stop(): Promise<void> {
      await Promise.all(lifetimes.map((l) => l.stop()));
      await Promise.all([worker, agency, bridge].map((p) => p.disconnect()));
    },
  };
}
