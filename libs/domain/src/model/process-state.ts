import type { PartyBinding } from './process-definition';

export const Priorities = ['urgent', 'high', 'normal'] as const;
export type Priority = (typeof Priorities)[number];

/** SIENA-style handling codes: H0 (no restriction) to H3 (strictest). */
export const HandlingCodes = ['H0', 'H1', 'H2', 'H3'] as const;
export type HandlingCode = (typeof HandlingCodes)[number];

/** What a running process knows about itself; owned by its workflow. */
export interface ProcessSnapshot {
  readonly processId: string;
  readonly type: string;
  readonly caseId?: string;
  readonly legalBasis: string;
  readonly priority: Priority;
  readonly handlingCode: HandlingCode;
  readonly parties: Readonly<Record<string, PartyBinding>>;
  readonly stage: string;
  /** Number of transitions recorded so far; the next event's sequence. */
  readonly sequence: number;
  readonly startedAt: string;
  readonly updatedAt: string;
}
