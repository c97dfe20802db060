/**
 * For `npm run bench:documents -- --profile`: where the API's CPU goes in each phase, from the V8
 * CPU profile the API writes on exit (`--cpu-prof` through NODE_OPTIONS). A profile's sample times
 * are CLOCK_MONOTONIC microseconds, the clock of process.hrtime in the benchmark, so each phase's
 * samples are picked by the phase's window. The profiler slows the API: a profiled run's rates are
 * not the benchmark's figures.
 */
import { readdirSync, readFileSync } from 'node:fs';
import * as path from 'node:path';

interface CpuProfile {
  nodes: { id: number; callFrame: { functionName: string; url: string; lineNumber: number } }[];
  startTime: number;
  samples: number[];
  timeDeltas: number[];
}

/** Now, on the clock of a CPU profile's samples (µs). */
export const monotonicMicros = (): number => Number(process.hrtime.bigint() / 1000n);

/** The profile the main thread of process `pid` wrote into `dir` (CPU.<date>.<time>.<pid>.<thread>.<n>.cpuprofile), if any. */
export function profileOf(dir: string, pid: number): CpuProfile | undefined {
  const file = readdirSync(dir).find((name) => {
    const fields = name.split('.');
    return name.endsWith('.cpuprofile') && fields[3] === String(pid) && fields[4] === '0';
  });
  return file ? (JSON.parse(readFileSync(path.join(dir, file), 'utf8')) as CpuProfile) : undefined;
}

const frameName = (frame: CpuProfile['nodes'][number]['callFrame']) => {
  if (!frame.url) return frame.functionName || '(anonymous)';
  const at = frame.url.replace(/^file:\/\//, '');
  const where = at.includes('node_modules/')
    ? at.slice(at.lastIndexOf('node_modules/') + 'node_modules/'.length)
    : at.startsWith('node:')
      ? at
      : path.relative(path.resolve(__dirname, '../..'), at);
  return `${frame.functionName || '(anonymous)'} ${where}:${frame.lineNumber + 1}`;
};

/** The functions with the most self time between `fromUs` and `toUs`, as shares (%) of the samples there. */
export function topFunctions(profile: CpuProfile, fromUs: number, toUs: number, count = 12) {
  const nodes = new Map(profile.nodes.map((n) => [n.id, n]));
  const hits = new Map<string, number>();
  let at = profile.startTime;
  let total = 0;
  profile.samples.forEach((id, i) => {
    at += profile.timeDeltas[i] ?? 0;
    if (at < fromUs || at > toUs) return;
    const node = nodes.get(id);
    if (!node) return;
    const name = frameName(node.callFrame);
    hits.set(name, (hits.get(name) ?? 0) + 1);
    total += 1;
  });
  return {
    samples: total,
    top: [...hits.entries()]
      .sort((a, b) => b[1] - a[1])
      .slice(0, count)
      .map(([fn, n]) => ({ function: fn, percent: Math.round((n / Math.max(1, total)) * 1000) / 10 })),
  };
}
