import { positionals, positiveInt } from '../args';
import type { ProcessSummary, ProcessPage } from '../api-types';
import { defineCommand } from '../command';
import { renderList } from '../process-view';

export const listCommand = defineCommand({
  name: 'list',
  summary: 'list processes by priority then time left, filtered',
  usage: `usage: comity list [--type <type>] [--stage <stage>] [--case <case id>] [--agency <agency id>] [--overdue] [--limit N] [--all]

  --type, --stage, --case, --agency   filters
  --overdue                           only processes with an expired deadline
  --limit N                           page size, 1-200 (the API's default is 50)
  --all                               follow every page (--json then prints {"items": [...]})`,
  options: {
    type: { type: 'string' },
    stage: { type: 'string' },
    case: { type: 'string' },
    agency: { type: 'string' },
    overdue: { type: 'boolean' },
    limit: { type: 'string' },
    all: { type: 'boolean' },
  },
  run: async (ctx, { values, positionals: args }) => {
    positionals(args, []);
    const query = {
      type: values.type,
      stage: values.stage,
      caseId: values.case,
      agency: values.agency,
      overdue: values.overdue ? 'true' : undefined,
      limit: positiveInt(values.limit, '--limit', 200),
    };
    const client = ctx.client();
    const first = await client.get<ProcessPage>('/api/v1/processes', query);
    if (!values.all) {
      ctx.print(first, () => renderList(first.items, ctx.runtime.now()));
      if (first.nextCursor && !ctx.json) ctx.err(`(more processes: --all lists every page)`);
      return;
    }
    const items: ProcessSummary[] = [...first.items];
    const seen = new Set<string>();
    for (let cursor = first.nextCursor; cursor && !seen.has(cursor);) {
      seen.add(cursor);
      const page = await client.get<ProcessPage>('/api/v1/processes', { ...query, cursor });
      items.push(...page.items);
      cursor = page.nextCursor;
    }
    ctx.print({ items }, () => renderList(items, ctx.runtime.now()));
  },
});
