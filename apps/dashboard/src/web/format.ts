/** Human wording of times and ids; pure, so the specs can pin `now`. */
import { locale, t } from './i18n';

const MINUTE = 60_000;
const HOUR = 60 * MINUTE;
const DAY = 24 * HOUR;

/** A duration in its two largest units: "3 d 4 h", "2 h 5 min", "40 s" (in the reader's language). */
export function duration(ms: number): string {
  const abs = Math.abs(ms);
  const days = (n: number) => t('format.days', { n });
  const hours = (n: number) => t('format.hours', { n });
  const minutes = (n: number) => t('format.minutes', { n });
  if (abs >= DAY) return `${days(Math.floor(abs / DAY))} ${hours(Math.floor((abs % DAY) / HOUR))}`;
  if (abs >= HOUR) return `${hours(Math.floor(abs / HOUR))} ${minutes(Math.floor((abs % HOUR) / MINUTE))}`;
  if (abs >= MINUTE) return minutes(Math.floor(abs / MINUTE));
  return t('format.seconds', { n: Math.floor(abs / 1000) });
}

/** "3 d 4 h left", or "overdue by 2 h 5 min" once the time is past. */
export function timeLeft(dueAt: string, now: number): string {
  const ms = Date.parse(dueAt) - now;
  return t(ms >= 0 ? 'format.timeLeft' : 'format.overdueBy', { duration: duration(ms) });
}

/** The read model's "no deadline running" sentinel sorts last; it is not a date to show. */
export function hasDeadline(nextDueAt: string): boolean {
  return !nextDueAt.startsWith('9999-');
}

/** How long ago: "waiting 3 d 4 h". */
export function age(since: string, now: number): string {
  return duration(now - Date.parse(since));
}

/** A timestamp in the reader's locale (the page's language, in the browser's regional form), to the minute, with the zone so officers in two states agree. */
export function when(instant: string): string {
  // dateStyle/timeStyle cannot be combined with timeZoneName, hence the fields one by one.
  return new Date(instant).toLocaleString(locale(), {
    year: 'numeric',
    month: 'short',
    day: 'numeric',
    hour: '2-digit',
    minute: '2-digit',
    timeZoneName: 'short',
  });
}

/** Process ids are long (type, case, uuid); the last part tells them apart on a card. */
export function shortId(id: string): string {
  return id.length > 14 ? `…${id.slice(-10)}` : id;
}

/** An ISO date (YYYY-MM-DD) in UTC, as the statistics endpoint takes it. */
export function isoDate(instant: number): string {
  return new Date(instant).toISOString().slice(0, 10);
}

const SIZE_UNITS = [
  ['gigabyte', 1e9],
  ['megabyte', 1e6],
  ['kilobyte', 1e3],
] as const;

/** A size in bytes as the reader's locale writes it: 68 bytes, 12.3 kB, 3,4 Mo (decimal units, one decimal). */
export function fileSize(bytes: number): string {
  for (const [unit, scale] of SIZE_UNITS) {
    if (bytes >= scale) {
      return new Intl.NumberFormat(locale(), { style: 'unit', unit, maximumFractionDigits: 1 }).format(bytes / scale);
    }
  }
  return new Intl.NumberFormat(locale(), { style: 'unit', unit: 'byte', unitDisplay: 'long' }).format(bytes);
}
