import { collectDefaultMetrics, Counter, Gauge, Histogram, Registry } from 'prom-client';

/**
 * The process's Prometheus registry: the counters of Comity's libraries and apps register here,
 * and the health server's `/metrics` (libs/config) serves it together with any extra source (the
 * Temporal SDK runtime's own exposition, in the worker).
 */
export const metricsRegistry = new Registry();

const extraSources: (() => Promise<string>)[] = [];

/** Adds exposition text from elsewhere (already in Prometheus text format) to every scrape. */
export function addMetricsSource(source: () => Promise<string>): void {
  extraSources.push(source);
}

let defaultsFor: string | undefined;

/** Node.js process metrics (CPU, memory, event-loop lag, GC) as `comity_<app>_*`, once per process. */
export function collectProcessMetrics(app: string): void {
  if (defaultsFor !== undefined) return;
  defaultsFor = app;
  collectDefaultMetrics({ register: metricsRegistry, prefix: `comity_${app.replace(/[^a-zA-Z0-9_]/g, '_')}_` });
}

/** The whole scrape: the registry, then each extra source (a source that fails is left out, not the scrape). */
export async function renderMetrics(): Promise<string> {
  const parts = [await metricsRegistry.metrics()];
  for (const source of extraSources) {
    const text = await source().catch(() => '');
    if (text) parts.push(text.endsWith('\n') ? text : `${text}\n`);
  }
  return parts.join('\n');
}

export const METRICS_CONTENT_TYPE = Registry.PROMETHEUS_CONTENT_TYPE;

type MetricOptions<L extends string> = { name: string; help: string; labelNames?: readonly L[] };

/**
 * A counter on the process's registry; asking again for the same name gives the same counter, so
 * a module that starts twice in one process (tests do) does not fail on a duplicate.
 */
export function counter<L extends string = never>(options: MetricOptions<L>): Counter<L> {
  return (
    (metricsRegistry.getSingleMetric(options.name) as Counter<L> | undefined) ??
    new Counter<L>({ ...options, labelNames: options.labelNames ?? [], registers: [metricsRegistry] })
  );
}

export function gauge<L extends string = never>(options: MetricOptions<L>): Gauge<L> {
  return (
    (metricsRegistry.getSingleMetric(options.name) as Gauge<L> | undefined) ??
    new Gauge<L>({ ...options, labelNames: options.labelNames ?? [], registers: [metricsRegistry] })
  );
}

export function histogram<L extends string = never>(options: MetricOptions<L> & { buckets: number[] }): Histogram<L> {
  return (
    (metricsRegistry.getSingleMetric(options.name) as Histogram<L> | undefined) ??
    new Histogram<L>({ ...options, labelNames: options.labelNames ?? [], registers: [metricsRegistry] })
  );
}
