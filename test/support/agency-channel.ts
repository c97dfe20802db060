import { randomUUID } from 'node:crypto';
import type { Producer } from 'kafkajs';
import { AGENCY_RESPONSE_TYPE, type AgencyResponse } from '@comity/events';
import type { TestEnvironment } from './environment';
import { testKafka } from './kafka-access';
import { TopicObserver } from './topic-observer';

/** An agency's answer as its system would put it on the answers topic: a CloudEvent around `data`. */
export function agencyAnswer(
  data: Record<string, unknown>,
): Omit<AgencyResponse, 'data'> & { data: Record<string, unknown> } {
  return {
    specversion: '1.0',
    id: randomUUID(),
    source: 'e2e/agency',
    type: AGENCY_RESPONSE_TYPE,
    subject: String(data['processId']),
    time: new Date().toISOString(),
    datacontenttype: 'application/json',
    data,
  };
}

/** The agencies' side of a test environment's Kafka: a producer of answers, and observers of tasks and dead letters. */
export interface AgencyChannel {
  readonly producer: Producer;
  readonly tasks: TopicObserver;
  readonly deadLetters: TopicObserver;
  close(): Promise<void>;
}

export async function openAgencyChannel(environment: TestEnvironment, clientId: string): Promise<AgencyChannel> {
  const producer = testKafka(clientId, environment.brokers).producer();
  await producer.connect();
  const tasks = await new TopicObserver(environment.brokers, `${environment.runId}-tasks`).start(
    environment.topics.agencyTasks,
  );
  const deadLetters = await new TopicObserver(environment.brokers, `${environment.runId}-dlq`).start(
    environment.topics.deadLetter,
  );
  return {
    producer,
    tasks,
    deadLetters,
    close: async () => {
      await Promise.all([tasks.stop(), deadLetters.stop(), producer.disconnect()]);
    },
  };
}
