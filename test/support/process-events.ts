import type { FieldCipher, ProcessEvent } from '@comity/events';
import { waitFor } from './apps';
import { openMessage } from './sealing';
import { TopicObserver } from './topic-observer';

/** Reads a process-events topic as Comity's consumers do: every message checked against the contract and opened. */
export class ProcessEventObserver extends TopicObserver {
  constructor(
    brokers: string[],
    groupId: string,
    private readonly cipher: FieldCipher,
  ) {
    super(brokers, groupId);
  }

  get events(): ProcessEvent[] {
    return this.messages.map((m) => openMessage(m.value, this.cipher));
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
