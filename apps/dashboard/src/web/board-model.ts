/**
 * The pipeline board's model: the API aggregates it (GET /api/v1/pipeline, counts per stage and the
 * first cards of each), so the page reads one answer however many processes there are. Pure, no DOM.
 */
import type { Pipeline, ProcessSummary } from './api-types';
import { listAddress, type PartyFilter } from './list-model';

/** Cards a stage shows: those that waited longest there, or the latest to reach a final stage. */
export const CARDS_PER_STAGE = 8;

export interface Column {
  readonly stage: string;
  readonly label: string;
  readonly terminal: boolean;
  readonly count: number;
  readonly overdue: number;
  readonly cards: readonly ProcessSummary[];
  /** How many of the stage's processes have no card; the list shows them all. */
  readonly more: number;
  /** The process list narrowed to this stage and the board's filters. */
  readonly listAddress: string;
}

export interface Lane {
  readonly type: string;
  readonly title: string;
  readonly columns: Column[];
}

/** The query of GET /api/v1/pipeline for the board's filters, with its cards. */
export function pipelineQuery(filter: PartyFilter, cards = CARDS_PER_STAGE): string {
  const params = new URLSearchParams({ cards: String(cards) });
  if (filter.agency) params.set('agency', filter.agency);
  if (filter.caseId) params.set('caseId', filter.caseId);
  if (filter.state) params.set('state', filter.state);
  if (filter.priority) params.set('priority', filter.priority);
  return `/api/v1/pipeline?${params}`;
}

/** Per process type, a column per stage in the declared order, as the API counted it. */
export function lanes(pipeline: Pipeline, filter: PartyFilter): Lane[] {
  return pipeline.types.map((t) => ({
    type: t.type,
    title: t.title,
    columns: t.stages.map((s) => {
      const cards = s.cards ?? [];
      return {
        stage: s.stage,
        label: s.label,
        terminal: s.terminal,
        count: s.count,
        overdue: s.overdue,
        cards,
        more: Math.max(0, s.count - cards.length),
        listAddress: listAddress({ ...filter, type: t.type, stage: s.stage }),
      };
    }),
  }));
}
