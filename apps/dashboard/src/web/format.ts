/** Human wording of times and ids; pure, so the specs can pin `now`. */

const MINUTE = 60_000;
const HOUR = 60 * MINUTE;
const DAY = 24 * HOUR;

/** A duration in its two largest units: "3 d 4 h", "2 h 5 min", "40 s". */
export function duration(ms: number): string {
  const abs = Math.abs(ms);
  if (abs >= DAY) return `${Math.floor(abs / DAY)} d ${Math.floor((abs % DAY) / HOUR)} h`;
  if (abs >= HOUR) return `${Math.floor(abs / HOUR)} h ${Math.floor((abs % HOUR) / MINUTE)} min`;
  if (abs >= MINUTE) return `${Math.floor(abs / MINUTE)} min`;
  return `${Math.floor(abs / 1000)} s`;
}

/** "3 d 4 h left", or "overdue by 2 h 5 min" once the time is past. */
export function timeLeft(dueAt: string, now: number): string {
  const ms = Date.parse(dueAt) - now;
  return ms >= 0 ? `${duration(ms)} left` : `overdue by ${duration(ms)}`;
}

/** The read model's "no deadline running" sentinel sorts last; it is not a date to show. */
export function hasDeadline(nextDueAt: string): boolean {
  return !nextDueAt.startsWith('9999-');
}

/** How long ago: "waiting 3 d 4 h". */
export function age(since: string, now: number): string {
  return duration(now - Date.parse(since));
}

/** A timestamp in the reader's locale, to the minute, with the zone so officers in two states agree. */
export function when(instant: string): string {
  // dateStyle/timeStyle cannot be combined with timeZoneName, hence the fields one by one.
  return new Date(instant).toLocaleString(undefined, {
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
