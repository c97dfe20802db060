import { applySets, parseJsonObject, positionals } from '../args';
import { processPath, type ProcessResource } from '../api-types';
import { defineCommand } from '../command';
import { renderStageAndActions } from '../process-view';

export const actCommand = defineCommand({
  name: 'act',
  summary: 'take an action on a process; prints the new stage and allowed actions',
  usage: `usage: comity act <process id> <action> [--payload <json|@file>] [--set key=value ...] [--idempotency-key <key>]

  --payload <json|@file>     the action's payload, a JSON object
  --set key=value            a string field of the payload (repeatable; a.b=c nests)
  --set key:=<json>          a JSON field, e.g. --set count:=3 --set urgent:=true
  --idempotency-key <key>    8-200 characters; a repeat returns the first result and changes nothing`,
  options: {
    payload: { type: 'string' },
    set: { type: 'string', multiple: true },
    'idempotency-key': { type: 'string' },
  },
  run: async (ctx, { values, positionals: args }) => {
    const [id = '', action = ''] = positionals(args, ['process id', 'action']);
    const base = values.payload === undefined ? {} : parseJsonObject(values.payload, '--payload', ctx.runtime.readFile);
    const payload = applySets(base, values.set ?? []);
    const result = await ctx.client().post<ProcessResource>(processPath(id, '/actions'), {
      action,
      ...(Object.keys(payload).length ? { payload } : {}),
      idempotencyKey: values['idempotency-key'],
    });
    ctx.print(result, () => renderStageAndActions(result));
  },
});
