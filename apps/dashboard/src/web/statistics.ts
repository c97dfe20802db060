import { apiDownload, ApiError, apiGet } from './api';
import type { Figures, Statistics } from './api-types';
import { barChart, dataTable, lineChart, type Series } from './charts';
import { h } from './dom';
import { isoDate } from './format';
import type { View } from './view';

const DAY = 86_400_000;
const groupings = ['type', 'direction', 'counterpartState', 'offence', 'legalBasis'] as const;
const outcomeNames = ['executed', 'partly-executed', 'refused', 'withdrawn', 'closed'] as const;

interface Period {
  from: string;
  to: string;
  groupBy: (typeof groupings)[number];
}

/** Figures per group as chart series (category = group key). */
export function seriesOf(
  groups: readonly { key: string; figures: Figures }[],
  pick: Readonly<Record<string, (f: Figures) => number | null>>,
): Series[] {
  return Object.entries(pick).map(([name, get]) => ({ name, values: groups.map((g) => get(g.figures) ?? 0) }));
}

/** Whether any group has a median at all (a median of 0.0 days is a figure; null is none). */
export function hasMedians(groups: readonly { figures: Figures }[]): boolean {
  return groups.some(({ figures: f }) =>
    [f.daysToAcknowledge, f.daysToDecide, f.daysToExecute].some((d) => d.median !== null),
  );
}

function charts(stats: Statistics, monthly: Statistics): HTMLElement[] {
  const keys = stats.groups.map((g) => g.key);
  const months = monthly.groups.map((g) => g.key);
  const volume = seriesOf(stats.groups, { sent: (f) => f.sent, received: (f) => f.received });
  const outcomes = seriesOf(
    stats.groups,
    Object.fromEntries(outcomeNames.map((o) => [o, (f: Figures) => f.outcomes[o] ?? 0])),
  );
  const speed = seriesOf(stats.groups, {
    'to acknowledge': (f) => f.daysToAcknowledge.median,
    'to decide': (f) => f.daysToDecide.median,
    'to execute': (f) => f.daysToExecute.median,
  });
  const trend = seriesOf(monthly.groups, { sent: (f) => f.sent, received: (f) => f.received });
  const by = `by ${stats.groupBy}`;
  return [
    barChart(`Requests sent and received, ${by}`, keys, volume),
    dataTable('Requests sent and received', keys, volume),
    barChart(`Outcomes, ${by}`, keys, outcomes),
    dataTable('Outcomes', keys, outcomes),
    ...(hasMedians(stats.groups)
      ? [barChart(`Median days, ${by}`, keys, speed), dataTable('Median days', keys, speed)]
      : [
          h(
            'p',
            { class: 'no-medians' },
            'Median days: no request in this period has been acknowledged, decided or executed yet.',
          ),
        ]),
    lineChart('Requests opened per month', months, trend),
    dataTable('Requests opened per month', months, trend),
  ];
}

function totals(total: Figures): HTMLElement {
  const share = total.withinDeadline.share;
  const entries: [string, string | number][] = [
    ['Opened', total.opened],
    ['Sent', total.sent],
    ['Received', total.received],
    ['Pending', total.pending.count],
    ['Median age of pending (days)', total.pending.medianAgeDays ?? '—'],
    ['Completed within deadline', share === null ? '—' : `${Math.round(share * 100)} %`],
  ];
  // A div per pair (allowed in a dl) keeps each figure with its label in the grid.
  return h(
    'dl',
    { class: 'totals' },
    ...entries.map(([t, v]) => h('div', {}, h('dt', {}, t), h('dd', { 'data-total': t }, v))),
  );
}

function picker(period: Period, onApply: (p: Period) => void): HTMLFormElement {
  const from = h('input', { type: 'date', name: 'from', value: period.from, required: true });
  const to = h('input', { type: 'date', name: 'to', value: period.to, required: true });
  const groupBy = h(
    'select',
    { name: 'groupBy' },
    ...groupings.map((g) => h('option', { value: g, selected: g === period.groupBy }, g)),
  );
  const form = h(
    'form',
    { class: 'filters period', 'aria-label': 'Period and grouping' },
    h('label', { class: 'field' }, 'From', from),
    h('label', { class: 'field' }, 'To', to),
    h('label', { class: 'field' }, 'Group by', groupBy),
    h('button', { type: 'submit' }, 'Show'),
  );
  const preset = (label: string, days: number | 'year') =>
    h(
      'button',
      {
        type: 'button',
        onclick: () => {
          const now = Date.now();
          from.value = days === 'year' ? `${new Date(now).getUTCFullYear()}-01-01` : isoDate(now - days * DAY);
          to.value = isoDate(now);
          form.requestSubmit();
        },
      },
      label,
    );
  form.append(
    h(
      'span',
      { class: 'presets' },
      preset('Last 30 days', 30),
      preset('Last 12 months', 365),
      preset('This year', 'year'),
    ),
  );
  form.addEventListener('submit', (e) => {
    e.preventDefault();
    if (from.value > to.value) {
      to.setCustomValidity('must not be before From');
      to.reportValidity();
      return;
    }
    to.setCustomValidity('');
    onApply({ from: from.value, to: to.value, groupBy: groupBy.value as Period['groupBy'] });
  });
  return form;
}

/** FATF R.33 / IO.2 statistics: charts for a chosen period and grouping. */
export function statisticsView(root: HTMLElement): View {
  const now = Date.now();
  let period: Period = { from: isoDate(now - 365 * DAY), to: isoDate(now), groupBy: 'type' };
  const output = h('div', { class: 'statistics', 'aria-live': 'polite', 'aria-busy': 'true' });
  const load = async () => {
    output.setAttribute('aria-busy', 'true');
    try {
      const query = (groupBy: string) => new URLSearchParams({ from: period.from, to: period.to, groupBy });
      const [stats, monthly] = await Promise.all([
        apiGet<Statistics>(`/api/v1/statistics?${query(period.groupBy)}`),
        apiGet<Statistics>(`/api/v1/statistics?${query('month')}`),
      ]);
      output.replaceChildren(
        h('p', { class: 'period-shown' }, `${stats.period.from} to ${stats.period.to}, seen from ${stats.ownState}`),
        totals(stats.total),
        ...(stats.groups.length ? charts(stats, monthly) : [h('p', {}, 'No processes in this period.')]),
      );
    } catch (err) {
      const message =
        err instanceof ApiError && err.status === 403
          ? 'Statistics are for coordinators, auditors and administrators.'
          : `Could not load the statistics: ${(err as Error).message}`;
      output.replaceChildren(h('p', { class: 'error', role: 'alert' }, message));
    }
    output.setAttribute('aria-busy', 'false');
  };
  const downloadStatus = h('span', { class: 'download-status', role: 'status' });
  const download = h(
    'button',
    {
      type: 'button',
      onclick: () => {
        const { from, to, groupBy } = period;
        downloadStatus.textContent = 'Preparing the CSV…';
        apiDownload(
          `/api/v1/statistics?${new URLSearchParams({ from, to, groupBy, format: 'csv' })}`,
          `statistics-${from}-${to}.csv`,
        ).then(
          () => (downloadStatus.textContent = `CSV of ${from} to ${to} by ${groupBy} downloaded.`),
          (err: unknown) => (downloadStatus.textContent = `Could not download the CSV: ${(err as Error).message}`),
        );
      },
    },
    'Download CSV',
  );
  root.replaceChildren(
    h('h1', {}, 'Statistics (FATF R.33 / IO.2)'),
    picker(period, (p) => {
      period = p;
      void load();
    }),
    h('p', { class: 'export' }, download, ' ', downloadStatus),
    output,
  );
  void load();
  return {};
}
