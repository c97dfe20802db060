import { apiGet, processTypes } from './api';
import type { DeadLetterPage, Incidents, LiveTransition, ProcessPage, StalledProcesses } from './api-types';
import { h, joined, scrollingTable } from './dom';
import { when } from './format';
import { english, formatNumber, t, tParts } from './i18n';
import { waitingColumns, waitingRow } from './inbox';
import { inboxRows, labelsOf, type Labels } from './inbox-model';
import { announce, readSoon, type View } from './view';

const PAGE = 50;

const processLink = (id: string) => h('a', { href: `#/process/${encodeURIComponent(id)}` }, id);

function stalledTable(stalled: StalledProcesses, labels: Labels): HTMLElement {
  if (!stalled.items.length) return h('p', {}, t('incidents.noStalled'));
  return scrollingTable(
    t('incidents.stalledTable'),
    [t('inbox.columnProcess'), t('inbox.columnType'), t('incidents.columnStarted'), t('incidents.columnTemporal')],
    h(
      'tbody',
      {},
      ...stalled.items.map((s) =>
        h(
          'tr',
          { 'data-process-id': s.id },
          h('th', { scope: 'row' }, processLink(s.id)),
          h('td', {}, labels.type(s.workflowType)),
          h('td', {}, s.startedAt ? when(s.startedAt) : '—'),
          h('td', {}, s.problems.join('; ')),
        ),
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
      h('td', { class: 'reason' }, english(d.reason)),
      h('td', {}, d.agencyId ?? d.originalTopic ?? '—'),
      h('td', {}, d.messageKey ? processLink(d.messageKey) : '—'),
    ),
  );
}

const failed = (parts: readonly (string | Node)[]) => h('p', { class: 'error', role: 'alert' }, ...parts);
/** The API's message, in English. */
const reason = (err: unknown) => ({ error: english((err as Error).message) });

/**
 * What needs attention (coordinators, auditors, administrators): processes past a deadline (from
 * the read model), processes whose workflow task keeps failing (from Temporal), and (not for
 * auditors: they are not filtered by handling code) messages that agencies or services sent which
 * could not be applied, with the check they failed and why. Each part loads on its own, so one
 * that cannot answer (Temporal down) does not hide the others.
 */
export function incidentsView(root: HTMLElement, showDeadLetters: boolean): View {
  const overdueBox = h('div', { 'aria-busy': 'true' }, t('common.loading'));
  const stalledBox = h('div', { 'aria-busy': 'true' }, t('common.loading'));
  const deadBody = h('tbody');
  const more = h('button', { type: 'button', hidden: true }, t('list.showMore'));
  const deadBox = h('div', { 'aria-busy': 'true' }, t('common.loading'));
  root.replaceChildren(
    h('h1', {}, t('incidents.heading')),
    h('h2', { id: 'overdue-heading' }, t('incidents.overdueHeading')),
    overdueBox,
    h('h2', {}, t('incidents.stalledHeading')),
    stalledBox,
    ...(showDeadLetters
      ? [h('h2', {}, t('incidents.deadHeading')), h('p', { class: 'hint' }, t('incidents.deadHint')), deadBox, more]
      : []),
  );
  const labelled = () => processTypes().then(labelsOf);
  /** Each part's newest read: an older answer arriving late is not drawn over it. */
  const generations = { overdue: 0, stalled: 0, dead: 0 };
  let cursor: string | undefined;
  let fetchingMore = false;

  const loadOverdue = async () => {
    const mine = ++generations.overdue;
    overdueBox.setAttribute('aria-busy', 'true');
    try {
      const [known, overdue] = await Promise.all([
        labelled(),
        apiGet<ProcessPage>(`/api/v1/processes?overdue=true&limit=${PAGE}`),
      ]);
      if (mine !== generations.overdue) return;
      const now = Date.now();
      const late = inboxRows(overdue.items, known);
      overdueBox.replaceChildren(
        late.length
          ? scrollingTable(
              t('incidents.overdueTable'),
              waitingColumns(),
              h('tbody', {}, ...late.map((r) => waitingRow(r, now))),
            )
          : h('p', {}, t('incidents.noOverdue')),
        ...(overdue.nextCursor ? [h('p', {}, t('incidents.mostUrgentShown', { shown: formatNumber(PAGE) }))] : []),
      );
    } catch (err) {
      if (mine === generations.overdue)
        overdueBox.replaceChildren(failed(tParts('incidents.overdueFailed', reason(err))));
    }
    if (mine === generations.overdue) overdueBox.setAttribute('aria-busy', 'false');
  };
  const loadStalled = async () => {
    const mine = ++generations.stalled;
    stalledBox.setAttribute('aria-busy', 'true');
    try {
      const [known, stalled] = await Promise.all([labelled(), apiGet<StalledProcesses>('/api/v1/stalled')]);
      if (mine === generations.stalled) stalledBox.replaceChildren(stalledTable(stalled, known));
    } catch (err) {
      if (mine === generations.stalled)
        stalledBox.replaceChildren(failed(tParts('incidents.stalledFailed', reason(err))));
    }
    if (mine === generations.stalled) stalledBox.setAttribute('aria-busy', 'false');
  };
  const loadDead = async () => {
    const mine = ++generations.dead;
    deadBox.setAttribute('aria-busy', 'true');
    // No "more" of the old list while the new one is read.
    cursor = undefined;
    more.hidden = true;
    try {
      const dead = await apiGet<DeadLetterPage>(`/api/v1/dead-letters?limit=${PAGE}`);
      if (mine !== generations.dead) return;
      deadBody.replaceChildren(...deadLetterRows(dead));
      deadBox.replaceChildren(
        dead.items.length
          ? scrollingTable(
              t('incidents.deadHeading'),
              [
                t('incidents.columnWhen'),
                t('incidents.columnCheck'),
                t('incidents.columnWhy'),
                t('incidents.columnFrom'),
                t('inbox.columnProcess'),
              ],
              deadBody,
              { class: 'inbox dead-letters' },
            )
          : h('p', {}, t('incidents.noDead')),
      );
      cursor = dead.nextCursor;
      more.hidden = !cursor;
    } catch (err) {
      if (mine === generations.dead) deadBox.replaceChildren(failed(tParts('incidents.deadFailed', reason(err))));
    }
    if (mine === generations.dead) deadBox.setAttribute('aria-busy', 'false');
  };
  more.addEventListener('click', () => {
    // Not disabled while it fetches (that would drop the focus): a second click is ignored.
    if (!cursor || fetchingMore) return;
    fetchingMore = true;
    const mine = generations.dead;
    void apiGet<DeadLetterPage>(`/api/v1/dead-letters?limit=${PAGE}&cursor=${encodeURIComponent(cursor)}`)
      .then(
        (page) => {
          // The list was read again meanwhile: this page followed the old one.
          if (mine !== generations.dead) return;
          deadBody.append(...deadLetterRows(page));
          cursor = page.nextCursor;
          more.hidden = !cursor;
          const shown = deadBody.childElementCount;
          announce(t('incidents.deadShown', { count: shown, shown: formatNumber(shown) }));
        },
        (err: unknown) => announce(joined(tParts('incidents.moreFailed', reason(err)))),
      )
      .finally(() => {
        fetchingMore = false;
      });
  });
  const loadAll = () => {
    void loadOverdue();
    void loadStalled();
    if (showDeadLetters) void loadDead();
  };
  loadAll();
  const reload = readSoon(() => void loadOverdue());
  return {
    // A transition can make a process overdue or no longer; dead letters and stalls do not come over the stream.
    onTransition: (_event: LiveTransition) => {
      reload.soon();
    },
    refresh: loadAll,
    dispose: () => reload.cancel(),
  };
}

/** The header's count of what needs attention, and the same in words for screen readers (what is not known is not counted). */
export function incidentsSummary(counts: Incidents): { detail: string; total: number } {
  const total = counts.overdue + (counts.stalled ?? 0) + (counts.deadLetters ?? 0);
  const detail = [
    t('incidents.summaryOverdue', { shown: formatNumber(counts.overdue) }),
    counts.stalled === null
      ? t('incidents.summaryStalledUnknown')
      : t('incidents.summaryStalled', { count: counts.stalled, shown: formatNumber(counts.stalled) }),
    ...(counts.deadLetters === null
      ? []
      : [t('incidents.summaryDead', { count: counts.deadLetters, shown: formatNumber(counts.deadLetters) })]),
  ].join(', ');
  return { detail, total };
}
