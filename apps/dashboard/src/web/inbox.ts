import { apiGet, processTypes } from './api';
import type { LiveTransition, ProcessPage } from './api-types';
import { h } from './dom';
import { shortId, timeLeft, when } from './format';
import { english, formatNumber, priorityName, t, tParts } from './i18n';
import { inboxRows, labelsOf, type InboxRow, type Labels } from './inbox-model';
import { announce, readSoon, type View } from './view';

const PAGE = 50;

/** The columns of a list of processes that wait: the inbox's, and the incidents' overdue list. */
export const waitingColumns = (): string[] => [
  t('inbox.columnProcess'),
  t('inbox.columnType'),
  t('inbox.columnStage'),
  t('inbox.columnWaitingFor'),
  t('inbox.columnPriority'),
  t('inbox.columnDue'),
  t('inbox.columnCase'),
];

/** One line of a list of processes that wait (waitingColumns). */
export function waitingRow(r: InboxRow, now: number): HTMLElement {
  return h(
    'tr',
    { class: r.overdue ? 'overdue' : '', 'data-process-id': r.id },
    h('th', { scope: 'row' }, h('a', { href: `#/process/${encodeURIComponent(r.id)}`, title: r.id }, shortId(r.id))),
    h('td', {}, r.typeTitle),
    h('td', {}, r.stageLabel),
    h('td', {}, r.waitingFor),
    h('td', {}, h('span', { class: `badge priority-${r.priority}` }, priorityName(r.priority))),
    h(
      'td',
      { class: 'due' },
      ...(r.deadline
        ? [
            h('span', { class: 'deadline-label' }, r.deadline.label),
            h('br'),
            h('time', { datetime: r.deadline.dueAt }, when(r.deadline.dueAt)),
            h('br'),
            h('span', { class: r.overdue ? 'overdue-text' : '' }, timeLeft(r.deadline.dueAt, now)),
          ]
        : [t('inbox.noDeadline')]),
    ),
    h('td', {}, r.caseId ? h('a', { href: `#/case/${encodeURIComponent(r.caseId)}` }, r.caseId) : '—'),
  );
}

/**
 * The inbox: what waits for the caller's agency (for a coordinator, for any agency), most urgent
 * first, with the deadline that falls due first; each line opens the process, where its actions are.
 * Paged by the API's cursor; a transition reads the first pages again.
 */
export function inboxView(root: HTMLElement, ownAgency?: string): View {
  const status = h('p', { role: 'status' }, t('common.loading'));
  const body = h('tbody');
  const more = h('button', { type: 'button', hidden: true }, t('list.showMore'));
  const table = h(
    'table',
    { class: 'inbox', 'aria-labelledby': 'inbox-heading', 'aria-busy': 'true' },
    h('thead', {}, h('tr', {}, ...waitingColumns().map((c) => h('th', { scope: 'col' }, c)))),
    body,
  );
  root.replaceChildren(
    h('h1', { id: 'inbox-heading' }, ownAgency ? t('inbox.headingOf', { agency: ownAgency }) : t('inbox.headingAll')),
    status,
    h('div', { class: 'table-scroll', role: 'region', tabindex: 0, 'aria-label': t('inbox.scrollable') }, table),
    more,
  );
  let labels: Labels | undefined;
  let cursor: string | undefined;
  let shown = 0;
  let generation = 0;

  /** Reads `pages` pages from the start (a refresh keeps what was shown) and draws them. */
  const load = async (pages: number) => {
    const mine = ++generation;
    try {
      labels ??= labelsOf(await processTypes());
      const rows: InboxRow[] = [];
      let next: string | undefined;
      for (let i = 0; i < pages; i++) {
        const query = new URLSearchParams({ limit: String(PAGE) });
        if (next) query.set('cursor', next);
        const page = await apiGet<ProcessPage>(`/api/v1/tasks?${query}`);
        rows.push(...inboxRows(page.items, labels));
        next = page.nextCursor;
        if (!next) break;
      }
      if (mine !== generation) return;
      const now = Date.now();
      body.replaceChildren(...rows.map((r) => waitingRow(r, now)));
      cursor = next;
      shown = rows.length;
      const hadFocus = document.activeElement === more;
      more.hidden = !cursor;
      // The last page came in: the button goes, and the focus to the last line rather than to nowhere.
      if (hadFocus && more.hidden) body.querySelector<HTMLElement>('tr:last-child a')?.focus();
      const overdue = rows.filter((r) => r.overdue).length;
      const waiting = `${formatNumber(rows.length)}${cursor ? '+' : ''}`;
      status.textContent = !rows.length
        ? t('inbox.nothingWaiting')
        : overdue
          ? t('inbox.waitingOverdue', { count: overdue, shown: waiting, overdue: formatNumber(overdue) })
          : t('inbox.waiting', { shown: waiting });
      table.setAttribute('aria-busy', 'false');
    } catch (err) {
      if (mine === generation)
        status.replaceChildren(...tParts('inbox.loadFailed', { error: english((err as Error).message) }));
    }
  };
  more.addEventListener('click', () => {
    if (!cursor) return;
    void load(Math.ceil(shown / PAGE) + 1).then(() =>
      announce(t('list.shown', { count: shown, shown: formatNumber(shown) })),
    );
  });
  void load(1);
  const reload = readSoon(() => void load(Math.max(1, Math.ceil(shown / PAGE))));
  return {
    onTransition: (_event: LiveTransition) => reload.soon(),
    refresh: () => reload.soon(),
    dispose: () => reload.cancel(),
  };
}
