import type { Actor } from '@comity/domain';
import { waitFor } from '../support/apps';
import { startStack, type Stack } from '../support/stack';

/**
 * Every endpoint × every kind of caller, with the status each must get — and no leak of another
 * agency's processes through lists, inboxes or cases. Handling code H3 hides a case from auditors.
 */
const callers = {
  coordinator: { userId: 'officer', role: 'coordinator' },
  admin: { userId: 'root', role: 'admin' },
  auditor: { userId: 'assessor', role: 'auditor' },
  ownAgency: { userId: 'ly-clerk', role: 'agency', agencyId: 'ly-attorney-general' },
  foreignAgency: { userId: 'de-clerk', role: 'agency', agencyId: 'de-bka' },
  anonymous: undefined,
} satisfies Record<string, Actor | undefined>;
type Caller = keyof typeof callers;

let stack: Stack;
let caseId: string;
let secretCaseId: string;
let processId: string;
let secretProcessId: string;
const parties = {
  requesting: { agencyId: 'it-ministry-of-justice', state: 'IT' },
  requested: { agencyId: 'ly-attorney-general', state: 'LY' },
};

beforeAll(async () => {
  stack = await startStack('sqlite', 3140);
  caseId = await stack.openCase('matrix', 'H1');
  secretCaseId = await stack.openCase('matrix-secret', 'H3');
  const start = async (c: string) =>
    (
      await stack.api
        .as(callers.coordinator)
        .post<{ id: string }>('/api/v1/processes', { type: 'mla', caseId: c, legalBasis: 'UNTOC', parties })
    ).body.id;
  processId = await start(caseId);
  secretProcessId = await start(secretCaseId);
  await waitFor('both processes projected', async () => {
    const page = await stack.api
      .as(callers.coordinator)
      .get<{ items: { id: string }[] }>('/api/v1/processes?limit=200');
    const ids = page.body.items.map((p) => p.id);
    return ids.includes(processId) && ids.includes(secretProcessId) ? true : undefined;
  });
}, 180_000);

afterAll(() => stack?.stop(), 60_000);

type Request = (caller: Caller) => Promise<{ status: number; body: unknown }>;
const get =
  (path: () => string): Request =>
  (caller) =>
    stack.api.as(callers[caller]).get(path());
const post =
  (path: () => string, body: () => unknown): Request =>
  (caller) =>
    stack.api.as(callers[caller]).post(path(), body());

const matrix: [string, Request, Record<Caller, number>][] = [
  [
    'GET /health',
    get(() => '/health'),
    { coordinator: 200, admin: 200, auditor: 200, ownAgency: 200, foreignAgency: 200, anonymous: 200 },
  ],
  [
    'POST /cases',
    post(
      () => '/api/v1/cases',
      () => ({ title: 'another network' }),
    ),
    { coordinator: 201, admin: 201, auditor: 403, ownAgency: 403, foreignAgency: 403, anonymous: 401 },
  ],
  [
    'GET /cases/{id}',
    get(() => `/api/v1/cases/${caseId}`),
    { coordinator: 200, admin: 200, auditor: 200, ownAgency: 200, foreignAgency: 403, anonymous: 401 },
  ],
  [
    'GET /cases/{id} (H3)',
    get(() => `/api/v1/cases/${secretCaseId}`),
    { coordinator: 200, admin: 200, auditor: 403, ownAgency: 200, foreignAgency: 403, anonymous: 401 },
  ],
  [
    'GET /cases/{id}/timeline',
    get(() => `/api/v1/cases/${caseId}/timeline`),
    { coordinator: 200, admin: 200, auditor: 200, ownAgency: 200, foreignAgency: 403, anonymous: 401 },
  ],
  [
    'GET /cases/{id}/timeline (H3)',
    get(() => `/api/v1/cases/${secretCaseId}/timeline`),
    { coordinator: 200, admin: 200, auditor: 403, ownAgency: 200, foreignAgency: 403, anonymous: 401 },
  ],
  [
    'POST /processes',
    post(
      () => '/api/v1/processes',
      () => ({ type: 'mla', legalBasis: 'UNTOC', parties }),
    ),
    { coordinator: 201, admin: 201, auditor: 403, ownAgency: 403, foreignAgency: 403, anonymous: 401 },
  ],
  [
    'GET /processes',
    get(() => '/api/v1/processes'),
    { coordinator: 200, admin: 200, auditor: 200, ownAgency: 200, foreignAgency: 200, anonymous: 401 },
  ],
  [
    'GET /processes?agency=own (as foreign: 403)',
    get(() => '/api/v1/processes?agency=ly-attorney-general'),
    { coordinator: 200, admin: 200, auditor: 200, ownAgency: 200, foreignAgency: 403, anonymous: 401 },
  ],
  [
    'GET /directory',
    get(() => '/api/v1/directory'),
    { coordinator: 200, admin: 200, auditor: 200, ownAgency: 200, foreignAgency: 200, anonymous: 401 },
  ],
  [
    'PUT /directory',
    (caller) => stack.api.as(callers[caller]).put('/api/v1/directory', { basedOn: 99, states: [] }),
    // The admin is let through to the version check (another import than the one read): 409.
    { coordinator: 403, admin: 409, auditor: 403, ownAgency: 403, foreignAgency: 403, anonymous: 401 },
  ],
  [
    'GET /processes/{id}/documents',
    get(() => `/api/v1/processes/${processId}/documents`),
    { coordinator: 200, admin: 200, auditor: 200, ownAgency: 200, foreignAgency: 403, anonymous: 401 },
  ],
  [
    'GET /processes/{id}/documents (H3)',
    get(() => `/api/v1/processes/${secretProcessId}/documents`),
    { coordinator: 200, admin: 200, auditor: 403, ownAgency: 200, foreignAgency: 403, anonymous: 401 },
  ],
  [
    'POST /processes/{id}/documents',
    post(
      () => `/api/v1/processes/${processId}/documents`,
      () => ({ kind: 'evidence', name: 'records.bin', mediaType: 'application/octet-stream', size: 10 }),
    ),
    { coordinator: 201, admin: 201, auditor: 403, ownAgency: 201, foreignAgency: 403, anonymous: 401 },
  ],
  [
    'GET /processes/{id}',
    get(() => `/api/v1/processes/${processId}`),
    { coordinator: 200, admin: 200, auditor: 200, ownAgency: 200, foreignAgency: 403, anonymous: 401 },
  ],
  [
    'GET /processes/{id} (H3)',
    get(() => `/api/v1/processes/${secretProcessId}`),
    { coordinator: 200, admin: 200, auditor: 403, ownAgency: 200, foreignAgency: 403, anonymous: 401 },
  ],
  [
    'GET /processes/{id}/timeline',
    get(() => `/api/v1/processes/${processId}/timeline`),
    { coordinator: 200, admin: 200, auditor: 200, ownAgency: 200, foreignAgency: 403, anonymous: 401 },
  ],
  [
    'GET /processes/{id}/timeline (H3)',
    get(() => `/api/v1/processes/${secretProcessId}/timeline`),
    { coordinator: 200, admin: 200, auditor: 403, ownAgency: 200, foreignAgency: 403, anonymous: 401 },
  ],
  // 'acknowledge' is not allowed in draft: callers who may act at all get 409, the rest never get that far.
  [
    'POST /processes/{id}/actions',
    post(
      () => `/api/v1/processes/${processId}/actions`,
      () => ({ action: 'acknowledge' }),
    ),
    { coordinator: 409, admin: 409, auditor: 403, ownAgency: 409, foreignAgency: 403, anonymous: 401 },
  ],
  [
    'GET /tasks',
    get(() => '/api/v1/tasks'),
    { coordinator: 200, admin: 200, auditor: 200, ownAgency: 200, foreignAgency: 200, anonymous: 401 },
  ],
  [
    'GET /tasks?agency=own (as foreign: 403)',
    get(() => '/api/v1/tasks?agency=it-ministry-of-justice'),
    { coordinator: 200, admin: 200, auditor: 200, ownAgency: 403, foreignAgency: 403, anonymous: 401 },
  ],
  [
    'GET /pipeline',
    get(() => '/api/v1/pipeline'),
    { coordinator: 200, admin: 200, auditor: 200, ownAgency: 200, foreignAgency: 200, anonymous: 401 },
  ],
  [
    "GET /pipeline?agency=ly-attorney-general (another agency's: 403)",
    get(() => '/api/v1/pipeline?agency=ly-attorney-general&cards=5'),
    { coordinator: 200, admin: 200, auditor: 200, ownAgency: 200, foreignAgency: 403, anonymous: 401 },
  ],
  [
    'GET /stalled',
    get(() => '/api/v1/stalled'),
    { coordinator: 200, admin: 200, auditor: 200, ownAgency: 403, foreignAgency: 403, anonymous: 401 },
  ],
  [
    'GET /incidents',
    get(() => '/api/v1/incidents'),
    { coordinator: 200, admin: 200, auditor: 200, ownAgency: 403, foreignAgency: 403, anonymous: 401 },
  ],
  [
    'GET /dead-letters',
    get(() => '/api/v1/dead-letters'),
    { coordinator: 200, admin: 200, auditor: 403, ownAgency: 403, foreignAgency: 403, anonymous: 401 },
  ],
  [
    'GET /dead-letters?cursor=forged (400)',
    get(() => '/api/v1/dead-letters?cursor=bm90LWEtY3Vyc29y'),
    { coordinator: 400, admin: 400, auditor: 403, ownAgency: 403, foreignAgency: 403, anonymous: 401 },
  ],
  [
    'GET /process-types',
    get(() => '/api/v1/process-types'),
    { coordinator: 200, admin: 200, auditor: 200, ownAgency: 200, foreignAgency: 200, anonymous: 401 },
  ],
  [
    'GET /process-types/{type}',
    get(() => '/api/v1/process-types/mla'),
    { coordinator: 200, admin: 200, auditor: 200, ownAgency: 200, foreignAgency: 200, anonymous: 401 },
  ],
  [
    'GET /process-types/{unknown}',
    get(() => '/api/v1/process-types/no-such-type'),
    { coordinator: 404, admin: 404, auditor: 404, ownAgency: 404, foreignAgency: 404, anonymous: 401 },
  ],
  // Figures across every process: for those who oversee the system, not for an agency.
  [
    'GET /statistics',
    get(() => '/api/v1/statistics'),
    { coordinator: 200, admin: 200, auditor: 200, ownAgency: 403, foreignAgency: 403, anonymous: 401 },
  ],
  [
    'GET /statistics?format=csv',
    get(() => '/api/v1/statistics?format=csv&groupBy=month'),
    { coordinator: 200, admin: 200, auditor: 200, ownAgency: 403, foreignAgency: 403, anonymous: 401 },
  ],
];

describe.each(matrix)('%s', (_, request, expected) => {
  it.each(Object.keys(callers) as Caller[])('as %s', async (caller) => {
    const res = await request(caller);
    expect({ caller, status: res.status }).toEqual({ caller, status: expected[caller] });
  });
});

describe('no leak of processes a caller may not see', () => {
  const idsOf = async (caller: Caller, path: string) =>
    (await stack.api.as(callers[caller]).get<{ items: { id: string }[] }>(path)).body.items.map((p) => p.id);

  it('lists and inboxes leave out other agencies’ processes, whatever the filters', async () => {
    expect(await idsOf('foreignAgency', `/api/v1/processes?caseId=${caseId}`)).toEqual([]);
    expect(await idsOf('foreignAgency', '/api/v1/processes?limit=200')).not.toContain(processId);
    expect(await idsOf('foreignAgency', '/api/v1/tasks?limit=200')).not.toContain(processId);
    expect(await idsOf('ownAgency', `/api/v1/processes?caseId=${caseId}`)).toEqual([processId]);
    expect(await idsOf('coordinator', '/api/v1/tasks?limit=200')).toContain(processId);
  });

  it('auditors never list H3 processes', async () => {
    expect(await idsOf('auditor', `/api/v1/processes?caseId=${secretCaseId}`)).toEqual([]);
    expect(await idsOf('auditor', '/api/v1/processes?limit=200')).toContain(processId);
  });

  it('the pipeline counts only what the caller may see', async () => {
    type Pipeline = { types: { stages: { count: number }[] }[] };
    const total = async (caller: Caller) =>
      (await stack.api.as(callers[caller]).get<Pipeline>('/api/v1/pipeline')).body.types
        .flatMap((t) => t.stages)
        .reduce((n, s) => n + s.count, 0);
    expect(await total('foreignAgency')).toBe(0);
    expect(await total('ownAgency')).toBeGreaterThanOrEqual(2);
    // The one H3 process is counted for a coordinator and not for an auditor.
    expect((await total('coordinator')) - (await total('auditor'))).toBe(1);
  });

  it("the board's narrowed counts and cards hold only what the caller may see", async () => {
    type Pipeline = { types: { stages: { count: number; cards?: { id: string }[] }[] }[] };
    const board = async (caller: Caller, query: string) => {
      const stages = (
        await stack.api.as(callers[caller]).get<Pipeline>(`/api/v1/pipeline?cards=50&${query}`)
      ).body.types.flatMap((t) => t.stages);
      return {
        count: stages.reduce((n, s) => n + s.count, 0),
        cards: stages.flatMap((s) => s.cards ?? []).map((c) => c.id),
      };
    };
    // Narrowed to the agency that is a party to both: the auditor is still not shown the H3 process.
    const coordinator = await board('coordinator', 'agency=ly-attorney-general');
    const auditor = await board('auditor', 'agency=ly-attorney-general');
    expect(coordinator.cards).toEqual(expect.arrayContaining([processId, secretProcessId]));
    expect(auditor.cards).toContain(processId);
    expect(auditor.cards).not.toContain(secretProcessId);
    expect(coordinator.count - auditor.count).toBe(1);
    // By state: an agency sees its own processes with a Libyan party, and only its own.
    expect((await board('ownAgency', 'state=LY')).cards).toEqual(expect.arrayContaining([processId, secretProcessId]));
    expect(await board('foreignAgency', 'state=LY')).toEqual({ count: 0, cards: [] });
  });

  it('the statistics count only what the caller may see', async () => {
    const opened = async (caller: Caller) =>
      (await stack.api.as(callers[caller]).get<{ total: { opened: number } }>('/api/v1/statistics')).body.total.opened;
    const [coordinator, auditor] = [await opened('coordinator'), await opened('auditor')];
    expect(auditor).toBeGreaterThanOrEqual(1);
    expect(coordinator - auditor).toBe(1);
  });
});
