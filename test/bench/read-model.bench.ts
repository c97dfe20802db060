/**
 * Read-model query benchmark: loads 100,000 processes (with their parties and statistics facts)
 * into a fresh SQLite file and a fresh PostgreSQL database, then times the dashboard's queries —
 * the pipeline, the filtered and paged lists, the inboxes — and the statistics, printing p50/p95
 * per query and writing test/reports/read-model-bench.json.
 *
 *   npm run bench:read-model [-- --processes 100000 --runs 200 --only sqlite|postgres --check --keep]
 *
 * Target (issue 6): p95 under 50 ms for the pipeline and list queries on both databases; with
 * --check the command exits 1 when one misses it. The statistics are timed for information: they
 * read every row of the period to compute medians and percentiles.
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import * as path from 'node:path';
import type { DataSource } from 'typeorm';
import { loadConfig } from '@comity/config';
import { definitionOf, processTypes, statisticsCountNames, type StatisticsRequest } from '@comity/domain';
import {
  NO_DEADLINE,
  openReadModel,
  ProcessPartyRecord,
  ProcessQueries,
  ProcessRecord,
  ProcessStatisticsRecord,
  StatisticsQueries,
} from '@comity/persistence';
import { createTestDatabase, type DatabaseKind } from '../support/environment';
import { keysOf } from '../support/sealing';

interface Options {
  readonly processes: number;
  readonly runs: number;
  readonly databases: DatabaseKind[];
  readonly check: boolean;
  /** Leave the loaded databases in place (and print where they are) for a closer look. */
  readonly keep: boolean;
}

interface QueryResult {
  readonly query: string;
  readonly targeted: boolean;
  readonly rows: number;
  readonly p50Ms: number;
  readonly p95Ms: number;
  readonly maxMs: number;
}

const TARGET_P95_MS = 50;
const DAY_MS = 86_400_000;
const STATES = ['GR', 'IT', 'TR', 'LY', 'AL', 'ES', 'FR', 'DE', 'NL', 'MA'];
const AGENCIES = Array.from({ length: 60 }, (_, i) => `agency-${String(i).padStart(2, '0')}`);
const OFFENCES = ['migrant-smuggling', 'trafficking-in-persons', 'money-laundering', 'document-fraud', null];
const PRIORITIES = ['urgent', 'high', 'normal'] as const;
const EPOCH = Date.parse('2026-01-01T00:00:00.000Z');

function parseOptions(argv: readonly string[]): Options {
  const value = (name: string) => {
    const i = argv.indexOf(`--${name}`);
    return i >= 0 ? argv[i + 1] : undefined;
  };
  const only = value('only');
  if (only !== undefined && only !== 'sqlite' && only !== 'postgres') {
    throw new Error(`--only: sqlite or postgres, not '${only}'`);
  }
  const processes = Number(value('processes') ?? 100_000);
  const runs = Number(value('runs') ?? 200);
  if (!Number.isInteger(processes) || processes < 100) throw new Error('--processes: an integer of at least 100');
  if (!Number.isInteger(runs) || runs < 10) throw new Error('--runs: an integer of at least 10');
  return {
    processes,
    runs,
    databases: only ? [only] : ['sqlite', 'postgres'],
    check: argv.includes('--check'),
    keep: argv.includes('--keep'),
  };
}

/** A small deterministic generator (mulberry32), so every run loads the same data. */
function random(seed: number): () => number {
  let a = seed;
  return () => {
    a = (a + 0x6d2b79f5) | 0;
    let t = Math.imul(a ^ (a >>> 15), 1 | a);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const pick = <T>(next: () => number, list: readonly T[]): T => list[Math.floor(next() * list.length)] as T;
const iso = (ms: number) => new Date(ms).toISOString();

interface Generated {
  readonly process: Partial<ProcessRecord>;
  readonly parties: Partial<ProcessPartyRecord>[];
  readonly statistics: Partial<ProcessStatisticsRecord>;
}

function generate(index: number, next: () => number): Generated {
  const type = pick(next, processTypes);
  const definition = definitionOf(type);
  const stages = Object.keys(definition.states);
  const stage = pick(next, stages);
  const terminal = definition.states[stage]?.terminal === true;
  const id = `${type}-${String(index).padStart(7, '0')}`;
  const requesting = { agencyId: pick(next, AGENCIES), state: pick(next, STATES) };
  const requested = { agencyId: pick(next, AGENCIES), state: pick(next, STATES) };
  const parties = { requesting, requested };
  const openedAt = EPOCH + Math.floor(next() * 330 * DAY_MS);
  const updatedAt = openedAt + Math.floor(next() * 30 * DAY_MS);
  const priority = pick(next, PRIORITIES);
  const awaiting = terminal ? undefined : definition.states[stage]?.awaiting;
  const outcome = terminal ? (definition.statistics.outcomes[stage] ?? 'closed') : null;
  const offence = pick(next, OFFENCES);
  return {
    process: {
      id,
      type,
      stage,
      terminal,
      caseId: next() < 0.6 ? `case-${Math.floor(next() * 2000)}` : null,
      offence,
      legalBasis: type === 'extradition' ? 'ECE' : 'UNTOC',
      priority,
      priorityRank: PRIORITIES.indexOf(priority),
      handlingCode: pick(next, ['H0', 'H1', 'H1', 'H2', 'H3']),
      parties,
      deadlines: [],
      nextDueAt: terminal ? NO_DEADLINE : iso(updatedAt + Math.floor(next() * 90 * DAY_MS)),
      overdue: !terminal && next() < 0.05,
      awaitingAgency: awaiting ? (parties as Record<string, { agencyId: string }>)[awaiting]?.agencyId : null,
      lastSequence: 1 + Math.floor(next() * 12),
      startedAt: iso(openedAt),
      updatedAt: iso(updatedAt),
    },
    parties: (['requesting', 'requested'] as const).map((slot) => ({
      processId: id,
      slot,
      ...parties[slot],
      type,
      stage,
      overdue: false,
      updatedAt: iso(updatedAt),
    })),
    statistics: {
      processId: id,
      type,
      legalBasis: type === 'extradition' ? 'ECE' : 'UNTOC',
      offence,
      requestingState: requesting.state,
      requestedState: requested.state,
      openedAt: iso(openedAt),
      acknowledgedAt: next() < 0.8 ? iso(openedAt + Math.floor(next() * 20 * DAY_MS)) : null,
      decidedAt: next() < 0.6 ? iso(openedAt + Math.floor(next() * 60 * DAY_MS)) : null,
      finishedAt: terminal ? iso(updatedAt) : null,
      outcome,
      refusalGround:
        outcome === 'refused' ? pick(next, ['essential-interests', 'nationality', 'political-offence']) : null,
      withinDeadline: terminal ? next() < 0.8 : null,
      counts: {},
      assets: [],
      lastSequence: 1,
      lastGround: null,
    },
  };
}

async function load(dataSource: DataSource, count: number): Promise<number> {
  const started = Date.now();
  const next = random(20260401);
  const chunk = 500;
  for (let from = 0; from < count; from += chunk) {
    const batch = Array.from({ length: Math.min(chunk, count - from) }, (_, i) => generate(from + i, next));
    await dataSource.transaction(async (tx) => {
      await tx.insert(
        ProcessRecord,
        batch.map((g) => g.process),
      );
      await tx.insert(
        ProcessPartyRecord,
        batch.flatMap((g) => g.parties),
      );
      await tx.insert(
        ProcessStatisticsRecord,
        batch.map((g) => g.statistics),
      );
    });
    if ((from / chunk) % 20 === 0) process.stderr.write(`\r  loading ${from + batch.length}/${count}`);
  }
  // What the projection keeps as processes move: the overdue flag on the party rows, the counts.
  await dataSource.query(
    `UPDATE process_parties SET overdue = (SELECT p.overdue FROM processes p WHERE p.id = process_parties.process_id)`,
  );
  await dataSource.query(
    `INSERT INTO pipeline_counts (type, stage, handling_code, processes, overdue)
     SELECT type, stage, handling_code, COUNT(*), SUM(CASE WHEN overdue THEN 1 ELSE 0 END)
     FROM processes GROUP BY type, stage, handling_code`,
  );
  process.stderr.write(`\r  loaded ${count} processes in ${((Date.now() - started) / 1000).toFixed(1)} s\n`);
  // Planner statistics and (PostgreSQL) the visibility map that index-only scans rely on, as
  // autovacuum keeps them on a database that has been running for a while.
  await dataSource.query(dataSource.options.type === 'postgres' ? 'VACUUM ANALYZE' : 'ANALYZE');
  return Date.now() - started;
}

function percentile(sorted: readonly number[], p: number): number {
  return sorted[Math.max(0, Math.ceil(p * sorted.length) - 1)] ?? 0;
}

async function time(name: string, targeted: boolean, runs: number, query: () => Promise<number>): Promise<QueryResult> {
  let rows = 0;
  for (let i = 0; i < Math.min(20, runs); i++) rows = await query();
  const samples: number[] = [];
  for (let i = 0; i < runs; i++) {
    const started = process.hrtime.bigint();
    await query();
    samples.push(Number(process.hrtime.bigint() - started) / 1e6);
  }
  samples.sort((a, b) => a - b);
  const round = (ms: number) => Math.round(ms * 100) / 100;
  return {
    query: name,
    targeted,
    rows,
    p50Ms: round(percentile(samples, 0.5)),
    p95Ms: round(percentile(samples, 0.95)),
    maxMs: round(samples.at(-1) ?? 0),
  };
}

async function benchmark(dataSource: DataSource, runs: number): Promise<QueryResult[]> {
  const processes = new ProcessQueries(dataSource);
  const statistics = new StatisticsQueries(dataSource);
  const agency = AGENCIES[7] as string;
  const page = (filter: Parameters<ProcessQueries['listProcesses']>[0]) => async () =>
    (await processes.listProcesses(filter)).items.length;
  const firstPage = await processes.listProcesses({ limit: 50 });
  const isFinal = (type: string, stage: string) => definitionOf(type).states[stage]?.terminal === true;
  const board = (filter: Parameters<ProcessQueries['board']>[0]) => async () =>
    (await processes.board(filter, 8, isFinal)).reduce((n, row) => n + row.cards.length, 0);
  const stats = (overrides: Partial<StatisticsRequest>) => async () => {
    const report = await statistics.report({
      period: { from: '2026-01-01', to: '2026-12-31' },
      filter: {},
      groupBy: 'type',
      ownState: 'GR',
      countNames: statisticsCountNames(),
      now: Date.parse('2026-12-31T00:00:00.000Z'),
      ...overrides,
    });
    return report.total.opened;
  };
  const queries: [string, boolean, () => Promise<number>][] = [
    ['pipeline (all processes)', true, async () => (await processes.pipeline()).length],
    ['pipeline (one agency)', true, async () => (await processes.pipeline({ agencyId: agency })).length],
    [
      'pipeline (an auditor: without H3)',
      true,
      async () => (await processes.pipeline({ excludeHandlingCodes: ['H3'] })).length,
    ],
    // The board (pipeline + cards) answers one page of the dashboard: issue 17's 300 ms page budget, not 50 ms.
    ['board: pipeline + 8 cards per stage', false, board({})],
    ['board: one agency', false, board({ agencyId: agency })],
    ['board: one state', false, board({ state: 'TR' })],
    ['board: an auditor (H3 hidden)', false, board({ excludeHandlingCodes: ['H3'] })],
    ['list: first page', true, page({ limit: 50 })],
    ['list: next page (cursor)', true, page({ limit: 50, cursor: firstPage.nextCursor })],
    ['list: type + stage', true, page({ type: 'mla', stage: 'in-execution', limit: 50 })],
    ['list: overdue', true, page({ overdue: true, limit: 50 })],
    ['list: case', true, page({ caseId: 'case-42', limit: 50 })],
    ['list: agency is a party', true, page({ agencyId: agency, limit: 50 })],
    ['list: auditor (H3 hidden)', true, page({ excludeHandlingCodes: ['H3'], limit: 50 })],
    ['inbox: awaiting one agency', true, page({ awaitingAgency: agency, limit: 50 })],
    ['inbox: awaiting any agency', true, page({ hasAwaitingAgency: true, limit: 50 })],
    ['statistics: year by type', false, stats({})],
    [
      'statistics: received mla by month',
      false,
      stats({ filter: { type: 'mla', direction: 'received' }, groupBy: 'month' }),
    ],
    [
      'statistics: one counterpart, a quarter',
      false,
      stats({ period: { from: '2026-04-01', to: '2026-06-30' }, filter: { counterpartState: 'TR' } }),
    ],
  ];
  const results: QueryResult[] = [];
  for (const [name, targeted, query] of queries) {
    const result = await time(name, targeted, name.startsWith('statistics') ? Math.min(runs, 30) : runs, query);
    results.push(result);
    const verdict = !targeted ? '' : result.p95Ms < TARGET_P95_MS ? '  ok' : `  OVER ${TARGET_P95_MS} ms`;
    console.log(
      `  ${name.padEnd(40)} rows ${String(result.rows).padStart(6)}  p50 ${result.p50Ms.toFixed(2).padStart(8)} ms  p95 ${result.p95Ms.toFixed(2).padStart(8)} ms${verdict}`,
    );
  }
  return results;
}

async function main(): Promise<number> {
  const options = parseOptions(process.argv.slice(2));
  const report: Record<string, unknown> = {
    processes: options.processes,
    runs: options.runs,
    targetP95Ms: TARGET_P95_MS,
    startedAt: new Date().toISOString(),
    databases: {},
  };
  let missed = 0;
  for (const kind of options.databases) {
    console.log(`${kind}: ${options.processes} processes`);
    const database = await createTestDatabase(kind);
    const dataSource = await openReadModel(
      loadConfig({ ...process.env, ...database.env }).database,
      keysOf(database.env),
    );
    try {
      const loadMs = await load(dataSource, options.processes);
      const results = await benchmark(dataSource, options.runs);
      missed += results.filter((r) => r.targeted && r.p95Ms >= TARGET_P95_MS).length;
      (report['databases'] as Record<string, unknown>)[kind] = { loadMs, queries: results };
    } finally {
      await dataSource.destroy();
      if (options.keep) console.log(`  kept: ${JSON.stringify(database.env)}`);
      else await database.dispose();
    }
  }
  const file = path.resolve(__dirname, '../reports/read-model-bench.json');
  mkdirSync(path.dirname(file), { recursive: true });
  writeFileSync(file, `${JSON.stringify(report, null, 2)}\n`);
  console.log(
    `wrote ${path.relative(process.cwd(), file)}; ${missed} targeted queries over ${TARGET_P95_MS} ms at p95`,
  );
  return options.check && missed > 0 ? 1 : 0;
}

main().then(
  (code) => process.exit(code),
  (err: unknown) => {
    console.error(err);
    process.exit(1);
  },
);
