import { randomBytes, randomUUID } from 'node:crypto';
import * as path from 'node:path';
import Database from 'better-sqlite3';
import { Client, Connection } from '@temporalio/client';
import { issueLocalToken } from '@comity/auth';
import { loadConfig } from '@comity/config';
import { DefaultTopics } from '@comity/events';
import { comityDataConverter } from '@comity/temporal';
import { AppGroup } from '../support/app-group';
import { startPrivateServices, type PrivateServices } from '../support/private-services';
import {
  reconcileRun,
  runningCount,
  scenarioFile,
  seededRandom,
  settle,
  sleep,
  startProcesses,
  type ReadModelSnapshot,
} from './fault-run';
import type { ReadModelRow } from './reconcile';

/**
 * The fault suite: a few hundred MLAs in flight, driven by the agency simulator over Kafka, while
 * the worker is SIGKILLed three times, the Temporal server restarts (its SQLite file kept), the
 * Kafka broker is down for 30 seconds, and the projector and the bridge are SIGKILLed once each.
 * Afterwards every process must be at its expected final stage in Temporal and in the read model,
 * every expected event on the topic and in the read model, and no answer or event applied twice.
 *
 * It restarts and stops services, so it runs its own Temporal dev server and Kafka broker (started
 * by infra/services.sh on ports of its own, under a runtime folder of its own), never the shared ones.
 *   COMITY_FAULTS_PROCESSES  how many processes (default 200)
 *   COMITY_FAULTS_SEED       the seed of the random moments (printed, to replay a run)
 */
const PORTS = { api: 3260, temporal: 3261, temporalUi: 3262, kafka: 3263, kafkaController: 3264 };
const PROCESSES = Number(process.env['COMITY_FAULTS_PROCESSES'] ?? 200);
const SEED = Number(process.env['COMITY_FAULTS_SEED'] ?? Date.now() % 1_000_000);
const KAFKA_OUTAGE_MS = 30_000;

let services: PrivateServices;
let apps: AppGroup;
let env: Record<string, string>;
let secret: string;

beforeAll(async () => {
  services = await startPrivateServices(PORTS);
  secret = randomUUID() + randomUUID();
  env = {
    ...services.appEnv,
    COMITY_DB_TYPE: 'sqlite',
    COMITY_SQLITE_PATH: path.join(services.runtime, 'read-model.sqlite'),
    COMITY_AUTH_SECRET: secret,
    COMITY_CODEC_KEYS: `faults:${randomBytes(32).toString('base64')}`,
    COMITY_ACTION_KEYS: `faults:${randomBytes(32).toString('base64')}`,
    COMITY_CODEC_ACTIVE_KEY: 'faults',
    COMITY_API_PORT: String(PORTS.api),
    COMITY_API_RATE_LIMIT: '1000000',
  };
  apps = new AppGroup(env, { 'agency-simulator': [scenarioFile()] });
  for (const name of ['worker', 'projector', 'bridge', 'api', 'agency-simulator'] as const) await apps.start(name);
}, 300_000);

afterAll(async () => {
  const unclean = (await apps?.stopAll()) ?? [];
  await services?.dispose();
  if (unclean.length) throw new Error(`apps did not exit cleanly:\n${unclean.join('\n')}`);
}, 180_000);

const TEST_TIMEOUT_MS = 600_000;

it(
  'brings every process to its final state through crashes and outages, losing nothing and applying nothing twice',
  async () => {
    const started = Date.now();
    const log = (line: string) => console.log(`[faults +${((Date.now() - started) / 1000).toFixed(1)}s] ${line}`);
    log(`seed ${SEED}, ${PROCESSES} processes`);
    const random = seededRandom(SEED);
    const temporal = await connectTemporal();
    try {
      const planned = await startProcesses(
        `http://127.0.0.1:${PORTS.api}`,
        (actor) => issueLocalToken(secret, actor),
        { seed: SEED, count: PROCESSES },
        log,
      );
      const inFlight: number[] = [];
      const fault = async (what: string, action: () => Promise<void>) => {
        await sleep(1_000 + random() * 5_000);
        const open = await runningCount(temporal.client);
        inFlight.push(open);
        log(`${what} (${open} processes running)`);
        await action();
      };
      await fault('SIGKILL worker (1/3)', () => apps.crash('worker'));
      await fault('SIGKILL projector', () => apps.crash('projector'));
      await fault('restart Temporal', () => services.service('restart', 'temporal'));
      await fault('SIGKILL worker (2/3)', () => apps.crash('worker'));
      await fault(`stop Kafka for ${KAFKA_OUTAGE_MS / 1000} s`, async () => {
        await services.service('stop', 'kafka');
        await sleep(KAFKA_OUTAGE_MS);
        await services.service('start', 'kafka');
      });
      await fault('SIGKILL bridge', () => apps.crash('bridge'));
      await fault('SIGKILL worker (3/3)', () => apps.crash('worker'));
      log('all faults done; waiting for every process to finish');

      const readModel = new ReadModel(env['COMITY_SQLITE_PATH'] as string);
      const finals = await settle(temporal.client, planned, readModel, {
        deadline: started + TEST_TIMEOUT_MS,
        readModelWaitMs: 120_000,
        log,
        stopIf: () => apps.exited()[0],
      });
      const { counts, problems } = await reconcileRun(planned, {
        temporal: finals,
        readModel,
        brokers: services.brokers,
        topics: DefaultTopics,
        env,
      });
      readModel.close();
      log(`processes running at each fault: ${inFlight.join(', ')}`);

      expect(apps.exited()).toEqual([]);
      expect(problems).toEqual([]);
      expect(counts).toMatchObject({ processes: PROCESSES, duplicatesApplied: 0, lost: 0, wrongFinalState: 0 });
      // Faults must have met processes mid-way, or they proved nothing.
      expect(inFlight.filter((n) => n === 0)).toEqual([]);
    } finally {
      await temporal.connection.close();
    }
  },
  TEST_TIMEOUT_MS,
);

async function connectTemporal(): Promise<{ connection: Connection; client: Client }> {
  const config = loadConfig({ ...process.env, ...env }).temporal;
  const connection = await Connection.connect({ address: config.address });
  const client = new Client({ connection, namespace: config.namespace, dataConverter: comityDataConverter(config) });
  return { connection, client };
}

/** The read model's SQLite file, read directly (read-only) beside the projector writing it. */
class ReadModel implements ReadModelSnapshot {
  private db: Database.Database | undefined;
  constructor(private readonly file: string) {}

  private open(): Database.Database | undefined {
    try {
      this.db ??= new Database(this.file, { readonly: true, fileMustExist: true });
      this.db.prepare('SELECT 1 FROM processes LIMIT 1').get();
      return this.db;
    } catch {
      return undefined;
    }
  }

  async rows(): Promise<Map<string, ReadModelRow>> {
    const rows = (this.open()?.prepare('SELECT id, stage, terminal, last_sequence FROM processes').all() ?? []) as {
      id: string;
      stage: string;
      terminal: number;
      last_sequence: number;
    }[];
    return new Map(
      rows.map((r) => [r.id, { stage: r.stage, terminal: r.terminal === 1, lastSequence: r.last_sequence }]),
    );
  }

  async timelineEventIds(): Promise<string[]> {
    const rows = (this.open()?.prepare('SELECT event_id FROM timeline').all() ?? []) as { event_id: string }[];
    return rows.map((r) => r.event_id);
  }

  close(): void {
    this.db?.close();
  }
}
