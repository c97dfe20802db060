import type { ComityConfig } from '@comity/config';
import type { Actor } from '@comity/domain';
import type { DeadLetterLog, ProcessQueries } from '@comity/persistence';
import type { TemporalHandle } from '@comity/temporal';
import { OverviewController } from './overview.http.controller';

/**
 * GET /stalled names processes Temporal reports stuck: an auditor, whom H3 hides processes from,
 * must not learn an H3 process's id from it, nor one the read model cannot vouch for.
 */
describe('the stalled processes a caller is shown', () => {
  const stuck = ['mla-h1', 'mla-h3', 'case:aegean', 'mla-not-projected-yet'];
  const temporal = {
    connection: {
      withDeadline: <T>(_deadline: number, call: () => Promise<T>) => call(),
      workflowService: {
        countWorkflowExecutions: () => Promise.resolve({ count: stuck.length }),
        listWorkflowExecutions: () =>
          Promise.resolve({
            executions: stuck.map((id) => ({ execution: { workflowId: id }, type: { name: 'processWorkflow' } })),
          }),
      },
    },
  } as unknown as TemporalHandle;
  const codes: Record<string, string> = { 'mla-h1': 'H1', 'mla-h3': 'H3' };
  const asked: { ids: readonly string[]; hidden: readonly string[] }[] = [];
  const queries = {
    pipeline: () => Promise.resolve([]),
    visibleAmong: (ids: readonly string[], hidden: readonly string[]) => {
      asked.push({ ids, hidden });
      return Promise.resolve(new Set(ids.filter((id) => codes[id] !== undefined && !hidden.includes(codes[id]))));
    },
  } as unknown as ProcessQueries;
  const config = { temporal: { namespace: 'comity', taskQueue: 'comity' } } as unknown as ComityConfig;
  const deadLetters = { countSince: () => Promise.resolve(0) } as unknown as DeadLetterLog;
  const controller = new OverviewController(queries, deadLetters, temporal, config);
  const shown = async (actor: Actor) => (await controller.stalled(actor)).items.map((item) => item.id);

  beforeEach(() => (asked.length = 0));

  it('are all of them for a coordinator and an administrator, without asking the read model', async () => {
    await expect(shown({ userId: 'c', role: 'coordinator' })).resolves.toEqual(stuck);
    await expect(shown({ userId: 'a', role: 'admin' })).resolves.toEqual(stuck);
    expect(asked).toEqual([]);
  });

  it('leave out for an auditor an H3 process and any workflow the read model does not show', async () => {
    await expect(shown({ userId: 'x', role: 'auditor' })).resolves.toEqual(['mla-h1']);
    expect(asked).toEqual([{ ids: stuck, hidden: ['H3'] }]);
  });

  it('are counted in the incidents as they are listed: all for a coordinator, those named for an auditor', async () => {
    const stalled = async (actor: Actor) => (await controller.incidents(actor)).stalled;
    await expect(stalled({ userId: 'c', role: 'coordinator' })).resolves.toBe(stuck.length);
    await expect(stalled({ userId: 'x', role: 'auditor' })).resolves.toBe(1);
  });
});
