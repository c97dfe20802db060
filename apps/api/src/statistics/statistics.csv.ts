import { AssetFigures, Outcomes, type Figures, type StatisticsReport } from '@comity/domain';

/**
 * The report as CSV (RFC 4180): one row for the total and one per group, one column per figure.
 * Columns are the same for every row of a report; refusal grounds, named counts and currencies
 * get a column each for every value any row has.
 */
export function statisticsCsv(report: StatisticsReport): string {
  const rows = [{ key: 'total', figures: report.total }, ...report.groups];
  const grounds = unionOf(rows.map((r) => Object.keys(r.figures.refusedByGround)));
  const counts = unionOf(rows.map((r) => Object.keys(r.figures.counts)));
  const currencies = unionOf(rows.map((r) => Object.keys(r.figures.assets)));
  const columns: [string, (f: Figures) => string | number | null][] = [
    ['opened', (f) => f.opened],
    ['sent', (f) => f.sent],
    ['received', (f) => f.received],
    ...Outcomes.map((o): [string, (f: Figures) => number] => [`outcome.${o}`, (f) => f.outcomes[o]]),
    ...grounds.map((g): [string, (f: Figures) => number] => [`refused.${g}`, (f) => f.refusedByGround[g] ?? 0]),
    ['pending.count', (f) => f.pending.count],
    ['pending.medianAgeDays', (f) => f.pending.medianAgeDays],
    ['pending.maxAgeDays', (f) => f.pending.maxAgeDays],
    ...(['daysToAcknowledge', 'daysToDecide', 'daysToExecute'] as const).flatMap(
      (timing): [string, (f: Figures) => number | null][] => [
        [`${timing}.count`, (f) => f[timing].count],
        [`${timing}.median`, (f) => f[timing].median],
        [`${timing}.p90`, (f) => f[timing].p90],
      ],
    ),
    ['withinDeadline.completed', (f) => f.withinDeadline.completed],
    ['withinDeadline.withinDeadline', (f) => f.withinDeadline.withinDeadline],
    ['withinDeadline.share', (f) => f.withinDeadline.share],
    ...counts.map((c): [string, (f: Figures) => number] => [`count.${c}`, (f) => f.counts[c] ?? 0]),
    ...currencies.flatMap((currency) =>
      AssetFigures.map((figure): [string, (f: Figures) => string] => [
        `assets.${currency}.${figure}`,
        (f) => f.assets[currency]?.[figure] ?? '0.00',
      ]),
    ),
  ];
  const header = ['period.from', 'period.to', 'ownState', report.groupBy, ...columns.map(([name]) => name)];
  const lines = rows.map((row) => [
    report.period.from,
    report.period.to,
    report.ownState,
    row.key,
    ...columns.map(([, value]) => value(row.figures)),
  ]);
  return [header, ...lines].map((cells) => cells.map(cell).join(',')).join('\r\n') + '\r\n';
}

function unionOf(lists: string[][]): string[] {
  return [...new Set(lists.flat())].sort();
}

/** Empty for null; quoted when it holds a comma, a quote or a line break. */
function cell(value: string | number | null): string {
  if (value === null) return '';
  const text = String(value);
  return /[",\r\n]/.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
}
