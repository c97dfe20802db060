import type { ProcessSummary, ProcessTypeList } from './api-types';
import { inboxRows, labelsOf } from './inbox-model';

const types = {
  types: [
    {
      type: 'mla',
      title: 'Mutual legal assistance',
      stages: [
        { stage: 'transmitted', label: 'Transmitted', terminal: false, awaiting: 'requested' },
        { stage: 'acknowledged', label: 'Acknowledged', terminal: false, awaiting: 'requested' },
      ],
      // The declared label (in the reader's language) names a deadline the process reports.
      deadlines: [{ id: 'd0', label: 'Acusar recibo' }],
    },
  ],
} as unknown as ProcessTypeList;

const summary = (over: Partial<ProcessSummary>): ProcessSummary =>
  ({
    id: 'mla-1',
    type: 'mla',
    stage: 'transmitted',
    terminal: false,
    caseId: 'case-1',
    priority: 'urgent',
    deadlines: [],
    nextDueAt: '9999-12-31T00:00:00.000Z',
    overdue: false,
    awaitingAgency: 'gr-coastguard',
    ...over,
  }) as ProcessSummary;

describe('inbox rows', () => {
  it('names the type and stage, who the stage waits for, and the running deadline that falls due first', () => {
    const rows = inboxRows(
      [
        summary({
          deadlines: [
            {
              id: 'd1',
              label: 'Execute the request',
              startedAt: '2026-12-01T00:00:00Z',
              dueAt: '2027-01-20T00:00:00Z',
              status: 'running',
            },
            {
              id: 'd0',
              label: 'Acknowledge receipt',
              startedAt: '2026-12-01T00:00:00Z',
              dueAt: '2026-12-04T00:00:00Z',
              status: 'expired',
            },
            {
              id: 'dx',
              label: 'Met long ago',
              startedAt: '2026-11-01T00:00:00Z',
              dueAt: '2026-11-02T00:00:00Z',
              status: 'met',
            },
          ],
          nextDueAt: '2026-12-04T00:00:00Z',
          overdue: true,
        }),
        summary({ id: 'odd-1', type: 'unknown-type', stage: 'somewhere', awaitingAgency: null, caseId: null }),
      ],
      labelsOf(types),
    );
    expect(rows).toEqual([
      {
        id: 'mla-1',
        type: 'mla',
        typeTitle: 'Mutual legal assistance',
        stageLabel: 'Transmitted',
        waitingFor: 'gr-coastguard',
        priority: 'urgent',
        deadline: { label: 'Acusar recibo', dueAt: '2026-12-04T00:00:00Z' },
        overdue: true,
        caseId: 'case-1',
      },
      {
        id: 'odd-1',
        type: 'unknown-type',
        typeTitle: 'unknown-type',
        stageLabel: 'somewhere',
        waitingFor: '—',
        priority: 'urgent',
        deadline: null,
        overdue: false,
        caseId: null,
      },
    ]);
  });
});
