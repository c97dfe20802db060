import type { Figures } from './api-types';
import { hasMedians, seriesOf } from './statistics';

const figures = (median: number | null, sent = 1): Figures => ({
  opened: sent,
  sent,
  received: 0,
  outcomes: {},
  refusedByGround: {},
  pending: { count: 0, medianAgeDays: null, maxAgeDays: null },
  daysToAcknowledge: { count: median === null ? 0 : 1, median, p90: median },
  daysToDecide: { count: 0, median: null, p90: null },
  daysToExecute: { count: 0, median: null, p90: null },
  withinDeadline: { completed: 0, withinDeadline: 0, share: null },
  counts: {},
  assets: {},
});

describe('the statistics page', () => {
  it('turns figures per group into one series per figure, a missing median drawn as 0', () => {
    const groups = [
      { key: 'extradition', figures: figures(null, 2) },
      { key: 'mla', figures: figures(1.5, 3) },
    ];
    expect(seriesOf(groups, { sent: (f) => f.sent, ack: (f) => f.daysToAcknowledge.median })).toEqual([
      { name: 'sent', values: [2, 3] },
      { name: 'ack', values: [0, 1.5] },
    ]);
  });

  it('counts a median of zero days as a figure, and only no median at all as none', () => {
    expect(hasMedians([{ figures: figures(0) }])).toBe(true);
    expect(hasMedians([{ figures: figures(null) }])).toBe(false);
  });
});
