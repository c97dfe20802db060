import type { Pipeline, ProcessSummary, ProcessTypeList } from './api-types';
import { lanes, pipelineQuery } from './board-model';
import { parseListFilter } from './list-model';

const pipeline: Pipeline = {
  types: [
    {
      type: 'mla',
      title: 'Mutual legal assistance',
      stages: [
        { stage: 'draft', label: 'Draft', terminal: false, count: 0, overdue: 0, oldestUpdatedAt: null },
        { stage: 'transmitted', label: 'Transmitted', terminal: false, count: 0, overdue: 0, oldestUpdatedAt: null },
        { stage: 'executed', label: 'Executed', terminal: true, count: 0, overdue: 0, oldestUpdatedAt: null },
      ],
    },
  ],
};

const item = (id: string, over: Partial<ProcessSummary> = {}): ProcessSummary => ({
  id,
  type: 'mla',
  stage: 'draft',
  terminal: false,
  caseId: null,
  offence: null,
  legalBasis: 'UNTOC',
  priority: 'normal',
  priorityRank: 2,
  handlingCode: 'H1',
  parties: {
    requesting: { agencyId: 'it-police', state: 'IT' },
    requested: { agencyId: 'gr-coastguard', state: 'GR' },
  },
  deadlines: [],
  nextDueAt: '2026-04-01T00:00:00Z',
  overdue: false,
  awaitingAgency: null,
  lastSequence: 0,
  startedAt: '2026-03-01T00:00:00Z',
  updatedAt: '2026-03-01T00:00:00Z',
  ...over,
});

const withCards = (counts: Record<string, number>, cards: Record<string, ProcessSummary[]>): Pipeline => ({
  types: pipeline.types.map((t) => ({
    ...t,
    stages: t.stages.map((s) => ({ ...s, count: counts[s.stage] ?? 0, cards: cards[s.stage] ?? [] })),
  })),
});

describe('the board model', () => {
  it('asks the API for the counts and the first cards of each stage, with the filters that apply', () => {
    expect(pipelineQuery({})).toBe('/api/v1/pipeline?cards=8');
    const query = new URL(
      pipelineQuery({ agency: 'gr-coastguard', caseId: 'CASE-1', state: 'GR', priority: 'urgent' }, 3),
      'http://x',
    ).searchParams;
    expect(Object.fromEntries(query)).toEqual({
      cards: '3',
      agency: 'gr-coastguard',
      caseId: 'CASE-1',
      state: 'GR',
      priority: 'urgent',
    });
  });

  it('draws each stage with its count from the API, its cards, and how many more the list holds', () => {
    const [lane] = lanes(
      withCards({ draft: 12, executed: 2 }, { draft: [item('a'), item('b')], executed: [item('c'), item('d')] }),
      { state: 'GR' },
    );
    const [draft, transmitted, executed] = lane?.columns ?? [];
    expect(draft).toMatchObject({ count: 12, more: 10 });
    expect(draft?.cards.map((c) => c.id)).toEqual(['a', 'b']);
    expect(transmitted).toMatchObject({ count: 0, more: 0, cards: [] });
    expect(executed).toMatchObject({ count: 2, more: 0, terminal: true });
  });

  it("links a stage's remaining processes to the list narrowed the same way", () => {
    const [lane] = lanes(withCards({ draft: 12 }, {}), { agency: 'gr-coastguard', state: 'GR', priority: 'high' });
    const address = lane?.columns[0]?.listAddress ?? '';
    expect(address.startsWith('#/processes?')).toBe(true);
    const { filter, ignored } = parseListFilter(address.slice('#/processes?'.length), {
      types: [{ type: 'mla', title: 'Mutual legal assistance', stages: pipeline.types[0]!.stages }],
    } as unknown as ProcessTypeList);
    expect(ignored).toEqual([]);
    expect(filter).toEqual({ type: 'mla', stage: 'draft', agency: 'gr-coastguard', state: 'GR', priority: 'high' });
  });

  it('takes a pipeline without cards (an older API) as counts alone', () => {
    const [lane] = lanes(
      { types: pipeline.types.map((t) => ({ ...t, stages: t.stages.map((s) => ({ ...s, count: 4 })) })) },
      {},
    );
    expect(lane?.columns[0]).toMatchObject({ count: 4, more: 4, cards: [] });
  });
});
