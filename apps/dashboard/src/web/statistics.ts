import { apiDownload, ApiError, apiGet } from './api';
import type { Figures, Statistics } from './api-types';
import { barChart, dataTable, lineChart, type Series } from './charts';
import { h } from './dom';
import { isoDate } from './format';
import { english, formatNumber, t, tParts } from './i18n';
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

/** A grouping as the reader's language names it; the API's code where the page has no name for it. */
function groupingName(grouping: string): string {
  switch (grouping) {
    case 'type':
      return t('statistics.groupingType');
    case 'direction':
      return t('statistics.groupingDirection');
    case 'counterpartState':
      return t('statistics.groupingCounterpartState');
    case 'offence':
      return t('statistics.groupingOffence');
    case 'legalBasis':
      return t('statistics.groupingLegalBasis');
    default:
      return grouping;
  }
}

function outcomeName(outcome: (typeof outcomeNames)[number]): string {
  switch (outcome) {
    case 'executed':
      return t('statistics.outcomeExecuted');
    case 'partly-executed':
      return t('statistics.outcomePartlyExecuted');
    case 'refused':
      return t('statistics.outcomeRefused');
    case 'withdrawn':
      return t('statistics.outcomeWithdrawn');
    case 'closed':
      return t('statistics.outcomeClosed');
  }
}

function charts(stats: Statistics, monthly: Statistics): HTMLElement[] {
  const keys = stats.groups.map((g) => g.key);
  const months = monthly.groups.map((g) => g.key);
  const sentAndReceived = {
    [t('statistics.seriesSent')]: (f: Figures) => f.sent,
    [t('statistics.seriesReceived')]: (f: Figures) => f.received,
  };
  const volume = seriesOf(stats.groups, sentAndReceived);
  const outcomes = seriesOf(
    stats.groups,
    Object.fromEntries(outcomeNames.map((o) => [outcomeName(o), (f: Figures) => f.outcomes[o] ?? 0])),
  );
  const speed = seriesOf(stats.groups, {
    [t('statistics.seriesToAcknowledge')]: (f) => f.daysToAcknowledge.median,
    [t('statistics.seriesToDecide')]: (f) => f.daysToDecide.median,
    [t('statistics.seriesToExecute')]: (f) => f.daysToExecute.median,
  });
  const trend = seriesOf(monthly.groups, sentAndReceived);
  const grouping = groupingName(stats.groupBy);
  const perMonth = t('statistics.openedPerMonth');
  return [
    barChart(t('statistics.volumeChart', { grouping }), keys, volume),
    dataTable(t('statistics.volume'), keys, volume),
    barChart(t('statistics.outcomesChart', { grouping }), keys, outcomes),
    dataTable(t('statistics.outcomes'), keys, outcomes),
    ...(hasMedians(stats.groups)
      ? [
          barChart(t('statistics.mediansChart', { grouping }), keys, speed),
          dataTable(t('statistics.medians'), keys, speed),
        ]
      : [h('p', { class: 'no-medians' }, t('statistics.noMedians'))]),
    lineChart(perMonth, months, trend),
    dataTable(perMonth, months, trend),
  ];
}

function totals(total: Figures): HTMLElement {
  const share = total.withinDeadline.share;
  const figure = (value: number | null) => (value === null ? '—' : formatNumber(value));
  // Each figure's `data-total` is its English name, whatever the reader's language.
  const entries: [string, string, string][] = [
    ['Opened', t('statistics.totalOpened'), figure(total.opened)],
    ['Sent', t('statistics.totalSent'), figure(total.sent)],
    ['Received', t('statistics.totalReceived'), figure(total.received)],
    ['Pending', t('statistics.totalPending'), figure(total.pending.count)],
    ['Median age of pending (days)', t('statistics.totalPendingAge'), figure(total.pending.medianAgeDays)],
    [
      'Completed within deadline',
      t('statistics.totalWithinDeadline'),
      share === null ? '—' : t('statistics.percent', { number: formatNumber(Math.round(share * 100)) }),
    ],
  ];
  // A div per pair (allowed in a dl) keeps each figure with its label in the grid.
  return h(
    'dl',
    { class: 'totals' },
    ...entries.map(([name, label, v]) => h('div', {}, h('dt', {}, label), h('dd', { 'data-total': name }, v))),
  );
}

function picker(period: Period, onApply: (p: Period) => void): HTMLFormElement {
  const from = h('input', { type: 'date', name: 'from', value: period.from, required: true });
  const to = h('input', { type: 'date', name: 'to', value: period.to, required: true });
  const groupBy = h(
    'select',
    { name: 'groupBy' },
    ...groupings.map((g) => h('option', { value: g, selected: g === period.groupBy }, groupingName(g))),
  );
  const form = h(
    'form',
    { class: 'filters period', 'aria-label': t('statistics.periodLabel') },
    h('label', { class: 'field' }, t('statistics.from'), from),
    h('label', { class: 'field' }, t('statistics.to'), to),
    h('label', { class: 'field' }, t('statistics.groupBy'), groupBy),
    h('button', { type: 'submit' }, t('statistics.show')),
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
      preset(t('statistics.last30Days'), 30),
      preset(t('statistics.last12Months'), 365),
      preset(t('statistics.thisYear'), 'year'),
    ),
  );
  form.addEventListener('submit', (e) => {
    e.preventDefault();
    if (from.value > to.value) {
      to.setCustomValidity(t('statistics.toBeforeFrom'));
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
        h(
          'p',
          { class: 'period-shown' },
          t('statistics.periodShown', { from: stats.period.from, to: stats.period.to, state: stats.ownState }),
        ),
        totals(stats.total),
        ...(stats.groups.length ? charts(stats, monthly) : [h('p', {}, t('statistics.noProcesses'))]),
      );
    } catch (err) {
      const message =
        err instanceof ApiError && err.status === 403
          ? [t('statistics.forbidden')]
          : tParts('statistics.loadFailed', { message: english((err as Error).message) });
      output.replaceChildren(h('p', { class: 'error', role: 'alert' }, ...message));
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
        downloadStatus.textContent = t('statistics.preparingCsv');
        apiDownload(
          `/api/v1/statistics?${new URLSearchParams({ from, to, groupBy, format: 'csv' })}`,
          `statistics-${from}-${to}.csv`,
        ).then(
          () =>
            (downloadStatus.textContent = t('statistics.csvDownloaded', { from, to, grouping: groupingName(groupBy) })),
          (err: unknown) =>
            downloadStatus.replaceChildren(
              ...tParts('statistics.downloadFailed', { message: english((err as Error).message) }),
            ),
        );
      },
    },
    t('statistics.downloadCsv'),
  );
  root.replaceChildren(
    h('h1', {}, t('statistics.title')),
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
