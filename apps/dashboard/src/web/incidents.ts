import { apiGet } from './api';
import type {
  DeadLetterPage,
  Incidents,
  LiveTransition,
  ProcessPage,
  ProcessTypeList,
  StalledProcesses,
} from './api-types';
import { h } from './dom';
import { when } from './format';
import { WAITING_COLUMNS, waitingRow } from './inbox';
import { inboxRows, labelsOf, type Labels } from './inbox-model';
import { announce, type View } from './view';

const PAGE = 50;

const processLink = (id: string) => h('a', { href: `#/process/${encodeURIComponent(id)}` }, id);

function table(label: string, columns: readonly string[], rows: readonly HTMLElement[]): HTMLElement {
  return h(
    'div',
    { class: 'table-scroll', role: 'region', tabindex: 0, 'aria-label': `${label}, scrollable` },
    h(
      'table',
      { class: 'inbox', 'aria-label': label },
      h('thead', {}, h('tr', {}, ...columns.map((t) => h('th', { scope: 'col' }, t)))),
      h('tbody', {}, ...rows),
    ),
  );
}

function stalledTable(stalled: StalledProcesses, labels: Labels): HTMLElement {
  if (!stalled.items.length) return h('p', {}, 'No process is stalled.');
  return table(
    'Stalled processes',
    ['Process', 'Type', 'Started', 'What Temporal reports'],
    stalled.items.map((s) =>
      h(
        'tr',
        { 'data-process-id': s.id },
        h('th', { scope: 'row' }, processLink(s.id)),
        h('td', {}, labels.type(s.workflowType)),
        h('td', {}, s.startedAt ? when(s.startedAt) : '—'),
        h('td', {}, s.problems.join('; ')),
      ),
    ),
  );
}

function deadLetterRows(page: DeadLetterPage): HTMLElement[] {
  return page.items.map((d) =>
    h(
      'tr',
      { 'data-dead-letter': d.id },
      h('th', { scope: 'row' }, h('time', { datetime: d.deadLetteredAt }, when(d.deadLetteredAt))),
      h('td', {}, d.code ? `${d.check} (${d.code})` : d.check),
      h('td', { class: 'reason' }, d.reason),
      h('td', {}, d.agencyId ?? d.originalTopic ?? '—'),
      h('td', {}, d.messageKey ? processLink(d.messageKey) : '—'),
    ),
  );
}

/**
 * What needs attention (coordinators, auditors, administrators): processes past a deadline (from
 * the read model), processes whose workflow task keeps failing (from Temporal), and messages that
 * agencies or services sent which could not be applied, with the check they failed and why.
 */
export function incidentsView(root: HTMLElement): View {
  const status = h('p', { role: 'status' }, 'Loading…');
  const overdueBox = h('div');
  const stalledBox = h('div');
  const deadBody = h('tbody');
  const more = h('button', { type: 'button', hidden: true }, 'Show more');
  const deadBox = h('div');
  root.replaceChildren(
    h('h1', {}, 'Incidents'),
    status,
    h('h2', { id: 'overdue-heading' }, 'Past a deadline'),
    overdueBox,
    h('h2', {}, 'Stalled: the workflow cannot run'),
    stalledBox,
    h('h2', {}, 'Dead-lettered messages'),
    h(
      'p',
      { class: 'hint' },
      'Answers and events a consumer could not apply. Nothing was changed by them; the sender must send a corrected one.',
    ),
    deadBox,
    more,
  );
  let labels: Labels | undefined;
  let cursor: string | undefined;
  let generation = 0;

  const load = async () => {
    const mine = ++generation;
    try {
      labels ??= labelsOf(await apiGet<ProcessTypeList>('/api/v1/process-types'));
      const [overdue, stalled, dead] = await Promise.all([
        apiGet<ProcessPage>(`/api/v1/processes?overdue=true&limit=${PAGE}`),
        apiGet<StalledProcesses>('/api/v1/stalled'),
        apiGet<DeadLetterPage>(`/api/v1/dead-letters?limit=${PAGE}`),
      ]);
      if (mine !== generation) return;
      const now = Date.now();
      const late = inboxRows(overdue.items, labels);
      overdueBox.replaceChildren(
        late.length
          ? table(
              'Processes past a deadline',
              WAITING_COLUMNS,
              late.map((r) => waitingRow(r, now)),
            )
          : h('p', {}, 'No process is past a deadline.'),
        ...(overdue.nextCursor ? [h('p', {}, `The ${PAGE} most urgent are shown; the pipeline counts them all.`)] : []),
      );
      stalledBox.replaceChildren(stalledTable(stalled, labels));
      deadBody.replaceChildren(...deadLetterRows(dead));
      deadBox.replaceChildren(
        dead.items.length
          ? h(
              'div',
              {
                class: 'table-scroll',
                role: 'region',
                tabindex: 0,
                'aria-label': 'Dead-lettered messages, scrollable',
              },
              h(
                'table',
                { class: 'inbox dead-letters', 'aria-label': 'Dead-lettered messages' },
                h(
                  'thead',
                  {},
                  h(
                    'tr',
                    {},
                    ...['When', 'Check failed', 'Why', 'From', 'Process'].map((t) => h('th', { scope: 'col' }, t)),
                  ),
                ),
                deadBody,
              ),
            )
          : h('p', {}, 'No message has been dead-lettered.'),
      );
      cursor = dead.nextCursor;
      more.hidden = !cursor;
      status.textContent = `${late.length}${overdue.nextCursor ? '+' : ''} past a deadline, ${stalled.items.length} stalled, ${dead.items.length}${cursor ? '+' : ''} dead-lettered.`;
    } catch (err) {
      if (mine === generation) status.textContent = `Could not load the incidents: ${(err as Error).message}`;
    }
  };
  more.addEventListener('click', () => {
    if (!cursor) return;
    const from = cursor;
    void apiGet<DeadLetterPage>(`/api/v1/dead-letters?limit=${PAGE}&cursor=${encodeURIComponent(from)}`).then(
      (page) => {
        deadBody.append(...deadLetterRows(page));
        cursor = page.nextCursor;
        more.hidden = !cursor;
        announce(`${deadBody.childElementCount} dead-lettered messages shown.`);
      },
      (err: unknown) => announce(`Could not load more: ${(err as Error).message}`),
    );
  });
  void load();
  let reload: ReturnType<typeof setTimeout> | undefined;
  const again = () => {
    clearTimeout(reload);
    reload = setTimeout(() => void load(), 700);
  };
  return {
    onTransition: (_event: LiveTransition) => again(),
    refresh: again,
    dispose: () => clearTimeout(reload),
  };
}

/** The header's count of what needs attention, and the same in words for screen readers. */
export function incidentsSummary(counts: Incidents): { text: string; detail: string; total: number } {
  const total = counts.overdue + counts.stalled + counts.deadLetters;
  const detail = [
    `${counts.overdue} past a deadline`,
    `${counts.stalled} stalled`,
    `${counts.deadLetters} dead-lettered this week`,
  ].join(', ');
  return { text: String(total), detail, total };
}
