import { periodOf, statisticsQuery } from './statistics.dto';

const now = Date.parse('2026-11-28T22:00:00.000Z');

describe('statisticsQuery', () => {
  it('defaults to the last 365 days up to today, grouped by type', () => {
    const query = statisticsQuery.parse({});
    expect(query.groupBy).toBe('type');
    expect(periodOf(query, now)).toEqual({ from: '2025-11-29', to: '2026-11-28' });
  });

  it('names each bad field', () => {
    const parsed = statisticsQuery.safeParse({
      from: '2026-02-30',
      direction: 'both',
      counterpartState: 'tr',
      offence: 'jaywalking',
      groupBy: 'agency',
      extra: '1',
    });
    expect(parsed.success).toBe(false);
    const paths = parsed.error?.issues.map((issue) => issue.path.join('.') || issue.code);
    expect(paths).toEqual(
      expect.arrayContaining(['from', 'direction', 'counterpartState', 'offence', 'groupBy', 'unrecognized_keys']),
    );
  });

  it('refuses a period that ends before it starts, or spans more than twenty years', () => {
    expect(periodOf(statisticsQuery.parse({ from: '2026-03-02', to: '2026-03-01' }), now)).toEqual({
      problem: 'query.from: must not be after to (2026-03-01)',
    });
    expect(periodOf(statisticsQuery.parse({ from: '1900-01-01', to: '2026-03-01' }), now)).toMatchObject({
      problem: expect.stringContaining('query.from'),
    });
    expect(periodOf(statisticsQuery.parse({ from: '2026-03-01', to: '2026-03-01' }), now)).toEqual({
      from: '2026-03-01',
      to: '2026-03-01',
    });
  });
});
