const units: readonly [string, number][] = [
  ['d', 86_400_000],
  ['h', 3_600_000],
  ['m', 60_000],
  ['s', 1_000],
];

/** A duration in its two largest adjacent units: `3d 4h`, `2h 5m`, `45s`, `3d`; under a second, `0s`. */
export function humaniseDuration(ms: number): string {
  let rest = Math.abs(ms);
  const counts = units.map(([unit, size]) => {
    const n = Math.floor(rest / size);
    rest -= n * size;
    return { n, unit };
  });
  const first = counts.findIndex((c) => c.n > 0);
  if (first < 0) return '0s';
  return counts
    .slice(first, first + 2)
    .filter((c) => c.n > 0)
    .map((c) => `${c.n}${c.unit}`)
    .join(' ');
}

/** Time left until a due date: `in 3d 4h`, or `2h 5m ago` once it has passed. */
export function timeLeft(dueAt: string, now: Date): string {
  const ms = Date.parse(dueAt) - now.getTime();
  if (Number.isNaN(ms)) return '-';
  return ms >= 0 ? `in ${humaniseDuration(ms)}` : `${humaniseDuration(ms)} ago`;
}

/** `2026-03-01 14:05Z`: an ISO timestamp shortened to the minute, in UTC. */
export function shortTime(iso: string): string {
  const match = /^(\d{4}-\d{2}-\d{2})T(\d{2}:\d{2})/.exec(iso);
  return match ? `${match[1]} ${match[2]}Z` : iso;
}

/** Dates this far out mean "no deadline" in the read model (9999-12-31). */
export const isNoDeadline = (iso: string | null | undefined): boolean => !iso || iso.startsWith('9999-');

/** A due date with the time left, or `-` when there is none. */
export function formatDue(iso: string | null | undefined, now: Date): string {
  return !iso || isNoDeadline(iso) ? '-' : `${shortTime(iso)} (${timeLeft(iso, now)})`;
}

/** Parses `2s`, `500ms`, `1m`, `1h` or a number of seconds into milliseconds; undefined if invalid. */
export function parseDuration(text: string): number | undefined {
  const match = /^(\d+(?:\.\d+)?)(ms|s|m|h)?$/.exec(text.trim());
  if (!match) return undefined;
  const factor = { ms: 1, s: 1000, m: 60_000, h: 3_600_000 }[match[2] ?? 's'] ?? 1000;
  return Math.round(Number(match[1]) * factor);
}
