import { formatDue, humaniseDuration, parseDuration, shortTime, timeLeft } from './humanise';

describe('humaniseDuration', () => {
  it.each([
    [0, '0s'],
    [999, '0s'],
    [45_000, '45s'],
    [61_000, '1m 1s'],
    [2 * 3_600_000 + 5 * 60_000 + 7_000, '2h 5m'],
    [3 * 86_400_000 + 4 * 3_600_000 + 59 * 60_000, '3d 4h'],
    [3 * 86_400_000 + 5 * 60_000, '3d'],
    [-90_000, '1m 30s'],
  ])('%i ms is %s', (ms, text) => expect(humaniseDuration(ms)).toBe(text));
});

describe('time left', () => {
  const now = new Date('2026-01-01T12:00:00Z');
  it('says "in" before the due date and "ago" after it', () => {
    expect(timeLeft('2026-01-02T13:00:00Z', now)).toBe('in 1d 1h');
    expect(timeLeft('2026-01-01T11:30:00Z', now)).toBe('30m ago');
    expect(timeLeft('not a date', now)).toBe('-');
  });

  it('formats a due date, or "-" when there is none', () => {
    expect(formatDue('2026-01-01T12:10:00.000Z', now)).toBe('2026-01-01 12:10Z (in 10m)');
    expect(formatDue('9999-12-31T23:59:59.999Z', now)).toBe('-');
    expect(formatDue(null, now)).toBe('-');
    expect(shortTime('2026-01-01T12:10:42.123Z')).toBe('2026-01-01 12:10Z');
  });
});

describe('parseDuration', () => {
  it.each([
    ['2s', 2000],
    ['500ms', 500],
    ['1.5s', 1500],
    ['1m', 60_000],
    ['1h', 3_600_000],
    ['3', 3000],
  ])('%s is %i ms', (text, ms) => expect(parseDuration(text)).toBe(ms));

  it.each([['fast'], ['-1s'], ['2 days'], ['']])('refuses %s', (text) => expect(parseDuration(text)).toBeUndefined());
});
