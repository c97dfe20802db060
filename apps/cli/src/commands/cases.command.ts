import { oneOf, positionals, required } from '../args';
import type { CaseView, OpenedCase } from '../api-types';
import { defineCommand } from '../command';
import type { Context } from '../context';
import { ApiError, CliError, ExitCode } from '../exit-codes';
import { shortTime } from '../humanise';
import { indent, renderFields, renderTable } from '../output';

/** Cases are new in the API: an API without the route says so plainly. */
async function casesCall<T>(ctx: Context, call: () => Promise<T>): Promise<T> {
  try {
    return await call();
  } catch (err) {
    if (err instanceof ApiError && err.missingRoute) {
      throw new CliError(ExitCode.Unavailable, err.code, `this API has no cases endpoint (${ctx.baseUrl()})`);
    }
    throw err;
  }
}

/** Read as possibly partial: a field an answer lacks shows as '-', never as a crash after the server acted. */
const renderCase = (answer: OpenedCase | CaseView): string => {
  const c: Partial<OpenedCase & CaseView> = answer;
  const fields = renderFields([
    ['case', c.caseId ?? '-'],
    ['title', c.title ?? '-'],
    ['handling code', c.handlingCode ?? '-'],
    ['opened', c.openedAt ? `${shortTime(c.openedAt)} by ${c.openedBy?.userId ?? '?'}` : '-'],
  ]);
  if (!c.processes) return fields;
  const processes = c.processes.length
    ? renderTable(
        [
          { header: 'id', value: (p) => p.id },
          { header: 'type', value: (p) => p.type },
          { header: 'stage', value: (p) => p.stage },
        ],
        c.processes,
      )
    : '(no processes)';
  return `${fields}\n\nprocesses\n${indent(processes)}`;
};

export const casesOpenCommand = defineCommand({
  name: 'cases open',
  summary: 'open a case that groups the processes about one network',
  usage: `usage: comity cases open --title <title> [--handling-code H0-H3] [--case-id <id>]

  --case-id <id>   the case's reference (e.g. a national file number); generated when absent.
                   Opening a case that exists answers it unchanged.`,
  options: {
    'case-id': { type: 'string' },
    title: { type: 'string' },
    'handling-code': { type: 'string' },
  },
  run: async (ctx, { values, positionals: args }) => {
    positionals(args, []);
    const body = {
      caseId: values['case-id'],
      title: required(values.title, '--title'),
      handlingCode: oneOf(values['handling-code'], ['H0', 'H1', 'H2', 'H3'], '--handling-code'),
    };
    const opened = await casesCall(ctx, () => ctx.client().post<OpenedCase>('/api/v1/cases', body));
    const what = opened.created === false ? `case ${opened.caseId} was already open` : `opened case ${opened.caseId}`;
    ctx.print(opened, () => `${what}\n${renderCase(opened)}`);
  },
});

export const casesShowCommand = defineCommand({
  name: 'cases show',
  summary: 'show a case and its processes',
  usage: `usage: comity cases show <case id>`,
  options: {},
  run: async (ctx, { positionals: args }) => {
    const [id = ''] = positionals(args, ['case id']);
    const found = await casesCall(ctx, () => ctx.client().get<CaseView>(`/api/v1/cases/${encodeURIComponent(id)}`));
    ctx.print(found, () => renderCase(found));
  },
});
