import { readFileSync } from 'node:fs';
import { cpus } from 'node:os';

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

/** What a steady-state window measured: completions inside it, per second, and the loop's failures. */
export interface SteadyRun<T> {
  readonly perSecond: number;
  readonly completed: number;
  readonly failed: number;
  /** What the window's `during` measured (started when the window opened, stopped when it closed). */
  readonly during: T;
}

/**
 * Runs `one` in `concurrency` closed loops (each starts its next run when the last ends) through a
 * warm-up, then a window of `windowMs`, and counts only the runs that end inside the window: the
 * warm-up fills the pipeline and the stragglers after the window are not counted, so the rate is the
 * steady one (counting to the last straggler read a fixed-latency simulation at 0.81 of its true
 * rate at 32 in flight). `during` is started as the window opens and stopped as it closes.
 */
export async function steadyLoop<T>(
  concurrency: number,
  warmupMs: number,
  windowMs: number,
  one: () => Promise<unknown>,
  during: { start(): void; stop(): T },
): Promise<SteadyRun<T>> {
  const opens = Date.now() + warmupMs;
  const closes = opens + windowMs;
  let completed = 0;
  let failed = 0;
  let measured: T | undefined;
  const opening = setTimeout(() => during.start(), warmupMs);
  const closing = setTimeout(() => (measured = during.stop()), warmupMs + windowMs);
  await Promise.all(
    Array.from({ length: concurrency }, async () => {
      while (Date.now() < closes) {
        try {
          await one();
          const ended = Date.now();
          if (ended >= opens && ended < closes) completed += 1;
        } catch {
          failed += 1;
        }
      }
    }),
  );
  clearTimeout(opening);
  clearTimeout(closing);
  return { perSecond: completed / (windowMs / 1000), completed, failed, during: measured ?? during.stop() };
}

/** Median and spread (lowest, highest) of repeated measurements. */
export function spread(values: readonly number[]): { median: number; min: number; max: number; n: number } {
  const sorted = [...values].sort((a, b) => a - b);
  const middle = sorted.length / 2;
  const median =
    sorted.length % 2
      ? (sorted[Math.floor(middle)] ?? NaN)
      : ((sorted[middle - 1] ?? NaN) + (sorted[middle] ?? NaN)) / 2;
  return { median, min: sorted[0] ?? NaN, max: sorted[sorted.length - 1] ?? NaN, n: sorted.length };
}

/** The whole machine's busy cores (200 = two cores busy) since the last call, from /proc/stat. */
export function machineBusy(): () => number {
  const read = () => {
    const fields = (readFileSync('/proc/stat', 'utf8').split('\n')[0] ?? '').trim().split(/\s+/).slice(1).map(Number);
    const idle = (fields[3] ?? 0) + (fields[4] ?? 0);
    return { total: fields.reduce((a, b) => a + b, 0), idle };
  };
  const cores = cpus().length;
  let last = read();
  return () => {
    const now = read();
    const total = now.total - last.total;
    const busy = total > 0 ? ((total - (now.idle - last.idle)) / total) * 100 * cores : 0;
    last = now;
    return Math.round(busy);
  };
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
