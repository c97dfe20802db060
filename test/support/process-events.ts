import { Kafka, logLevel, type Consumer } from 'kafkajs';
import { processEvent, type ProcessEvent } from '@comity/events';
import { waitFor } from './apps';

/** Reads a process-events topic from the start, validating every message against the contract. */
export class ProcessEventObserver {
  readonly events: ProcessEvent[] = [];
  private readonly consumer: Consumer;

  constructor(brokers: string[], groupId: string) {
    this.consumer = new Kafka({ clientId: 'e2e-observer', brokers, logLevel: logLevel.WARN }).consumer({ groupId });
  }

  async start(topic: string): Promise<void> {
    await this.consumer.connect();
    await this.consumer.subscribe({ topic, fromBeginning: true });
    await this.consumer.run({
      eachMessage: async ({ message }) => {
        this.events.push(processEvent.parse(JSON.parse(message.value?.toString() ?? '')));
      },
    });
  }

  of(processId: string): ProcessEvent[] {
    return this.events.filter((e) => e.subject === processId);
  }

  /** Waits until the process's events include one with this action, then returns them all. */
  until(processId: string, action: string, timeoutMs = 30_000): Promise<ProcessEvent[]> {
    return waitFor(
      `${processId}: event ${action}`,
      async () => {
        const events = this.of(processId);
        return events.some((e) => e.data.action === action) ? events : undefined;
      },
      timeoutMs,
    );
  }

  stop(): Promise<void> {
    return this.consumer.disconnect();
  }
}
