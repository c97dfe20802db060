import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import type { Client } from '@temporalio/client';
import type { Actor } from '@comity/domain';
import { agencyOfAnswersTopic, agencyResponse, sealedProcessEvent, type TopicNames } from '@comity/events';
import type { ProcessView } from '@comity/workflows';
import { installationOpener } from '../support/agency-channel';
import { apiClient } from '../support/api-client';
import { testKafka } from '../support/kafka-access';
import { readWholeTopic } from '../support/topic-reader';
import { formatCounts, reconcile, type FinalState, type PlannedProcess, type ReadModelRow } from './reconcile';

/**
 * What a fault run does besides its faults, shared by the embedded suite (faults.e2e.ts) and the
 * cluster topology's (test/cluster/faults.cluster.ts): a few hundred MLAs started through the API,
 * driven by the agency simulator over Kafka, then every source of truth read back and reconciled.
 */

/**
 * Each simulated answer waits this long, and the simulator answers one task at a time: it paces the
 * run (at most 40 answers a second), so the faults meet processes mid-way.
 */
const ANSWER_DELAY_MS = 25;

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

/** The agency simulator's scenario: the agencies of every pair, each answering as its pair needs. */
export function scenarioFile(): string {
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
export function seededRandom(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

export const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/** Starts `count` processes through the API (a few at a time); each start must be accepted. */
export async function startProcesses(
  apiBase: string,
  token: (actor: Actor) => Promise<string>,
  run: { readonly seed: number; readonly count: number },
  log: (line: string) => void,
): Promise<PlannedProcess[]> {
  const api = apiClient(apiBase, token).as(coordinator);
  const planned: PlannedProcess[] = [];
  const queue = Array.from({ length: run.count }, (_, i) => i);
  await Promise.all(
    Array.from({ length: 8 }, async () => {
      for (let i = queue.shift(); i !== undefined; i = queue.shift()) {
        const pair = pairs[i % pairs.length] as (typeof pairs)[number];
        const res = await api.post<{ id: string }>('/api/v1/processes', {
          type: 'mla',
          legalBasis: 'UNTOC',
          idempotencyKey: `fault-run-${run.seed}-${i}`,
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

/**
 * How many processes Temporal has running (on one task queue, when the namespace is shared); -1
 * while it cannot say (e.g. during its restart).
 */
export async function runningCount(client: Client, taskQueue?: string): Promise<number> {
  const onQueue = taskQueue ? ` AND TaskQueue = '${taskQueue}'` : '';
  try {
    return (await client.workflow.count(`ExecutionStatus = 'Running'${onQueue}`)).count;
  } catch {
    return -1;
  }
}

/**
 * Waits for every workflow's result: Temporal's truth about each process. It waits at most
 * `timeoutMs`, logs progress every half minute, and stops early when `stopIf` names a reason (an app
 * that exited, say): then it logs where the unfinished processes stand and returns the finished ones
 * only, so the reconciliation counts the others and the run fails with figures rather than a timeout.
 */
async function finalStates(
  client: Client,
  ids: readonly string[],
  options: { timeoutMs: number; log: (line: string) => void; stopIf?: () => string | undefined },
): Promise<Map<string, FinalState>> {
  const states = new Map<string, FinalState>();
  const queue = [...ids];
  let stopped = false;
  const all = Promise.all(
    Array.from({ length: 40 }, async () => {
      for (let id = queue.shift(); id && !stopped; id = queue.shift()) {
        const view = await client.workflow.getHandle<() => Promise<ProcessView>>(id).result();
        states.set(id, { stage: view.stage, sequence: view.sequence });
      }
    }),
  );
  const deadline = Date.now() + options.timeoutMs;
  let reason: string | undefined;
  for (;;) {
    const done = await Promise.race([all.then(() => true), sleep(30_000).then(() => false)]);
    if (done) return states;
    reason = options.stopIf?.() ?? (Date.now() > deadline ? `${options.timeoutMs / 1000} s passed` : undefined);
    if (reason) break;
    options.log(`results read for ${states.size} of ${ids.length} processes (read in order)`);
  }
  stopped = true;
  all.catch(() => undefined);
  options.log(`stopped waiting (${reason}): ${await whereUnfinished(client, ids, states)}`);
  return states;
}

/** Where the processes without a result stand, counted by stage and events so far. */
async function whereUnfinished(
  client: Client,
  ids: readonly string[],
  finished: ReadonlyMap<string, FinalState>,
): Promise<string> {
  const unfinished = ids.filter((id) => !finished.has(id));
  const counts = new Map<string, number>();
  for (const id of unfinished) {
    const where = await client.workflow
      .getHandle(id)
      .query<ProcessView>('processState')
      .then((view) => `${view.stage} after ${view.sequence} events`)
      .catch((err: Error) => `no answer to the query: ${err.message}`);
    counts.set(where, (counts.get(where) ?? 0) + 1);
  }
  const table = [...counts].map(([where, n]) => `${n} at ${where}`).join('; ');
  return `${unfinished.length} unfinished: ${table}; first: ${unfinished.slice(0, 5).join(', ')}`;
}

/** The read model as the reconciliation needs it, from whichever database holds it. */
export interface ReadModelSnapshot {
  rows(): Promise<Map<string, ReadModelRow>>;
  timelineEventIds(): Promise<string[]>;
}

/** Waits until the read model has every planned process's last event (or the time is up). */
async function untilProjected(
  readModel: ReadModelSnapshot,
  planned: readonly PlannedProcess[],
  timeoutMs: number,
): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const rows = await readModel.rows();
    const behind = planned.filter((p) => rows.get(p.id)?.lastSequence !== p.expectedActions.length - 1);
    if (behind.length === 0 || Date.now() > deadline) return;
    await sleep(500);
  }
}

/**
 * After the faults: every workflow's result (finalStates), waited for until `deadline` less the
 * read model's wait and a minute for the reconciliation, then the read model caught up (untilProjected).
 */
export async function settle(
  client: Client,
  planned: readonly PlannedProcess[],
  readModel: ReadModelSnapshot,
  run: { deadline: number; readModelWaitMs: number; log: (line: string) => void; stopIf: () => string | undefined },
): Promise<Map<string, FinalState>> {
  const timeoutMs = run.deadline - run.readModelWaitMs - 60_000 - Date.now();
  const ids = planned.map((p) => p.id);
  const finals = await finalStates(client, ids, { timeoutMs, log: run.log, stopIf: run.stopIf });
  run.log(`${finals.size} workflows have completed; waiting for the read model`);
  await untilProjected(readModel, planned, run.readModelWaitMs);
  return finals;
}

/** Every message on every agency's answer topic, with the agency it belongs to. */
async function readAgencyAnswers(brokers: string[], topics: TopicNames) {
  const admin = testKafka('faults-answers', brokers).admin();
  await admin.connect();
  const answerTopics = (await admin.listTopics()).filter((t) => agencyOfAnswersTopic(topics, t) !== undefined);
  await admin.disconnect();
  const perTopic = await Promise.all(
    answerTopics.map(async (topic) =>
      (await readWholeTopic(brokers, topic)).map((message) => ({
        agencyId: agencyOfAnswersTopic(topics, topic) as string,
        message,
      })),
    ),
  );
  return perTopic.flat();
}

/**
 * Reads Kafka (the process events and every agency's answers), the read model and Temporal's
 * results, reconciles them with the plan and prints the suite's one line of counts.
 */
export async function reconcileRun(
  planned: readonly PlannedProcess[],
  sources: {
    readonly temporal: ReadonlyMap<string, FinalState>;
    readonly readModel: ReadModelSnapshot;
    readonly brokers: string[];
    readonly topics: TopicNames;
    readonly env: Record<string, string>;
  },
) {
  const events = await readWholeTopic(sources.brokers, sources.topics.processEvents);
  // Every agency's answers, each on its own topic: who answered is the topic's agency.
  const answers = await readAgencyAnswers(sources.brokers, sources.topics);
  const openAnswer = installationOpener(sources.env);
  const result = reconcile(planned, {
    temporal: sources.temporal,
    readModel: await sources.readModel.rows(),
    timelineEventIds: await sources.readModel.timelineEventIds(),
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
  console.log(formatCounts(result.counts));
  return result;
}
