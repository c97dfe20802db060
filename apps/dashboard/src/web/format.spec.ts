import { duration, fileSize, hasDeadline, isoDate, shortId, timeLeft } from './format';
import { t } from './i18n';

describe('format', () => {
  const now = Date.parse('2026-03-01T12:00:00Z');

  it('words a duration in its two largest units', () => {
    expect(duration(3 * 86_400_000 + 4 * 3_600_000 + 59_000)).toBe('3 d 4 h');
    expect(duration(2 * 3_600_000 + 5 * 60_000)).toBe('2 h 5 min');
    expect(duration(40_000)).toBe('40 s');
  });

  it('says how long is left, or by how much a deadline is missed', () => {
    expect(timeLeft('2026-03-02T13:00:00Z', now)).toBe('1 d 1 h left');
    expect(timeLeft('2026-03-01T10:00:00Z', now)).toBe('overdue by 2 h 0 min');
  });

  it('words a file’s size in decimal units', () => {
    expect(fileSize(68)).toBe('68 bytes');
    expect(fileSize(12_345)).toBe('12.3 kB');
    expect(fileSize(8 * 1024 * 1024)).toBe('8.4 MB');
    expect(fileSize(2_147_483_648)).toBe('2.1 GB');
  });

  it("does not show the read model's no-deadline sentinel as a date", () => {
    expect(hasDeadline('9999-12-31T23:59:59.999Z')).toBe(false);
    expect(hasDeadline('2026-03-02T13:00:00Z')).toBe(true);
  });

  it('shortens long ids from the end, where they differ', () => {
    expect(shortId('mla-2127e4c2-ecd5-4a76-9ccf-d77ba4fc84bc')).toBe('…7ba4fc84bc');
    expect(shortId('mla-1')).toBe('mla-1');
    expect(isoDate(now)).toBe('2026-03-01');
  });
});

describe('format in another language', () => {
  it('words durations and deadlines in the language asked for', () => {
    // t() takes the language; the page's current one is English in Node.
    expect(t('format.overdueBy', { duration: t('format.days', { n: 2 }, 'fr') }, 'fr')).toBe('en retard de 2 j');
    expect(t('format.timeLeft', { duration: '3 h' }, 'es')).toBe('quedan 3 h');
  });
});
