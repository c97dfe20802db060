import { loadConfig } from '@comity/config';
import { connectTemporalClient, type TemporalHandle } from '@comity/temporal';
import { AppGroup } from '../support/app-group';
import { startApp, waitFor, type RunningApp } from '../support/apps';
import { createTestEnvironment, type TestEnvironment } from '../support/environment';
import { testKafka } from '../support/kafka-access';
import {
  reconcileRun,
  runningCount,
  scenarioFile,
  seededRandom,
  settle,
  sleep,
  startProcesses,
} from '../faults/fault-run';
import { CLUSTER_SERVICES, clusterServices, killByPidFile, PostgresReadModel } from './cluster-services';

/**
 * The fault suite on the cluster topology: a few hundred MLAs in flight, driven by the agency
 * simulator over Kafka, with two of each Comity service, while the leader broker of a partition of
 * the process-events topic, the Temporal history service, the Temporal matching service, a worker
 * and a bridge are SIGKILLed (each started again, as a supervisor would), and the cluster's
 * PostgreSQL (Temporal's persistence and visibility, and the read model) restarts. Afterwards every
 * process must be at its expected final stage in Temporal and in the read model, every expected event
 * on the topic and in the read model, and no answer or event applied twice: the line it prints is
 * the embedded fault suite's (test/faults).
 *   COMITY_FAULTS_PROCESSES  how many processes (default 240: at least 200 running at the first fault)
 *   COMITY_FAULTS_SEED       the seed of the random moments (printed, to replay a run)
 */
const API_PORTS = [3180, 3181] as const;
const PROCESSES = Number(process.env['COMITY_FAULTS_PROCESSES'] ?? 240);
const SEED = Number(process.env['COMITY_FAULTS_SEED'] ?? Date.now() % 1_000_000);

let environment: TestEnvironment;
let apps: AppGroup;
let secondApi: RunningApp | undefined;

beforeAll(async () => {
  await clusterServices('start', ...CLUSTER_SERVICES);
  environment = await createTestEnvironment('postgres', API_PORTS[0]);
  apps = new AppGroup(appEnv(), { 'agency-simulator': [scenarioFile()] });
  for (const name of ['worker', 'projector', 'bridge', 'api'] as const) await apps.start(name);
  // The second of each: crash() always hits the first, so the second carries on meanwhile.
  for (const name of ['worker', 'projector', 'bridge'] as const) await apps.startExtra(name);
  secondApi = await startApp('api', { ...appEnv(), COMITY_API_PORT: String(API_PORTS[1]) }, [], 120_000);
  // An agency's credential, issued as the simulator registers it, reaches each broker through the
  // metadata log: a broker still catching up refuses it for a moment, and the simulator exits.
  await waitFor('the agency simulator to start', () => apps.start('agency-simulator').then(() => true), 300_000);
}, 900_000);

afterAll(async () => {
  const unclean = (await apps?.stopAll()) ?? [];
  const code = await secondApi?.stop();
  await environment?.dispose();
  if (unclean.length) throw new Error(`apps did not exit cleanly:\n${unclean.join('\n')}`);
  expect(code).toBe(0);
}, 180_000);

/**
 * The run's settings: one coordinator starts every process, and the bridge is more patient than by
 * default — four Temporal processes, three brokers and ten apps share a small machine here, and a
 * workflow task queued behind hundreds may take longer than 10 s to accept an answer's update; an
 * answer that still is not accepted after its attempts is dead-lettered, which the run counts as lost.
 */
const appEnv = (): Record<string, string> => ({
  ...environment.env,
  COMITY_API_RATE_LIMIT: '1000000',
  COMITY_BRIDGE_UPDATE_TIMEOUT_MS: '60000',
  COMITY_BRIDGE_RETRY_ATTEMPTS: '10',
});

/** The broker leading partition 0 of the run's process-events topic. */
async function leaderOfProcessEvents(): Promise<number> {
  const admin = testKafka('cluster-faults', environment.brokers).admin();
  await admin.connect();
  try {
    const { topics } = await admin.fetchTopicMetadata({ topics: [environment.topics.processEvents] });
    const leader = topics[0]?.partitions.find((p) => p.partitionId === 0)?.leader;
    if (leader === undefined || leader < 0) throw new Error('partition 0 has no leader');
    return leader;
  } finally {
    await admin.disconnect();
  }
}

const TEST_TIMEOUT_MS = 1_500_000;

it(
  'brings every process to its final state through broker, Temporal, app and database faults',
  async () => {
    const started = Date.now();
    const log = (line: string) =>
      console.log(`[cluster faults +${((Date.now() - started) / 1000).toFixed(1)}s] ${line}`);
    log(`seed ${SEED}, ${PROCESSES} processes`);
    const random = seededRandom(SEED);
    const temporal: TemporalHandle = await connectTemporalClient(
      loadConfig({ ...process.env, ...environment.env }).temporal,
    );
    try {
      const planned = await startProcesses(
        `http://127.0.0.1:${API_PORTS[0]}`,
        environment.token,
        { seed: SEED, count: PROCESSES },
        log,
      );
      const inFlight: number[] = [];
      const fault = async (what: string, action: () => Promise<void>) => {
        const open = await runningCount(temporal.client, environment.env['COMITY_TEMPORAL_TASK_QUEUE']);
        inFlight.push(open);
        log(`${what} (${open} processes running)`);
        await action();
        await sleep(1_000 + random() * 4_000);
      };
      await fault('SIGKILL the leader broker of partition 0 of the process-events topic', async () => {
        const leader = await leaderOfProcessEvents();
        await killByPidFile(`kafka/node-${leader}/kafka.pid`);
        const next = await waitFor(
          'a new leader of partition 0',
          async () => {
            const now = await leaderOfProcessEvents();
            return now !== leader ? now : undefined;
          },
          60_000,
        );
        log(`broker ${leader} killed; broker ${next} leads partition 0; starting broker ${leader} again`);
        await clusterServices('start', 'kafka-cluster');
      });
      await fault('SIGKILL the Temporal history service', async () => {
        await killByPidFile('temporal/history.pid');
        await clusterServices('start', 'temporal-cluster');
      });
      await fault('SIGKILL the Temporal matching service', async () => {
        await killByPidFile('temporal/matching.pid');
        await clusterServices('start', 'temporal-cluster');
      });
      await fault('SIGKILL a worker', () => apps.crash('worker'));
      await fault('SIGKILL a bridge', () => apps.crash('bridge'));
      await fault('restart PostgreSQL', () => clusterServices('restart', 'postgres-cluster'));
      log('all faults done; waiting for every process to finish');

      const readModel = new PostgresReadModel(environment.env['COMITY_DATABASE_URL'] as string);
      const finals = await settle(temporal.client, planned, readModel, {
        deadline: started + TEST_TIMEOUT_MS,
        readModelWaitMs: 180_000,
        log,
        stopIf: () => apps.exited()[0],
      });
      const { counts, problems } = await reconcileRun(planned, {
        temporal: finals,
        readModel,
        brokers: environment.brokers,
        topics: environment.topics,
        env: environment.env,
      });
      log(`processes running at each fault: ${inFlight.join(', ')}`);

      expect(apps.exited()).toEqual([]);
      expect(secondApi?.process.exitCode).toBeNull();
      expect(problems).toEqual([]);
      expect(counts).toMatchObject({ processes: PROCESSES, duplicatesApplied: 0, lost: 0, wrongFinalState: 0 });
      // Faults must have met processes mid-way, the first with at least 200 running, or they proved little.
      expect(inFlight.filter((n) => n <= 0)).toEqual([]);
      expect(inFlight[0]).toBeGreaterThanOrEqual(Math.min(200, PROCESSES));
    } finally {
      await temporal.connection.close();
    }
  },
  TEST_TIMEOUT_MS,
);
