import { loadConfig } from './config';
import { serveHealth } from './health-server';

describe('serveHealth', () => {
  it('answers 200 while the app runs, 503 once it stops, 404 elsewhere', async () => {
    let live = true;
    const server = await serveHealth('worker', 0, '127.0.0.1', () => live);
    const url = (path: string) => `http://127.0.0.1:${server.port}${path}`;
    try {
      const up = await fetch(url('/health'));
      expect(up.status).toBe(200);
      expect(await up.json()).toEqual({ app: 'worker', status: 'up' });
      live = false;
      expect((await fetch(url('/health'))).status).toBe(503);
      expect((await fetch(url('/metrics'))).status).toBe(404);
    } finally {
      await server.close();
    }
  });

  it('serves Prometheus at /metrics when given a source', async () => {
    const server = await serveHealth(
      'bridge',
      0,
      '127.0.0.1',
      () => true,
      {},
      {
        contentType: 'text/plain; version=0.0.4; charset=utf-8',
        render: async () => 'comity_bridge_answers_applied_total 3\n',
      },
    );
    try {
      const res = await fetch(`http://127.0.0.1:${server.port}/metrics`);
      expect(res.status).toBe(200);
      expect(res.headers.get('content-type')).toContain('version=0.0.4');
      expect(await res.text()).toBe('comity_bridge_answers_applied_total 3\n');
    } finally {
      await server.close();
    }
  });

  it('is off unless a port is configured, and the port is checked', () => {
    expect(loadConfig({}).health).toBeUndefined();
    expect(loadConfig({ COMITY_HEALTH_PORT: '8081', COMITY_HEALTH_HOST: '0.0.0.0' }).health).toEqual({
      port: 8081,
      host: '0.0.0.0',
    });
    expect(() => loadConfig({ COMITY_HEALTH_PORT: 'eighty' })).toThrow(/COMITY_HEALTH_PORT/);
  });
});
