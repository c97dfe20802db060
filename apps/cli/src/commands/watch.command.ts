import { setTimeout as sleep } from 'node:timers/promises';
import { positionals } from '../args';
import { processPath, type ProcessResource } from '../api-types';
import { defineCommand } from '../command';
import { ExitCode, UsageError } from '../exit-codes';
import { parseDuration } from '../humanise';
import { stageOf } from '../process-view';

/** One line per change: when it changed, the sequence, the stage, and flags. */
export function watchLine(p: ProcessResource): string {
  const flags = [p.overdue ? 'OVERDUE' : '', p.terminal ? 'final' : ''].filter(Boolean).join(', ');
  return `${p.updatedAt}  #${p.sequence}  ${stageOf(p)}${flags ? `  [${flags}]` : ''}`;
}

export const watchCommand = defineCommand({
  name: 'watch',
  summary: 'follow a process live: one line per change of stage or sequence',
  usage: `usage: comity watch <process id> [--interval 2s] [--until-final]

  --interval <d>     how often to ask the API: 500ms, 2s (default), 1m
  --until-final      exit 0 once the process reaches a final stage

Ctrl-C stops watching (exit code 130). --json prints each change as one line of JSON.`,
  options: {
    interval: { type: 'string' },
    'until-final': { type: 'boolean' },
  },
  run: async (ctx, { values, positionals: args }) => {
    const [id = ''] = positionals(args, ['process id']);
    const interval = parseDuration(values.interval ?? '2s');
    if (interval === undefined || interval < 100) {
      throw new UsageError('--interval must be a duration of at least 100ms, like 500ms, 2s or 1m');
    }
    const interrupt = new AbortController();
    const unsubscribe = ctx.runtime.onInterrupt(() => interrupt.abort());
    try {
      const client = ctx.client(interrupt.signal);
      let last: { stage: string; sequence: number } | undefined;
      for (;;) {
        const process = await client.get<ProcessResource>(processPath(id));
        if (!last || last.stage !== process.stage || last.sequence !== process.sequence) {
          ctx.out(ctx.json ? JSON.stringify(process) : watchLine(process));
          last = { stage: process.stage, sequence: process.sequence };
        }
        if (values['until-final'] && process.terminal) return ExitCode.Ok;
        await sleep(interval, undefined, { signal: interrupt.signal });
      }
    } catch (err) {
      if (interrupt.signal.aborted) return ExitCode.Interrupted;
      throw err;
    } finally {
      unsubscribe();
    }
  },
});
