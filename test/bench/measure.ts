import { readFileSync } from 'node:fs';

/** Percentiles of a sample, in its unit; NaN for an empty sample. */
export function percentiles(values: readonly number[]): { p50: number; p95: number; p99: number; n: number } {
  const sorted = [...values].sort((a, b) => a - b);
  const at = (q: number) =>
    sorted.length ? (sorted[Math.min(sorted.length - 1, Math.ceil(q * sorted.length) - 1)] ?? NaN) : NaN;
  return { p50: at(0.5), p95: at(0.95), p99: at(0.99), n: sorted.length };
}

/** CPU seconds a process has used (user + system), from /proc; undefined once it is gone. */
export function cpuSeconds(pid: number): number | undefined {
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
    // Fields after the command name (which may hold spaces), 1-based: utime is 14, stime 15.
    const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
    return (Number(fields[11]) + Number(fields[12])) / 100;
  } catch {
    return undefined;
  }
}

/** Resident memory of a process in MiB, from /proc. */
export function rssMiB(pid: number): number | undefined {
  try {
    const line = readFileSync(`/proc/${pid}/status`, 'utf8')
      .split('\n')
      .find((l) => l.startsWith('VmRSS:'));
    return line ? Math.round(Number(line.split(/\s+/)[1]) / 1024) : undefined;
  } catch {
    return undefined;
  }
}

/**
 * Share of one core each process used over a phase: call `start()` before and `stop()` after.
 * It shows where the time goes, so where the bottleneck is.
 */
export function cpuSampler(pids: () => ReadonlyMap<string, number>) {
  let before = new Map<string, number>();
  let started = 0;
  return {
    start() {
      before = new Map([...pids()].map(([name, pid]) => [name, cpuSeconds(pid) ?? 0]));
      started = Date.now();
    },
    stop(): Record<string, number> {
      const elapsed = (Date.now() - started) / 1000;
      const shares: Record<string, number> = {};
      for (const [name, pid] of pids()) {
        const used = (cpuSeconds(pid) ?? 0) - (before.get(name) ?? 0);
        shares[name] = Math.round((used / elapsed) * 100);
      }
      return shares;
    },
  };
}

/**
 * Runs `one` in `concurrency` loops for `durationMs` (each loop starts its next run when the last
 * ends) and answers the completion rate per second over the time the runs took.
 */
export async function closedLoop(
  concurrency: number,
  durationMs: number,
  one: () => Promise<unknown>,
): Promise<{ perSecond: number; completed: number; failed: number }> {
  const started = Date.now();
  const deadline = started + durationMs;
  let completed = 0;
  let failed = 0;
  let lastEnd = started;
  await Promise.all(
    Array.from({ length: concurrency }, async () => {
      while (Date.now() < deadline) {
        try {
          await one();
          completed += 1;
        } catch {
          failed += 1;
        }
        lastEnd = Date.now();
      }
    }),
  );
  return { perSecond: completed / ((lastEnd - started) / 1000), completed, failed };
}

/** Runs `one(0)` … `one(count - 1)`, at most `concurrency` at a time; answers their results in order. */
export async function inParallel<T>(count: number, concurrency: number, one: (i: number) => Promise<T>): Promise<T[]> {
  const results: T[] = [];
  let next = 0;
  await Promise.all(
    Array.from({ length: Math.min(concurrency, count) }, async () => {
      for (let i = next++; i < count; i = next++) results[i] = await one(i);
    }),
  );
  return results;
}

/**
 * Prometheus counters summed by name and `operation` label (`persistence_requests UpdateWorkflowExecution`),
 * for the names given.
 */
export async function prometheusCounters(url: string, names: readonly string[]): Promise<Map<string, number>> {
  const counters = new Map<string, number>();
  for (const line of (await (await fetch(url)).text()).split('\n')) {
    const match = /^([a-z_]+)\{(.*)\} (\S+)$/.exec(line);
    if (!match || !names.includes(match[1] as string)) continue;
    const key = `${match[1]} ${/operation="([^"]+)"/.exec(match[2] as string)?.[1] ?? ''}`.trim();
    counters.set(key, (counters.get(key) ?? 0) + Number(match[3]));
  }
  return counters;
}
