import type { Offence } from './offence';
import type { Ledger } from './asset-ledger';
import type { PartyBinding } from './process-definition';

export const Priorities = ['urgent', 'high', 'normal'] as const;
export type Priority = (typeof Priorities)[number];

/** SIENA-style handling codes: H0 (no restriction) to H3 (strictest). */
export const HandlingCodes = ['H0', 'H1', 'H2', 'H3'] as const;
export type HandlingCode = (typeof HandlingCodes)[number];

/**
 * running: the process is in the deadline's stages and it has not fallen due;
 * expired: it fell due and the process is still there (overdue);
 * met / missed: the process left those stages (for another stage or a final one) before / after it fell due.
 */
export type DeadlineStatus = 'running' | 'expired' | 'met' | 'missed';

export interface DeadlineState {
  readonly id: string;
  readonly label: string;
  readonly startedAt: string;
  readonly dueAt: string;
  /** When reminders fall, ascending; those before `remindersSent` have been sent. */
  readonly reminders: readonly string[];
  readonly remindersSent: number;
  readonly status: DeadlineStatus;
}

/** Work addressed to the agency of the party a stage awaits; closed when the stage changes. */
export interface TaskState {
  readonly taskId: string;
  readonly agencyId: string;
  readonly party: string;
  readonly stage: string;
  readonly status: 'open' | 'closed';
  /** Set on a task that escalates a missed deadline (absent: the stage awaits the party). */
  readonly escalates?: string;
}

/** An action of this process another process of the case holds back (see HoldRule). */
export interface CaseHold {
  readonly id: string;
  readonly action: string;
  readonly heldBy: string;
  readonly reason: string;
}

/** What a running process knows about itself; owned by its workflow. */
export interface ProcessSnapshot {
  readonly processId: string;
  readonly type: string;
  readonly caseId?: string;
  /** Absent on processes started before offences were recorded, or when none was given. */
  readonly offence?: Offence;
  readonly legalBasis: string;
  readonly priority: Priority;
  readonly handlingCode: HandlingCode;
  readonly parties: Readonly<Record<string, PartyBinding>>;
  readonly stage: string;
  /** Number of events recorded so far; the next event's sequence. */
  readonly sequence: number;
  /** Facts recorded by actions (e.g. the translation's language), read by guards. */
  readonly facts: Readonly<Record<string, unknown>>;
  /** Asset amounts per currency and figure, for types whose statistics declare `amounts`. */
  readonly ledger?: Ledger;
  /** Actions other processes of the case hold back for now. */
  readonly holds?: readonly CaseHold[];
  readonly deadlines: readonly DeadlineState[];
  readonly tasks: readonly TaskState[];
  /** The hash of the last event's audit record: the head of the process's audit chain. */
  readonly auditHash: string;
  readonly startedAt: string;
  readonly updatedAt: string;
  /**
   * When the process reached its stage (for a step recorded as taken outside Comity, the date it
   * was taken); absent on processes whose stage changed before it was kept: then `startedAt`.
   */
  readonly stageSince?: string;
  /** The version of the directory of competent authorities its parties were checked against at the start. */
  readonly directoryVersion?: number;
}

export const isOverdue = (snapshot: Pick<ProcessSnapshot, 'deadlines'>): boolean =>
  snapshot.deadlines.some((d) => d.status === 'expired');
