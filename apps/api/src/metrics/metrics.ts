import type { NextFunction, Request, Response } from 'express';
import { Counter, Gauge, Histogram, Registry, collectDefaultMetrics } from 'prom-client';
import type { ProcessQueries } from '@comity/persistence';

/**
 * What the API exposes to Prometheus at /metrics: Node's process metrics, every request's
 * duration by route and status, and the pipeline from the read model (processes per type and
 * stage, and how many of them are overdue) read at each scrape, and how many processes are stalled.
 */
export function createMetrics(
  readModel: ProcessQueries,
  /** How many processes are stalled (their workflow task keeps failing), from Temporal's visibility. */
  countStalled: () => Promise<number>,
): {
  registry: Registry;
  observeRequests: (req: Request, res: Response, next: NextFunction) => void;
} {
  const registry = new Registry();
  collectDefaultMetrics({ register: registry, prefix: 'comity_api_' });

  const requests = new Histogram({
    name: 'comity_http_request_duration_seconds',
    help: 'HTTP requests to the control API by method, route template and status',
    labelNames: ['method', 'route', 'status'] as const,
    buckets: [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5],
    registers: [registry],
  });
  const failures = new Counter({
    name: 'comity_http_server_errors_total',
    help: 'Responses with a 5xx status: each one is a bug or an outage to look into',
    labelNames: ['route'] as const,
    registers: [registry],
  });
  // The three read-model gauges are filled by one query per scrape, which their collect() share:
  // the registry collects every metric concurrently.
  let reading: Promise<void> | undefined;
  const readPipeline = (): Promise<void> =>
    (reading ??= (async () => {
      processes.reset();
      overdue.reset();
      try {
        for (const row of await readModel.pipeline()) {
          processes.set({ type: row.type, stage: row.stage }, row.count);
          overdue.set({ type: row.type, stage: row.stage }, row.overdue);
        }
        readModelUp.set(1);
      } catch {
        readModelUp.set(0);
      }
    })().finally(() => (reading = undefined)));
  const processes = new Gauge({
    name: 'comity_processes',
    help: 'Processes in the read model by type and stage',
    labelNames: ['type', 'stage'] as const,
    registers: [registry],
    collect: readPipeline,
  });
  const overdue = new Gauge({
    name: 'comity_processes_overdue',
    help: 'Processes with an expired deadline, by type and stage',
    labelNames: ['type', 'stage'] as const,
    registers: [registry],
    collect: readPipeline,
  });
  new Gauge({
    name: 'comity_processes_stalled',
    help: 'Running processes whose workflow task keeps failing (Temporal reports them); -1 when Temporal does not answer',
    registers: [registry],
    async collect() {
      this.set(await countStalled().catch(() => -1));
    },
  });
  const readModelUp = new Gauge({
    name: 'comity_read_model_up',
    help: '1 when the read model answered the last scrape, else 0',
    registers: [registry],
    collect: readPipeline,
  });

  const observeRequests = (req: Request, res: Response, next: NextFunction): void => {
    const stop = requests.startTimer();
    res.on('finish', () => {
      // The route template, not the path: ids would make a label per process.
      const route = req.route ? `${req.baseUrl}${String(req.route.path)}` : 'unmatched';
      stop({ method: req.method, route, status: String(res.statusCode) });
      if (res.statusCode >= 500) failures.inc({ route });
    });
    next();
  };
  return { registry, observeRequests };
}
