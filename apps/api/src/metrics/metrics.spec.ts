import type { ProcessQueries } from '@comity/persistence';
import { createMetrics } from './metrics';

const lines = async (metrics: ReturnType<typeof createMetrics>) =>
  (await metrics.registry.metrics()).split('\n').filter((l) => /^comity_(processes|read_model)/.test(l));

describe('Prometheus metrics', () => {
  it('reads the pipeline once per scrape into the process gauges', async () => {
    let reads = 0;
    const readModel = {
      pipeline: async () => {
        reads += 1;
        return [{ type: 'mla', stage: 'transmitted', count: 3, overdue: 1, oldestUpdatedAt: '2026-01-01T00:00:00Z' }];
      },
    } as unknown as ProcessQueries;
    const metrics = createMetrics(readModel, async () => 2);
    expect(await lines(metrics)).toEqual([
      'comity_processes{type="mla",stage="transmitted"} 3',
      'comity_processes_overdue{type="mla",stage="transmitted"} 1',
      'comity_processes_stalled 2',
      'comity_read_model_up 1',
    ]);
    expect(reads).toBe(1);
  });

  it('reports the read model down, and no stale counts, when the query fails', async () => {
    let fail = false;
    const readModel = {
      pipeline: async () => {
        if (fail) throw new Error('database is gone');
        return [{ type: 'mla', stage: 'draft', count: 2, overdue: 0, oldestUpdatedAt: '2026-01-01T00:00:00Z' }];
      },
    } as unknown as ProcessQueries;
    const metrics = createMetrics(readModel, () => Promise.reject(new Error('Temporal is gone')));
    await metrics.registry.metrics();
    fail = true;
    expect(await lines(metrics)).toEqual(['comity_processes_stalled -1', 'comity_read_model_up 0']);
  });
});
