import type { LiveTransition, Pipeline, Priority, ProcessSummary } from './api-types';

/** The board's filters; agency and case go to the API, state and priority are applied here. */
export interface BoardFilters {
  readonly agency: string;
  readonly state: string;
  readonly priority: Priority | '';
  readonly caseId: string;
}

export const noFilters: BoardFilters = { agency: '', state: '', priority: '', caseId: '' };

export interface Column {
  readonly stage: string;
  readonly label: string;
  readonly terminal: boolean;
  readonly items: ProcessSummary[];
  readonly overdue: number;
  /** The item that has waited longest in this stage. */
  readonly oldest: ProcessSummary | undefined;
}

export interface Lane {
  readonly type: string;
  readonly title: string;
  readonly columns: Column[];
}

/** `state` matches any party's state (ISO alpha-2), so "GR" finds requests sent to and from Greece. */
export function matches(item: ProcessSummary, filters: BoardFilters): boolean {
  if (filters.priority && item.priority !== filters.priority) return false;
  const state = filters.state.trim().toUpperCase();
  if (state && !Object.values(item.parties).some((p) => p.state === state)) return false;
  return true;
}

/** Per process type, a column per stage in the declared order, holding the items in that stage. */
export function lanes(pipeline: Pipeline, items: readonly ProcessSummary[], filters: BoardFilters): Lane[] {
  const shown = items.filter((item) => matches(item, filters));
  return pipeline.types.map((t) => ({
    type: t.type,
    title: t.title,
    columns: t.stages.map((s) => {
      const here = shown
        .filter((item) => item.type === t.type && item.stage === s.stage)
        .sort((a, b) => Date.parse(a.updatedAt) - Date.parse(b.updatedAt));
      return {
        stage: s.stage,
        label: s.label,
        terminal: s.terminal,
        items: here,
        overdue: here.filter((item) => item.overdue).length,
        oldest: here[0],
      };
    }),
  }));
}

/**
 * A transition seen on the live stream, applied to the items already on the board. The read model
 * may lag the stream by a moment: an item whose last sequence is older than the transition takes
 * the transition's stage. Answers whether the process was on the board (else it must be fetched).
 */
export function applyTransition(items: ProcessSummary[], event: LiveTransition): boolean {
  const index = items.findIndex((item) => item.id === event.processId);
  const item = items[index];
  if (!item) return false;
  if (item.lastSequence >= event.sequence) return true;
  items[index] = {
    ...item,
    stage: event.stage,
    terminal: event.terminal,
    overdue: event.overdue,
    priority: event.priority,
    lastSequence: event.sequence,
    updatedAt: event.occurredAt,
  };
  return true;
}

/** Keeps, for each process, whichever of the fetched and the live-updated item is newer. */
export function newest(fetched: ProcessSummary[], known: readonly ProcessSummary[]): ProcessSummary[] {
  const seen = new Map(known.map((item) => [item.id, item]));
  return fetched.map((item) => {
    const live = seen.get(item.id);
    return live && live.lastSequence > item.lastSequence ? live : item;
  });
}
