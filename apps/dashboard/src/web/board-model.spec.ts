import type { LiveTransition, Pipeline, ProcessSummary } from './api-types';
import { applyTransition, lanes, newest, noFilters } from './board-model';

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

const transition = (processId: string, sequence: number, stage: string): LiveTransition => ({
  type: `comity.mla.${stage}.v1`,
  processId,
  processType: 'mla',
  sequence,
  action: 'x',
  stage,
  terminal: false,
  overdue: false,
  priority: 'normal',
  occurredAt: '2026-03-02T00:00:00Z',
});

describe('the board model', () => {
  it('puts each item in the column of its stage, in declared order, oldest first, counting the overdue', () => {
    const items = [
      item('a', { updatedAt: '2026-03-05T00:00:00Z' }),
      item('b', { updatedAt: '2026-03-02T00:00:00Z', overdue: true }),
      item('c', { stage: 'transmitted' }),
    ];
    const [lane] = lanes(pipeline, items, noFilters);
    expect(lane?.columns.map((c) => [c.stage, c.items.map((i) => i.id), c.overdue])).toEqual([
      ['draft', ['b', 'a'], 1],
      ['transmitted', ['c'], 0],
      ['executed', [], 0],
    ]);
    expect(lane?.columns[0]?.oldest?.id).toBe('b');
  });

  it("filters by priority and by any party's state", () => {
    const items = [
      item('a', { priority: 'urgent' }),
      item('b', { parties: { requesting: { agencyId: 'tr-police', state: 'TR' } } }),
    ];
    const ids = (f: Partial<typeof noFilters>) =>
      lanes(pipeline, items, { ...noFilters, ...f })[0]?.columns[0]?.items.map((i) => i.id);
    expect(ids({ priority: 'urgent' })).toEqual(['a']);
    expect(ids({ state: 'gr' })).toEqual(['a']);
    expect(ids({ state: 'TR' })).toEqual(['b']);
  });

  it('moves an item on a newer live transition, ignores an older one, and reports unknown processes', () => {
    const items = [item('a', { lastSequence: 2, stage: 'transmitted' })];
    expect(applyTransition(items, transition('a', 1, 'draft'))).toBe(true);
    expect(items[0]?.stage).toBe('transmitted');
    expect(applyTransition(items, transition('a', 3, 'executed'))).toBe(true);
    expect(items[0]).toMatchObject({ stage: 'executed', lastSequence: 3 });
    expect(applyTransition(items, transition('zz', 0, 'draft'))).toBe(false);
  });

  it('keeps a live-updated item when the read model has not caught up yet', () => {
    const fetched = [item('a', { lastSequence: 1, stage: 'draft' }), item('b', { lastSequence: 4 })];
    const known = [item('a', { lastSequence: 2, stage: 'transmitted' }), item('b', { lastSequence: 3 })];
    expect(newest(fetched, known).map((i) => [i.id, i.lastSequence])).toEqual([
      ['a', 2],
      ['b', 4],
    ]);
  });
});
