import { processEventId } from '@comity/events';

/** A process the fault run started, and how the simulated agencies must drive it. */
export interface PlannedProcess {
  readonly id: string;
  readonly expectedStage: string;
  /** The actions of its events, in sequence order: event n is `<id>:<n>`. */
  readonly expectedActions: readonly string[];
}

export interface FinalState {
  readonly stage: string;
  /** The number of events the workflow recorded (its next sequence). */
  readonly sequence: number;
}

export interface ReadModelRow {
  readonly stage: string;
  readonly terminal: boolean;
  readonly lastSequence: number;
}

/** What the run left behind, from each source of truth. */
export interface Observations {
  readonly temporal: ReadonlyMap<string, FinalState>;
  readonly readModel: ReadonlyMap<string, ReadModelRow>;
  /** Event ids of the read model's timeline rows, one entry per row. */
  readonly timelineEventIds: readonly string[];
  /** Every process event on the topic, one entry per message, duplicates included. */
  readonly publishedEvents: readonly { readonly id: string; readonly processId: string; readonly action: string }[];
  /** Every agency answer on the responses topic, as `<agency>\n<idempotency key>`, duplicates included. */
  readonly answerKeys: readonly string[];
}

export interface FaultCounts {
  readonly processes: number;
  readonly events: number;
  readonly duplicatesDelivered: number;
  readonly duplicatesApplied: number;
  readonly lost: number;
  readonly wrongFinalState: number;
}

export interface Reconciliation {
  readonly counts: FaultCounts;
  /** The first discrepancies found, for the failure message. */
  readonly problems: readonly string[];
}

const extraCopies = (items: readonly string[]) => items.length - new Set(items).size;

/**
 * Compares what Temporal, the read model and Kafka hold with what each process should have done.
 * - duplicates delivered: extra copies of a message on Kafka (a publish retried after a crash, an
 *   answer sent again) — allowed, since delivery is at least once;
 * - duplicates applied: an answer that became a second transition in a workflow, or an event stored
 *   twice in the read model — must be 0;
 * - lost: an expected event missing from the topic or from the read model — must be 0;
 * - wrong final state: Temporal or the read model not at the expected final stage — must be 0.
 */
export function reconcile(planned: readonly PlannedProcess[], seen: Observations): Reconciliation {
  const problems: string[] = [];
  const note = (problem: string) => void (problems.length < 20 && problems.push(problem));
  const published = new Map(seen.publishedEvents.map((e) => [e.id, e]));
  const stored = new Set(seen.timelineEventIds);
  let duplicatesApplied = extraCopies(seen.timelineEventIds);
  let lost = 0;
  let wrongFinalState = 0;
  let events = 0;

  for (const p of planned) {
    const expectedIds = p.expectedActions.map((_, sequence) => processEventId(p.id, sequence));
    events += expectedIds.length;
    for (const [sequence, id] of expectedIds.entries()) {
      const event = published.get(id);
      if (!event) {
        lost += 1;
        note(`${id} (${p.expectedActions[sequence]}) is not on the process-events topic`);
      } else if (event.action !== p.expectedActions[sequence]) {
        note(`${id} is '${event.action}', expected '${p.expectedActions[sequence]}'`);
      }
      if (!stored.has(id)) {
        lost += 1;
        note(`${id} is not in the read model's timeline`);
      }
    }
    const truth = seen.temporal.get(p.id);
    if (truth && truth.sequence > p.expectedActions.length) {
      duplicatesApplied += truth.sequence - p.expectedActions.length;
      note(`${p.id}: Temporal recorded ${truth.sequence} events, expected ${p.expectedActions.length}`);
    }
    const row = seen.readModel.get(p.id);
    const temporalRight = truth?.stage === p.expectedStage && truth.sequence === p.expectedActions.length;
    const readModelRight =
      row?.stage === p.expectedStage && row.terminal && row.lastSequence === p.expectedActions.length - 1;
    if (!temporalRight || !readModelRight) {
      wrongFinalState += 1;
      note(
        `${p.id}: expected ${p.expectedStage} after ${p.expectedActions.length} events; Temporal ` +
          `${truth ? `${truth.stage} after ${truth.sequence}` : 'has no result'}, read model ` +
          `${row ? `${row.stage} at sequence ${row.lastSequence}` : 'has no row'}`,
      );
    }
  }
  const plannedIds = new Set(planned.map((p) => p.id));
  const extraOnTopic = [...published.values()].filter((e) => !plannedIds.has(e.processId)).map((e) => e.id);
  for (const id of extraOnTopic.slice(0, 3)) note(`${id} on the topic belongs to no planned process`);
  duplicatesApplied += extraOnTopic.length;

  return {
    counts: {
      processes: planned.length,
      events,
      duplicatesDelivered: extraCopies(seen.publishedEvents.map((e) => e.id)) + extraCopies(seen.answerKeys),
      duplicatesApplied,
      lost,
      wrongFinalState,
    },
    problems,
  };
}

export const formatCounts = (c: FaultCounts): string =>
  `faults: processes=${c.processes} events=${c.events} duplicates-delivered=${c.duplicatesDelivered} ` +
  `duplicates-applied=${c.duplicatesApplied} lost=${c.lost} wrong-final-state=${c.wrongFinalState}`;
