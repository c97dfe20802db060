import { createServer, type Server } from 'node:http';

export interface HealthServer {
  /** The port it listens on (the one asked for, or the one chosen for port 0). */
  readonly port: number;
  close(): Promise<void>;
}

/**
 * A liveness endpoint for apps that serve no HTTP of their own (worker, projector, bridge), for
 * orchestrators' probes: `GET /health` answers 200 while the app runs and 503 once it is shutting
 * down; with `metrics`, `GET /metrics` answers Prometheus's scrape. It checks no dependency on purpose: these apps wait out a Temporal or Kafka outage by
 * themselves (test/faults proves it), and restarting them for one would only add churn.
 * `details` are added to every answer (the fingerprints of the keys the app holds, for instance).
 */
export async function serveHealth(
  app: string,
  port: number,
  host: string,
  live: () => boolean,
  details: Readonly<Record<string, unknown>> = {},
  metrics?: { readonly contentType: string; render(): Promise<string> },
): Promise<HealthServer> {
  const server: Server = createServer((req, res) => {
    const route = req.method === 'GET' ? req.url?.split('?')[0] : undefined;
    if (route === '/metrics' && metrics) {
      metrics.render().then(
        (text) => res.writeHead(200, { 'content-type': metrics.contentType, 'cache-control': 'no-store' }).end(text),
        () =>
          res.writeHead(500, { 'content-type': 'application/json' }).end(JSON.stringify({ error: 'metrics failed' })),
      );
      return;
    }
    if (route !== '/health') {
      res.writeHead(404, { 'content-type': 'application/json' }).end(JSON.stringify({ error: 'not found' }));
      return;
    }
    const up = live();
    res
      .writeHead(up ? 200 : 503, { 'content-type': 'application/json' })
      .end(JSON.stringify({ app, status: up ? 'up' : 'stopping', ...details }));
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(port, host, () => resolve());
  });
  const address = server.address();
  return {
    port: typeof address === 'object' && address ? address.port : port,
    close: () => new Promise((resolve) => server.close(() => resolve())),
  };
}
