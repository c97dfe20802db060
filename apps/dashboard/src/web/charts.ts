import { h, svg } from './dom';
import { formatNumber, t } from './i18n';

/** A named series of values, one per category. */
export interface Series {
  readonly name: string;
  readonly values: readonly number[];
}

const WIDTH = 640;
const HEIGHT = 260;
const MARGIN = { top: 16, right: 12, bottom: 30, left: 44 };

/** Round numbers for the value axis: 0 .. a "nice" maximum in about five steps; whole steps for counts. */
export function ticks(max: number, whole = false): number[] {
  if (max <= 0) return [0, 1];
  const rough = max / 5;
  const magnitude = 10 ** Math.floor(Math.log10(rough));
  const nice = [1, 2, 5, 10].map((m) => m * magnitude).find((s) => s >= rough) ?? rough;
  const step = whole ? Math.max(1, nice) : nice;
  const out: number[] = [];
  for (let v = 0; v < max + step; v += step) out.push(Number(v.toFixed(10)));
  return out;
}

function frame(title: string, categories: readonly string[], series: readonly Series[]) {
  const values = series.flatMap((s) => s.values);
  const max = Math.max(0, ...values);
  const axis = ticks(max, values.every(Number.isInteger));
  const top = axis[axis.length - 1] ?? 1;
  const plotH = HEIGHT - MARGIN.top - MARGIN.bottom;
  const plotW = WIDTH - MARGIN.left - MARGIN.right;
  const y = (v: number) => MARGIN.top + plotH - (v / top) * plotH;
  const chart = svg('svg', {
    class: 'chart',
    viewBox: `0 0 ${WIDTH} ${HEIGHT}`,
    role: 'img',
    'aria-label': t('statistics.chartLabel', {
      title,
      figures: series
        .map((s) => `${s.name} ${categories.map((c, i) => `${c} ${formatNumber(s.values[i] ?? 0)}`).join(', ')}`)
        .join('; '),
    }),
  });
  for (const v of axis) {
    chart.append(
      svg('line', { class: 'grid', x1: MARGIN.left, x2: WIDTH - MARGIN.right, y1: y(v), y2: y(v) }),
      svg('text', { class: 'tick', x: MARGIN.left - 6, y: y(v) + 4, 'text-anchor': 'end' }, formatNumber(v)),
    );
  }
  return { chart, y, plotW, band: plotW / Math.max(1, categories.length) };
}

function legend(series: readonly Series[]): HTMLElement {
  return h(
    'ul',
    { class: 'legend' },
    ...series.map((s, i) => h('li', {}, h('span', { class: `swatch series-${i}`, 'aria-hidden': 'true' }), s.name)),
  );
}

/** At most about eight category labels fit under a chart; with more (months), every k-th is written. */
export function labelled(index: number, count: number): boolean {
  return index % Math.ceil(count / 8) === 0;
}

function categoryLabel(text: string, x: number, index: number, count: number) {
  if (!labelled(index, count)) return svg('g', {});
  return svg('text', { class: 'category', x, y: HEIGHT - MARGIN.bottom + 18, 'text-anchor': 'middle' }, text);
}

/** One value's title: its series, its category and the value. */
const point = (series: string, category: string, value: number) =>
  t('statistics.chartPoint', { series, category, value: formatNumber(value) });

/** Grouped bars: one group per category, one bar per series. */
export function barChart(title: string, categories: readonly string[], series: readonly Series[]): HTMLElement {
  const { chart, y, band } = frame(title, categories, series);
  const barW = Math.max(4, (band * 0.8) / Math.max(1, series.length));
  categories.forEach((category, c) => {
    const x0 = MARGIN.left + c * band + band * 0.1;
    series.forEach((s, i) => {
      const value = s.values[c] ?? 0;
      chart.append(
        svg(
          'rect',
          {
            class: `bar series-${i}`,
            x: x0 + i * barW,
            y: y(value),
            width: barW - 2,
            height: Math.max(0, y(0) - y(value)),
            'data-value': value,
          },
          svg('title', {}, point(s.name, category, value)),
        ),
      );
    });
    chart.append(categoryLabel(category, x0 + (barW * series.length) / 2, c, categories.length));
  });
  return h('figure', { class: 'chart-figure' }, h('figcaption', {}, title), chart, legend(series));
}

/** Lines over ordered categories (months), a dot per value. */
export function lineChart(title: string, categories: readonly string[], series: readonly Series[]): HTMLElement {
  const { chart, y, band } = frame(title, categories, series);
  const x = (c: number) => MARGIN.left + c * band + band / 2;
  series.forEach((s, i) => {
    const points = categories.map((_, c) => `${x(c)},${y(s.values[c] ?? 0)}`).join(' ');
    chart.append(svg('polyline', { class: `line series-${i}`, points }));
    categories.forEach((category, c) =>
      chart.append(
        svg(
          'circle',
          { class: `dot series-${i}`, cx: x(c), cy: y(s.values[c] ?? 0), r: 4, 'data-value': s.values[c] ?? 0 },
          svg('title', {}, point(s.name, category, s.values[c] ?? 0)),
        ),
      ),
    );
  });
  categories.forEach((category, c) => chart.append(categoryLabel(category, x(c), c, categories.length)));
  return h('figure', { class: 'chart-figure' }, h('figcaption', {}, title), chart, legend(series));
}

/** The same figures as a table, for screen readers and for copying. */
export function dataTable(caption: string, categories: readonly string[], series: readonly Series[]): HTMLElement {
  return h(
    'details',
    { class: 'chart-data' },
    h('summary', {}, t('statistics.figuresAsTable', { caption })),
    h(
      'table',
      {},
      h(
        'thead',
        {},
        h('tr', {}, h('th', { scope: 'col' }, ''), ...series.map((s) => h('th', { scope: 'col' }, s.name))),
      ),
      h(
        'tbody',
        {},
        ...categories.map((c, i) =>
          h('tr', {}, h('th', { scope: 'row' }, c), ...series.map((s) => h('td', {}, formatNumber(s.values[i] ?? 0)))),
        ),
      ),
    ),
  );
}
