import { statisticsReport, type StatisticsFacts } from '@comity/domain';
import { statisticsCsv } from './statistics.csv';

const refused: StatisticsFacts = {
  processId: 'p1',
  type: 'mla',
  caseId: null,
  legalBasis: 'UNTOC',
  offence: null,
  requestingState: 'TR',
  requestedState: 'GR',
  openedAt: '2026-03-01T00:00:00.000Z',
  receivedAt: '2026-03-01T00:00:00.000Z',
  acknowledgedAt: '2026-03-03T00:00:00.000Z',
  decidedAt: '2026-03-05T00:00:00.000Z',
  finishedAt: '2026-03-05T00:00:00.000Z',
  outcome: 'refused',
  refusalGround: 'essential-interests',
  withinDeadline: true,
  counts: {},
  assets: [{ at: '2026-03-02T00:00:00.000Z', figure: 'frozen', currency: 'EUR', amount: '12.5' }],
  lastSequence: 5,
  lastGround: 'essential-interests',
};

describe('statisticsCsv', () => {
  it('writes a header and one row for the total and each group, with a column per figure', () => {
    const report = statisticsReport([refused], {
      period: { from: '2026-03-01', to: '2026-03-31' },
      filter: {},
      groupBy: 'type',
      ownState: 'GR',
      countNames: ['releases'],
      now: Date.parse('2026-12-01T00:00:00.000Z'),
    });
    const [header, total, mla, end] = statisticsCsv(report).split('\r\n');
    const columns = header?.split(',') ?? [];
    const cellsOf = (line = '') => Object.fromEntries(line.split(',').map((cell, i) => [columns[i], cell]));
    expect(columns.slice(0, 7)).toEqual(['period.from', 'period.to', 'ownState', 'type', 'opened', 'sent', 'received']);
    expect(cellsOf(total)).toMatchObject({
      type: 'total',
      opened: '1',
      received: '1',
      'outcome.refused': '1',
      'refused.essential-interests': '1',
      'pending.medianAgeDays': '',
      'daysToDecide.median': '4',
      'withinDeadline.share': '1',
      'count.releases': '0',
      'assets.EUR.frozen': '12.50',
      'assets.EUR.shared': '0.00',
    });
    expect(cellsOf(mla)).toMatchObject({ type: 'mla', opened: '1' });
    expect(end).toBe('');
  });
});
