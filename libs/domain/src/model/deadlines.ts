import { deadlineDuration, type DeadlineRule, type LegalBasis } from '../legal-basis/legal-basis';
import { deadlineRuleOf } from '../legal-basis/legal-basis.table';
import { own } from './own';
import type { DeadlineDefinition, ProcessDefinition } from './process-definition';
import type { DeadlineState, Priority } from './process-state';

const iso = (ms: number) => new Date(ms).toISOString();

/** What the process has declared or recorded (its facts), which may pick a rule's variant. */
export type DeclaredFacts = Readonly<Record<string, unknown>>;

/**
 * The rule a deadline runs by: the basis's (else UNTOC's), or the variant of it the process's
 * declared `variantBy` fact picks (e.g. Dir. 2023/977 art. 5(1) by accessibility).
 */
export function deadlineRuleFor(
  definition: DeadlineDefinition<string>,
  basis: LegalBasis,
  facts: DeclaredFacts = {},
): DeadlineRule | undefined {
  const rule = deadlineRuleOf(basis, definition.rule);
  const declared = definition.variantBy === undefined ? undefined : facts[definition.variantBy];
  const variant = rule?.variants && typeof declared === 'string' ? own(rule.variants, declared) : undefined;
  return variant ?? rule;
}

function schedule(
  definition: DeadlineDefinition<string>,
  basis: LegalBasis,
  priority: Priority,
  startedAt: number,
  facts: DeclaredFacts,
): Pick<DeadlineState, 'dueAt' | 'reminders'> | undefined {
  const rule = deadlineRuleFor(definition, basis, facts);
  if (!rule) return undefined;
  const due = startedAt + deadlineDuration(rule, priority);
  const reminders = (rule.remindBefore ?? [])
    .map((before) => due - before)
    .filter((at) => at > startedAt)
    .sort((a, b) => a - b);
  return { dueAt: iso(due), reminders: reminders.map(iso) };
}

/**
 * Deadlines after a move from `from` (undefined at the start) to `to`: those whose stages the
 * process enters start; those it leaves (a final stage included) end as met, or missed when they
 * had expired.
 */
export function deadlinesAfterMove(
  process: ProcessDefinition,
  basis: LegalBasis,
  priority: Priority,
  current: readonly DeadlineState[],
  from: string | undefined,
  to: string,
  now: number,
  facts: DeclaredFacts = {},
): DeadlineState[] {
  const next = current.map((d): DeadlineState => {
    if (d.status !== 'running' && d.status !== 'expired') return d;
    const definition = process.deadlines.find((x) => x.id === d.id);
    if (definition && !definition.while.includes(to))
      return { ...d, status: d.status === 'expired' ? 'missed' : 'met' };
    return d;
  });
  for (const definition of process.deadlines) {
    const entering = definition.while.includes(to) && (from === undefined || !definition.while.includes(from));
    const timing = entering ? schedule(definition, basis, priority, now, facts) : undefined;
    if (!timing) continue;
    next.push({
      id: definition.id,
      label: definition.label,
      startedAt: iso(now),
      ...timing,
      remindersSent: 0,
      status: 'running',
    });
  }
  return next;
}

/** Running deadlines rescheduled from their start for a new priority (reminders already sent stay sent). */
export function deadlinesForPriority(
  process: ProcessDefinition,
  basis: LegalBasis,
  priority: Priority,
  current: readonly DeadlineState[],
  facts: DeclaredFacts = {},
): DeadlineState[] {
  return current.map((d) => {
    const definition = process.deadlines.find((x) => x.id === d.id);
    if (d.status !== 'running' || !definition) return d;
    const timing = schedule(definition, basis, priority, Date.parse(d.startedAt), facts);
    return timing ? { ...d, ...timing, remindersSent: Math.min(d.remindersSent, timing.reminders.length) } : d;
  });
}

export type DeadlineOccurrence =
  | { readonly kind: 'reminder'; readonly deadline: DeadlineState; readonly at: string }
  | { readonly kind: 'expiry'; readonly deadline: DeadlineState; readonly at: string };

/** The next reminder or expiry of a running deadline, if any. */
export function nextOccurrence(deadlines: readonly DeadlineState[]): DeadlineOccurrence | undefined {
  let next: DeadlineOccurrence | undefined;
  for (const deadline of deadlines) {
    if (deadline.status !== 'running') continue;
    const reminder = deadline.reminders[deadline.remindersSent];
    const candidate: DeadlineOccurrence =
      reminder !== undefined && reminder < deadline.dueAt
        ? { kind: 'reminder', deadline, at: reminder }
        : { kind: 'expiry', deadline, at: deadline.dueAt };
    if (!next || candidate.at < next.at) next = candidate;
  }
  return next;
}

/** The deadlines once an occurrence has happened. */
export function afterOccurrence(deadlines: readonly DeadlineState[], occurrence: DeadlineOccurrence): DeadlineState[] {
  return deadlines.map((d) => {
    if (d.id !== occurrence.deadline.id || d.status !== 'running') return d;
    return occurrence.kind === 'reminder' ? { ...d, remindersSent: d.remindersSent + 1 } : { ...d, status: 'expired' };
  });
}

/**
 * The deadlines once a running (or expired) one has been extended to `until` at `now`: it runs
 * again until then, with the rule's reminders before the new date (those already past count as sent).
 */
export function deadlineExtended(
  process: ProcessDefinition,
  basis: LegalBasis,
  current: readonly DeadlineState[],
  id: string,
  until: string,
  now: number,
  facts: DeclaredFacts = {},
): DeadlineState[] {
  const definition = process.deadlines.find((d) => d.id === id);
  const rule = definition ? deadlineRuleFor(definition, basis, facts) : undefined;
  const due = Date.parse(until);
  return current.map((d) => {
    if (d.id !== id || (d.status !== 'running' && d.status !== 'expired')) return d;
    const reminders = (rule?.remindBefore ?? [])
      .map((before) => due - before)
      .filter((at) => at > Date.parse(d.startedAt))
      .sort((a, b) => a - b);
    return {
      ...d,
      dueAt: iso(due),
      reminders: reminders.map(iso),
      remindersSent: reminders.filter((at) => at <= now).length,
      status: 'running',
    };
  });
}
