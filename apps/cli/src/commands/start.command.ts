import { oneOf, parseJsonObject, parseParties, positionals, required } from '../args';
import type { StartedProcess } from '../api-types';
import { defineCommand } from '../command';
import { UsageError } from '../exit-codes';

const priorities = ['urgent', 'high', 'normal'] as const;
const handlingCodes = ['H0', 'H1', 'H2', 'H3'] as const;

export const startCommand = defineCommand({
  name: 'start',
  summary: 'start a process of any type (coordinator, admin)',
  usage: `usage: comity start <type> --legal-basis <basis> --party <slot>=<agency id>:<state> ... [flags]

  <type>                     a process type: mla, extradition, ...
  --legal-basis <basis>      e.g. UNTOC (docs/legal-bases.md)
  --party <slot>=<agency>:<state>
                             one per party slot, e.g. --party requesting=it-ministry-of-justice:IT
                             --party requested=ly-attorney-general:LY
                             --party requested=LY (the directory's competent authority in LY)
  --case <case id>           the case it belongs to (comity cases open)
  --priority <p>             urgent, high or normal (default); deadlines depend on it
  --handling-code <H0-H3>    default H1
  --data <json|@file>        a JSON object carried in the start event
  --idempotency-key <key>    8-200 characters; a repeat returns the process the first start made`,
  options: {
    'legal-basis': { type: 'string' },
    party: { type: 'string', multiple: true },
    case: { type: 'string' },
    priority: { type: 'string' },
    'handling-code': { type: 'string' },
    data: { type: 'string' },
    'idempotency-key': { type: 'string' },
  },
  run: async (ctx, { values, positionals: args }) => {
    const [type = ''] = positionals(args, ['type']);
    const parties = parseParties(values.party ?? []);
    if (Object.keys(parties).length === 0)
      throw new UsageError('at least one --party <slot>=<agency>:<state> is required');
    const body = {
      type,
      caseId: values.case,
      legalBasis: required(values['legal-basis'], '--legal-basis'),
      priority: oneOf(values.priority, priorities, '--priority'),
      handlingCode: oneOf(values['handling-code'], handlingCodes, '--handling-code'),
      parties,
      data: values.data === undefined ? undefined : parseJsonObject(values.data, '--data', ctx.runtime.readFile),
      idempotencyKey: values['idempotency-key'],
    };
    const started = await ctx.client().post<StartedProcess>('/api/v1/processes', body);
    ctx.print(started, () =>
      started.created
        ? `started ${started.id} (${started.type}), stage ${started.stage}`
        : `already started by an earlier request with this key: ${started.id} (${started.type}), stage ${started.stage}`,
    );
  },
});
