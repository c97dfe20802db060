/**
 * What the projector's write path costs: the same process events applied to a fresh read model one
 * transaction per event (as the projector did) and one transaction per batch of 200 (as it does
 * now, a batch from the topic at a time), on SQLite and on PostgreSQL. The events are the
 * statistics fixture's (test/support/statistics-fixture.ts: MLAs and extraditions of every outcome,
 * asset amounts), copied under new process ids until there are enough. Both ways run in each
 * round, in alternating order, each on a database of its own; it prints events per second (median
 * and range of the rounds) and the ratio, and writes test/reports/projection-bench.json.
 *
 *   npm run bench:projection [-- --events 3000 --rounds 3 --only sqlite|postgres]
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import * as path from 'node:path';
import { loadConfig } from '@comity/config';
import type { ProcessEvent } from '@comity/events';
import { openReadModel, ProcessProjection } from '@comity/persistence';
import { createTestDatabase, type DatabaseKind } from '../support/environment';
import { keysOf } from '../support/sealing';
import { fixtureDefinitionOf, fixtureEvents } from '../support/statistics-fixture';

const root = path.resolve(__dirname, '../..');
const BATCH = 200;
const argument = (name: string) => {
  const i = process.argv.indexOf(`--${name}`);
  return i >= 0 ? process.argv[i + 1] : undefined;
};
const eventCount = Number(argument('events') ?? 3000);
const rounds = Number(argument('rounds') ?? 3);
const databases: DatabaseKind[] = argument('only') ? [argument('only') as DatabaseKind] : ['sqlite', 'postgres'];

/** The fixture's events, copied under new process ids (copy n of process p is `p~n`) up to `count`. */
function events(count: number): ProcessEvent[] {
  const out: ProcessEvent[] = [];
  for (let copy = 0; out.length < count; copy++) {
    for (const event of fixtureEvents) {
      const processId = `${event.data.processId}~${copy}`;
      out.push({
        ...event,
        id: `${processId}:${event.data.sequence}`,
        subject: processId,
        data: { ...event.data, processId, caseId: undefined },
      });
    }
  }
  return out.slice(0, count);
}

type Way = 'one transaction per event' | `one transaction per ${typeof BATCH} events`;

/** Applies every event to a fresh database the given way; events per second. */
async function run(database: DatabaseKind, way: Way, all: readonly ProcessEvent[]): Promise<number> {
  const db = await createTestDatabase(database);
  const dataSource = await openReadModel(loadConfig({ ...process.env, ...db.env }).database, keysOf(db.env));
  try {
    const projection = new ProcessProjection(dataSource, fixtureDefinitionOf);
    const started = process.hrtime.bigint();
    if (way === 'one transaction per event') {
      for (const event of all) await projection.apply(event);
    } else {
      for (let from = 0; from < all.length; from += BATCH) await projection.applyAll(all.slice(from, from + BATCH));
    }
    const seconds = Number(process.hrtime.bigint() - started) / 1e9;
    return all.length / seconds;
  } finally {
    await dataSource.destroy();
    await db.dispose();
  }
}

async function main(): Promise<void> {
  const all = events(eventCount);
  const ways: Way[] = ['one transaction per event', `one transaction per ${BATCH} events`];
  const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)] as number;
  const report: Record<string, unknown> = { events: all.length, batch: BATCH, rounds, databases: {} };
  console.log(`projection: ${all.length} events, ${rounds} rounds, ways alternating`);
  for (const database of databases) {
    const samples = new Map<Way, number[]>(ways.map((w) => [w, []]));
    for (let round = 0; round < rounds; round++) {
      for (const way of round % 2 === 0 ? ways : [...ways].reverse()) {
        samples.get(way)?.push(await run(database, way, all));
      }
    }
    const [single, batched] = ways.map((w) => samples.get(w) as number[]) as [number[], number[]];
    const ratios = single.map((s, i) => (batched[i] as number) / s);
    (report['databases'] as Record<string, unknown>)[database] = {
      eventsPerSecond: Object.fromEntries(ways.map((w) => [w, samples.get(w)])),
      batchedOverSingle: { median: median(ratios), min: Math.min(...ratios), max: Math.max(...ratios) },
    };
    for (const way of ways) {
      const xs = samples.get(way) as number[];
      console.log(
        `  ${database.padEnd(9)} ${way.padEnd(32)} ${median(xs).toFixed(0)} events/s  (${Math.min(...xs).toFixed(0)}–${Math.max(...xs).toFixed(0)})`,
      );
    }
    console.log(
      `  ${database.padEnd(9)} ${'batched / one per event'.padEnd(32)} ${median(ratios).toFixed(2)}×  (${Math.min(...ratios).toFixed(2)}–${Math.max(...ratios).toFixed(2)})`,
    );
  }
  const file = path.join(root, 'test/reports/projection-bench.json');
  mkdirSync(path.dirname(file), { recursive: true });
  writeFileSync(file, `${JSON.stringify(report, null, 2)}\n`);
  console.log(`wrote ${path.relative(process.cwd(), file)}`);
}

main().catch((err: unknown) => {
  console.error(err);
  process.exit(1);
});
