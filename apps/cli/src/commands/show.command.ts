import { positionals } from '../args';
import { processPath, type ProcessResource, type TimelineEntry } from '../api-types';
import { defineCommand } from '../command';
import { ApiError } from '../exit-codes';
import { renderProcess } from '../process-view';

export const showCommand = defineCommand({
  name: 'show',
  summary: 'show one process: stage, deadlines, allowed actions, timeline',
  usage: `usage: comity show <process id>

Prints the live state (stage, deadlines with the time left, the actions you may take now) and,
when the API has it, the timeline. --json prints the process with a "timeline" array added.`,
  options: {},
  run: async (ctx, { positionals: args }) => {
    const [id = ''] = positionals(args, ['process id']);
    const client = ctx.client();
    const process = await client.get<ProcessResource>(processPath(id));
    let timeline: readonly TimelineEntry[] | undefined;
    try {
      timeline = (await client.get<{ items: readonly TimelineEntry[] }>(processPath(id, '/timeline'))).items;
    } catch (err) {
      // An API without the timeline endpoint: show the process without it.
      if (!(err instanceof ApiError && err.missingRoute)) throw err;
    }
    const body = timeline ? { ...process, timeline } : process;
    ctx.print(body, () => renderProcess(process, ctx.runtime.now(), timeline));
  },
});
