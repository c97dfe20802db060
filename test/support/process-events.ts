import { processEvent, type ProcessEvent } from '@comity/events';
import { waitFor } from './apps';
import { TopicObserver } from './topic-observer';

/** Reads a process-events topic, validating every message against the contract. */
export class ProcessEventObserver extends TopicObserver {
  get events(): ProcessEvent[] {
    return this.messages.map((m) => processEvent.parse(JSON.parse(m.value)));
  }

  of(processId: string): ProcessEvent[] {
    return this.events.filter((e) => e.subject === processId);
  }

  /** Waits until the process's events include one with this action, then returns them all. */
  untilAction(processId: string, action: string, timeoutMs = 30_000): Promise<ProcessEvent[]> {
    return waitFor(
      `${processId}: event ${action}`,
      async () => {
        const events = this.of(processId);
        return events.some((e) => e.data.action === action) ? events : undefined;
      },
      timeoutMs,
    );
  }
}
