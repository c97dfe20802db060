import { randomBytes, randomUUID } from 'node:crypto';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import Database from 'better-sqlite3';
import { Client, Connection } from '@temporalio/client';
import { issueLocalToken } from '@comity/auth';
import { loadConfig } from '@comity/config';
import type { Actor } from '@comity/domain';
import { agencyOfAnswersTopic, agencyResponse, DefaultTopics, sealedProcessEvent } from '@comity/events';
import { comityDataConverter } from '@comity/temporal';
import type { ProcessView } from '@comity/workflows';
import { installationOpener } from '../support/agency-channel';
import { apiClient } from '../support/api-client';
import { AppGroup } from '../support/app-group';
import { startPrivateServices, type PrivateServices } from '../support/private-services';
import { testKafka } from '../support/kafka-access';
import { readWholeTopic } from '../support/topic-reader';
import { formatCounts, reconcile, type FinalState, type PlannedProcess, type ReadModelRow } from './reconcile';

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
/**
 * Each simulated answer waits this long, and the simulator answers one task at a time: it paces the
 * run (at most 40 answers a second), so the faults meet processes mid-way.
 */
const ANSWER_DELAY_MS = 25;
const KAFKA_OUTAGE_MS = 30_000;

const coordinator: Actor = { userId: 'fault-officer', role: 'coordinator' };

/** Agency pairs the simulator plays, and what each pair's processes must go through. */
const pairs = [
  { requesting: 'at-prosecutor', requested: 'rs-prosecutor', partialReturns: 1 },
  { requesting: 'de-bka', requested: 'tr-police', partialReturns: 2 },
  { requesting: 'gr-central-authority', requested: 'al-central-authority', partialReturns: 1 },
  { requesting: 'it-prosecutor', requested: 'ly-prosecutor', refuse: true },
] as const;

const opening = ['start', 'submit-for-review', 'record-translation', 'transmit', 'acknowledge', 'start-execution'];
const expectedOf = (pair: (typeof pairs)[number]) =>
  'refuse' in pair
    ? { expectedStage: 'refused', expectedActions: [...opening, 'consult', 'answer-consultation', 'refuse'] }
    : {
        expectedStage: 'executed',
        expectedActions: [
          ...opening,
          ...Array<string>(pair.partialReturns).fill('return-partial'),
          'complete-execution',
        ],
      };

function scenarioFile(): string {
  const agencies = pairs.flatMap((pair) => [
    { agencyId: pair.requesting, delayMs: ANSWER_DELAY_MS, behaviour: { translationLanguage: 'en' } },
    {
      agencyId: pair.requested,
      delayMs: ANSWER_DELAY_MS,
      behaviour:
        'refuse' in pair
          ? {
              refuseWith: {
                ground: 'essential-interests',
                reasons: 'An ongoing domestic operation would be compromised',
              },
            }
          : { partialReturns: pair.partialReturns },
    },
  ]);
  const file = path.join(mkdtempSync(path.join(tmpdir(), 'comity-faults-')), 'scenario.json');
  writeFileSync(file, JSON.stringify({ agencies }));
  return file;
}

/** A small seeded generator (mulberry32), so a run's random moments can be replayed. */
function seededRandom(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

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

it('brings every process to its final state through crashes and outages, losing nothing and applying nothing twice', async () => {
  const started = Date.now();
  const log = (line: string) => console.log(`[faults +${((Date.now() - started) / 1000).toFixed(1)}s] ${line}`);
  log(`seed ${SEED}, ${PROCESSES} processes`);
  const random = seededRandom(SEED);
  const temporal = await connectTemporal();
  try {
    const planned = await startProcesses(log);
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

    const finals = await finalStates(
      temporal.client,
      planned.map((p) => p.id),
    );
    log('every workflow has completed; waiting for the read model');
    const readModel = new ReadModel(env['COMITY_SQLITE_PATH'] as string);
    await readModel.untilFinished(planned, 120_000);
    const events = await readWholeTopic(services.brokers, DefaultTopics.processEvents);
    // Every agency's answers, each on its own topic: who answered is the topic's agency.
    const answers = await readAgencyAnswers(services.brokers);
    const openAnswer = installationOpener(env);
    const { counts, problems } = reconcile(planned, {
      temporal: finals,
      readModel: readModel.rows(),
      timelineEventIds: readModel.timelineEventIds(),
      publishedEvents: events.map((m) => {
        const e = sealedProcessEvent.parse(JSON.parse(m.value));
        return { id: e.id, processId: e.data.processId, action: e.data.action };
      }),
      answerKeys: await Promise.all(
        answers.map(async ({ agencyId, message }) => {
          const { data } = agencyResponse.parse(JSON.parse(await openAnswer(message.value)));
          return `${agencyId}\n${data.idempotencyKey}`;
        }),
      ),
    });
    readModel.close();
    console.log(formatCounts(counts));
    log(`processes running at each fault: ${inFlight.join(', ')}`);

    expect(apps.exited()).toEqual([]);
    expect(problems).toEqual([]);
    expect(counts).toMatchObject({ processes: PROCESSES, duplicatesApplied: 0, lost: 0, wrongFinalState: 0 });
    // Faults must have met processes mid-way, or they proved nothing.
    expect(inFlight.filter((n) => n === 0)).toEqual([]);
  } finally {
    await temporal.connection.close();
  }
}, 600_000);

async function connectTemporal(): Promise<{ connection: Connection; client: Client }> {
  const config = loadConfig({ ...process.env, ...env }).temporal;
  const connection = await Connection.connect({ address: config.address });
  const client = new Client({ connection, namespace: config.namespace, dataConverter: comityDataConverter(config) });
  return { connection, client };
}

/** Starts every planned process through the API (a few at a time), retrying each until the API accepts it. */
async function startProcesses(log: (line: string) => void): Promise<PlannedProcess[]> {
  const api = apiClient(`http://127.0.0.1:${PORTS.api}`, (actor) => issueLocalToken(secret, actor)).as(coordinator);
  const planned: PlannedProcess[] = [];
  const queue = Array.from({ length: PROCESSES }, (_, i) => i);
  await Promise.all(
    Array.from({ length: 8 }, async () => {
      for (let i = queue.shift(); i !== undefined; i = queue.shift()) {
        const pair = pairs[i % pairs.length] as (typeof pairs)[number];
        const res = await api.post<{ id: string }>('/api/v1/processes', {
          type: 'mla',
          legalBasis: 'UNTOC',
          idempotencyKey: `fault-run-${SEED}-${i}`,
          parties: {
            requesting: { agencyId: pair.requesting, state: 'AT' },
            requested: { agencyId: pair.requested, state: 'RS' },
          },
        });
        if (res.status !== 201) throw new Error(`start refused: ${res.status} ${JSON.stringify(res.body)}`);
        planned.push({ id: res.body.id, ...expectedOf(pair) });
      }
    }),
  );
  log(`${planned.length} processes started`);
  return planned;
}

/** How many processes Temporal has running; -1 while it cannot say (e.g. during its restart). */
async function runningCount(client: Client): Promise<number> {
  try {
    return (await client.workflow.count(`ExecutionStatus = 'Running'`)).count;
  } catch {
    return -1;
  }
}

/** Waits for every workflow's result: Temporal's truth about each process. */
async function finalStates(client: Client, ids: readonly string[]): Promise<Map<string, FinalState>> {
  const states = new Map<string, FinalState>();
  const queue = [...ids];
  await Promise.all(
    Array.from({ length: 40 }, async () => {
      for (let id = queue.shift(); id; id = queue.shift()) {
        const view = await client.workflow.getHandle<() => Promise<ProcessView>>(id).result();
        states.set(id, { stage: view.stage, sequence: view.sequence });
      }
    }),
  );
  return states;
}

/** The read model's SQLite file, read directly (read-only) beside the projector writing it. */
class ReadModel {
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

  rows(): Map<string, ReadModelRow> {
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

  timelineEventIds(): string[] {
    const rows = (this.open()?.prepare('SELECT event_id FROM timeline').all() ?? []) as { event_id: string }[];
    return rows.map((r) => r.event_id);
  }

  async untilFinished(planned: readonly PlannedProcess[], timeoutMs: number): Promise<void> {
    const deadline = Date.now() + timeoutMs;
    for (;;) {
      const rows = this.rows();
      const behind = planned.filter((p) => rows.get(p.id)?.lastSequence !== p.expectedActions.length - 1);
      if (behind.length === 0 || Date.now() > deadline) return;
      await sleep(500);
    }
  }

  close(): void {
    this.db?.close();
  }
}

/** Every message on every agency's answer topic, with the agency it belongs to. */
async function readAgencyAnswers(brokers: string[]) {
  const admin = testKafka('faults-answers', brokers).admin();
  await admin.connect();
  const topics = (await admin.listTopics()).filter((t) => agencyOfAnswersTopic(DefaultTopics, t) !== undefined);
  await admin.disconnect();
  const perTopic = await Promise.all(
    topics.map(async (topic) =>
      (await readWholeTopic(brokers, topic)).map((message) => ({
        agencyId: agencyOfAnswersTopic(DefaultTopics, topic) as string,
        message,
      })),
    ),
  );
  return perTopic.flat();
}
