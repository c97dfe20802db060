import type { DataSource } from 'typeorm';
import { loadConfig } from '@comity/config';
import {
  CaseRecord,
  openReadModel,
  ProcessPartyRecord,
  ProcessProjection,
  ProcessQueries,
  ProcessRecord,
  ProcessStatisticsRecord,
  TaskRecord,
} from '@comity/persistence';
import { createTestDatabase, type DatabaseKind } from '../support/environment';
import { fixtureDefinitionOf, fixtureEvents } from '../support/statistics-fixture';
import { keysOf } from '../support/sealing';

/**
 * The tasks and cases tables, projected from the fixed event set of the statistics tests into a
 * real SQLite and a real PostgreSQL read model, against what the timelines say.
 */
describe.each<DatabaseKind>(['sqlite', 'postgres'])('tasks and cases in the %s read model', (kind) => {
  let database: Awaited<ReturnType<typeof createTestDatabase>>;
  let dataSource: DataSource;

  beforeAll(async () => {
    database = await createTestDatabase(kind);
    dataSource = await openReadModel(loadConfig({ ...process.env, ...database.env }).database, keysOf(database.env));
    const projection = new ProcessProjection(dataSource, fixtureDefinitionOf);
    for (const event of fixtureEvents) await projection.apply(event);
    // Delivered again: nothing changes.
    for (const event of fixtureEvents) await projection.apply(event);
  }, 60_000);

  afterAll(async () => {
    await dataSource?.destroy();
    await database?.dispose();
  });

  /**
   * A process beside the fixture's, from its first event: `h3-secret` is H3 (the fixture's are H1),
   * hidden from those H3 hides processes from; `tr-domestic-overdue` has both parties in Turkey,
   * agencies of no fixture process, and is overdue.
   */
  const besideTheFixture = (processId: 'h3-secret' | 'tr-domestic-overdue') => {
    const [first] = fixtureEvents;
    const { caseId: _, ...data } = first!.data;
    const changed =
      processId === 'h3-secret'
        ? { handlingCode: 'H3' as const }
        : {
            overdue: true,
            parties: {
              requesting: { agencyId: 'tr-police', state: 'TR' },
              requested: { agencyId: 'tr-prosecutor', state: 'TR' },
            },
          };
    return { ...first!, id: `${processId}:0`, subject: processId, data: { ...data, processId, ...changed } };
  };

  it("records each task a process's stages opened, closed when the stage changed", async () => {
    const tasks = await dataSource
      .getRepository(TaskRecord)
      .find({ where: { processId: 'p01-mla-sent-executed' }, order: { assignedAt: 'ASC', taskId: 'ASC' } });
    // draft and ca-review await GR; transmitted, acknowledged, in-execution await TR; record-translation stays.
    expect(tasks.map((t) => [t.taskId, t.agencyId, t.stage, t.status, t.closedAt])).toEqual([
      ['p01-mla-sent-executed:0:task', 'gr-authority', 'draft', 'closed', '2026-01-11T00:00:00.000Z'],
      ['p01-mla-sent-executed:1:task', 'gr-authority', 'ca-review', 'closed', '2026-01-12T00:00:00.000Z'],
      ['p01-mla-sent-executed:3:task', 'tr-authority', 'transmitted', 'closed', '2026-01-15T00:00:00.000Z'],
      ['p01-mla-sent-executed:4:task', 'tr-authority', 'acknowledged', 'closed', '2026-01-18T00:00:00.000Z'],
      ['p01-mla-sent-executed:5:task', 'tr-authority', 'in-execution', 'closed', '2026-02-09T00:00:00.000Z'],
    ]);
  });

  it('leaves open exactly the tasks of processes waiting for someone', async () => {
    const open = await dataSource
      .getRepository(TaskRecord)
      .find({ where: { status: 'open' }, order: { processId: 'ASC' } });
    expect(open.map((t) => [t.processId, t.agencyId, t.party, t.stage])).toEqual([
      ['p05-mla-sent-pending', 'tr-authority', 'requested', 'acknowledged'],
      ['p11-extradition-received-pending', 'it-authority', 'requesting', 'provisionally-arrested'],
      ['p13-confiscation-sent-pending', 'tr-authority', 'requested', 'frozen'],
    ]);
    // The provisional-arrest deadline was running when p11's task opened.
    expect(open[1]?.dueAt).toBe('2026-07-01T00:00:00.000Z');
  });

  it('counts the processes of each case and those still open', async () => {
    const cases = await dataSource.getRepository(CaseRecord).find({ order: { caseId: 'ASC' } });
    expect(cases.map((c) => [c.caseId, c.processes, c.openProcesses, c.firstEventAt, c.lastEventAt])).toEqual([
      ['case-aegean-route', 2, 0, '2026-01-10T00:00:00.000Z', '2026-03-21T00:00:00.000Z'],
      ['case-central-med', 2, 1, '2026-01-15T00:00:00.000Z', '2026-03-10T00:00:00.000Z'],
    ]);
  });

  it('keeps the pipeline counts equal to counting the processes, in total, per agency and without a handling code', async () => {
    await new ProcessProjection(dataSource, fixtureDefinitionOf).apply(besideTheFixture('h3-secret'));
    const processes = await dataSource.getRepository(ProcessRecord).find();
    const parties = await dataSource.getRepository(ProcessPartyRecord).find();
    const counted = (list: ProcessRecord[]) => {
      const rows = new Map<string, { type: string; stage: string; count: number; overdue: number; oldest: string }>();
      for (const p of list) {
        const key = `${p.type}/${p.stage}`;
        const row = rows.get(key) ?? { type: p.type, stage: p.stage, count: 0, overdue: 0, oldest: p.updatedAt };
        rows.set(key, {
          ...row,
          count: row.count + 1,
          overdue: row.overdue + (p.overdue ? 1 : 0),
          oldest: p.updatedAt < row.oldest ? p.updatedAt : row.oldest,
        });
      }
      return [...rows.values()].sort((a, b) => `${a.type}/${a.stage}`.localeCompare(`${b.type}/${b.stage}`));
    };
    const read = async (agency?: string, excludeHandlingCodes?: string[]) =>
      (await new ProcessQueries(dataSource).pipeline({ agencyId: agency, excludeHandlingCodes }))
        .map((r) => ({ type: r.type, stage: r.stage, count: r.count, overdue: r.overdue, oldest: r.oldestUpdatedAt }))
        .sort((a, b) => `${a.type}/${a.stage}`.localeCompare(`${b.type}/${b.stage}`));
    expect(await read()).toEqual(counted(processes));
    expect((await read()).reduce((sum, r) => sum + r.count, 0)).toBe(16);
    const unrestricted = processes.filter((p) => p.handlingCode !== 'H3');
    expect(unrestricted).toHaveLength(15);
    expect(await read(undefined, ['H3'])).toEqual(counted(unrestricted));
    for (const agency of ['gr-authority', 'tr-authority']) {
      const own = new Set(parties.filter((p) => p.agencyId === agency).map((p) => p.processId));
      expect(await read(agency)).toEqual(counted(processes.filter((p) => own.has(p.id))));
    }
  });

  it('narrows the pipeline and its cards by case, state, priority, an agency or a state with a code hidden, as counting the processes does', async () => {
    const projection = new ProcessProjection(dataSource, fixtureDefinitionOf);
    // Applied by the test before when it ran: then a duplicate, which changes nothing.
    await projection.apply(besideTheFixture('h3-secret'));
    await projection.apply(besideTheFixture('tr-domestic-overdue'));
    const queries = new ProcessQueries(dataSource);
    const processes = await dataSource.getRepository(ProcessRecord).find();
    const parties = await dataSource.getRepository(ProcessPartyRecord).find();
    const withParty = (pick: (p: ProcessPartyRecord) => boolean) =>
      new Set(parties.filter(pick).map((p) => p.processId));
    const key = (r: { type: string; stage: string }) => `${r.type}/${r.stage}`;
    const counted = (list: ProcessRecord[]) => {
      const rows = new Map<string, { count: number; overdue: number; oldest: string }>();
      for (const p of list) {
        const row = rows.get(key(p)) ?? { count: 0, overdue: 0, oldest: p.updatedAt };
        rows.set(key(p), {
          count: row.count + 1,
          overdue: row.overdue + (p.overdue ? 1 : 0),
          oldest: p.updatedAt < row.oldest ? p.updatedAt : row.oldest,
        });
      }
      return Object.fromEntries([...rows].sort(([a], [b]) => a.localeCompare(b)));
    };
    const read = async (filter: Parameters<ProcessQueries['pipeline']>[0]) =>
      Object.fromEntries(
        (await queries.pipeline(filter))
          .map((r) => [key(r), { count: r.count, overdue: r.overdue, oldest: r.oldestUpdatedAt }] as const)
          .sort(([a], [b]) => a.localeCompare(b)),
      );
    const turkey = withParty((p) => p.state === 'TR');
    const greekAuthority = withParty((p) => p.agencyId === 'gr-authority');
    const cases: [Parameters<ProcessQueries['pipeline']>[0], ProcessRecord[]][] = [
      [{ caseId: 'case-central-med' }, processes.filter((p) => p.caseId === 'case-central-med')],
      [{ state: 'TR' }, processes.filter((p) => turkey.has(p.id))],
      [{ priority: 'normal' }, processes.filter((p) => p.priority === 'normal')],
      [{ state: 'TR', priority: 'normal' }, processes.filter((p) => turkey.has(p.id) && p.priority === 'normal')],
      [
        { agencyId: 'gr-authority', excludeHandlingCodes: ['H3'] },
        processes.filter((p) => greekAuthority.has(p.id) && p.handlingCode !== 'H3'),
      ],
      [
        { state: 'TR', excludeHandlingCodes: ['H3'] },
        processes.filter((p) => turkey.has(p.id) && p.handlingCode !== 'H3'),
      ],
      [
        { agencyId: 'gr-authority', state: 'TR' },
        processes.filter((p) => greekAuthority.has(p.id) && turkey.has(p.id)),
      ],
    ];
    // The H3 process has a Turkish party: hiding H3 leaves something out. The domestic one has two
    // Turkish parties and is overdue: counted once, and once overdue.
    expect(processes.some((p) => p.handlingCode === 'H3' && turkey.has(p.id))).toBe(true);
    const domestic = parties.filter((p) => p.processId === 'tr-domestic-overdue');
    expect(domestic.map((p) => p.state)).toEqual(['TR', 'TR']);
    expect(processes.find((p) => p.id === 'tr-domestic-overdue')?.overdue).toBe(true);
    for (const [filter, expected] of cases) {
      expect(expected.length).toBeGreaterThan(0);
      expect(await read(filter)).toEqual(counted(expected));
    }
    // Nothing matches (the fixture's processes are all of normal priority): nothing counted, not everything.
    expect(await read({ state: 'ZZ' })).toEqual({});
    expect(await read({ state: 'TR', priority: 'urgent' })).toEqual({});

    // A stage's cards: those that waited longest first, or the latest first for a final stage.
    const byAge = (a: ProcessRecord, b: ProcessRecord) =>
      a.updatedAt.localeCompare(b.updatedAt) || a.id.localeCompare(b.id);
    for (const [filter, expected] of cases) {
      for (const stage of new Set(expected.map(key))) {
        const here = expected.filter((p) => key(p) === stage).sort(byAge);
        const [type, name] = stage.split('/') as [string, string];
        const cards = async (latestFirst: boolean) =>
          (await queries.stageCards({ ...filter, type, stage: name, latestFirst, limit: 2 })).map((p) => p.id);
        expect(await cards(false)).toEqual(here.slice(0, 2).map((p) => p.id));
        expect(await cards(true)).toEqual(
          here
            .reverse()
            .slice(0, 2)
            .map((p) => p.id),
        );
      }
    }
  });

  it('says which of some ids are processes a caller may see, a hidden code left out (GET /stalled for an auditor)', async () => {
    await new ProcessProjection(dataSource, fixtureDefinitionOf).apply(besideTheFixture('h3-secret'));
    const queries = new ProcessQueries(dataSource);
    const [fixtureId] = [...new Set(fixtureEvents.map((e) => e.data.processId))];
    const ids = [fixtureId as string, 'h3-secret', 'case:no-such-process'];
    await expect(queries.visibleAmong(ids, ['H3'])).resolves.toEqual(new Set([fixtureId]));
    await expect(queries.visibleAmong(ids, [])).resolves.toEqual(new Set([fixtureId, 'h3-secret']));
    await expect(queries.visibleAmong([], ['H3'])).resolves.toEqual(new Set());
  });

  it('puts an escalated deadline in the inbox of the party it escalates to, until the stage changes', async () => {
    const id = 'p05-mla-sent-pending';
    const inboxOf = async (agency: string) =>
      (await new ProcessQueries(dataSource).listProcesses({ awaitingAgency: agency, limit: 50 })).items.map(
        (p) => p.id,
      );
    expect(await inboxOf('gr-authority')).not.toContain(id);
    const last = fixtureEvents.filter((e) => e.data.processId === id).at(-1)!;
    const sequence = last.data.sequence + 1;
    const at = '2026-04-10T00:00:00.000Z';
    const expired = {
      ...last,
      id: `${id}:${sequence}`,
      time: at,
      data: {
        ...last.data,
        sequence,
        action: 'deadline-expired',
        fromStage: last.data.stage,
        actor: { userId: 'comity-deadline-timer', role: 'admin' as const },
        payload: {
          deadlineId: 'recognition',
          label: 'Recognise',
          dueAt: at,
          consequence: 'escalated',
          escalatedTo: 'requesting',
        },
        occurredAt: at,
      },
    };
    await new ProcessProjection(dataSource, fixtureDefinitionOf).apply(expired);
    const task = await dataSource.getRepository(TaskRecord).findOneBy({ taskId: `${id}:${sequence}:task` });
    expect(task).toMatchObject({ agencyId: 'gr-authority', party: 'requesting', status: 'open', dueAt: at });
    // The requested side still has its task; the requesting side now has the escalation.
    expect(await inboxOf('gr-authority')).toContain(id);
    expect(await inboxOf('tr-authority')).toContain(id);
  });

  it('counts a process put in a case after its start (link-case) in that case, once, from then on', async () => {
    const id = 'p13-confiscation-sent-pending';
    const before = await dataSource.getRepository(CaseRecord).findOneByOrFail({ caseId: 'case-central-med' });
    const last = fixtureEvents.filter((e) => e.data.processId === id).at(-1)!;
    expect(last.data.caseId).toBeUndefined();
    const sequence = last.data.sequence + 1;
    const at = '2026-04-11T00:00:00.000Z';
    const linked = {
      ...last,
      id: `${id}:${sequence}`,
      time: at,
      data: {
        ...last.data,
        caseId: 'case-central-med',
        sequence,
        action: 'link-case',
        fromStage: last.data.stage,
        actor: { userId: 'officer-1', role: 'coordinator' as const },
        payload: { caseId: 'case-central-med', reason: 'the same network' },
        occurredAt: at,
      },
    };
    const projection = new ProcessProjection(dataSource, fixtureDefinitionOf);
    await projection.apply(linked);
    await projection.apply(linked);
    const after = await dataSource.getRepository(CaseRecord).findOneByOrFail({ caseId: 'case-central-med' });
    expect([after.processes, after.openProcesses, after.lastEventAt]).toEqual([
      before.processes + 1,
      before.openProcesses + 1,
      at,
    ]);
    expect((await dataSource.getRepository(ProcessRecord).findOneByOrFail({ id })).caseId).toBe('case-central-med');
    const facts = await dataSource.getRepository(ProcessStatisticsRecord).findOneByOrFail({ processId: id });
    expect(facts.caseId).toBe('case-central-med');
  });
});
