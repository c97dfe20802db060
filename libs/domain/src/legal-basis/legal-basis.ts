import type { Priority } from '../model/process-state';

/** A time limit a legal basis sets, by priority; `normal` applies where a priority has none. */
export interface DeadlineRule {
  readonly normal: number;
  readonly high?: number;
  readonly urgent?: number;
  /** Reminders, as durations before the deadline falls due. */
  readonly remindBefore?: readonly number[];
  /**
   * Rules by what the request declares (the value of the start-data field the deadline's
   * `variantBy` names), e.g. Dir. 2023/977 art. 5(1) by whether the information is directly or
   * indirectly accessible. Where variants are set, a request must declare one of them.
   */
  readonly variants?: Readonly<Record<string, Omit<DeadlineRule, 'variants'>>>;
}

export interface LegalBasis {
  readonly id: string;
  readonly name: string;
  readonly kind: 'convention' | 'treaty' | 'eu-instrument' | 'domestic-law';
  /** Process types it can ground; `*` for any (the UNTOC fallback). */
  readonly appliesTo: readonly string[];
  /** Languages the requested state accepts a request in (ISO 639-1). */
  readonly languages: readonly string[];
  /**
   * The states between which the instrument applies (ISO 3166-1 alpha-2); absent: any state. EU
   * instruments bind the member states only. Refusal grounds are in refusal-grounds.table.ts.
   */
  readonly states?: readonly string[];
  /** Time limits by deadline key; a key it does not set falls back to UNTOC's. */
  readonly deadlines: Readonly<Record<string, DeadlineRule>>;
}

export function deadlineDuration(rule: DeadlineRule, priority: Priority): number {
  return rule[priority] ?? rule.normal;
}
