/**
 * kafkajs (Comity's client, through libs/kafka's port) against @platformatic/kafka, side by side on
 * the shared local broker as Comity uses it: TLS, SASL/SCRAM-SHA-512, ACLs, this run's own topics.
 * Each round runs every measure with one client, then with the other (A/B/A/B...):
 * - produce: messages of a CloudEvent's size, each its own send (as each activity publishes one
 *   event), 32 sends at a time, idempotent, acks=all; and the same messages in sends of 100;
 * - consume: a fresh consumer group reads them from the beginning (rate from its first message to
 *   its last; the group join apart);
 * - latency: publish -> consume at a fixed rate, from the send call to the message in the
 *   consumer's handler, in one process (one clock);
 * - CPU: the process's CPU time (process.cpuUsage) per 10,000 messages produced and consumed;
 * then prints the median and range of each figure and of the ratio B/A, and writes
 * test/reports/kafka-clients-bench.json. Before the rounds it exercises, with each client, every
 * feature Comity needs or may need (test/bench/kafka-client-features.ts) and prints the matrix.
 *
 *   npm run bench:kafka-clients [-- --rounds 4 --messages 5000 --rate 50 --seconds 20]
 */
import { randomUUID } from 'node:crypto';
import { mkdirSync, writeFileSync } from 'node:fs';
import * as path from 'node:path';
import { loadConfig } from '@comity/config';
import { testKafka } from '../support/kafka-access';
import { exerciseFeatures } from './kafka-client-features';
import { kafkaClientsAs, type BenchClient } from './kafka-clients';
import { percentiles } from './measure';

const root = path.resolve(__dirname, '../..');
const argument = (name: string, fallback: number) => {
  const at = process.argv.indexOf(`--${name}`);
  return at > 0 ? Number(process.argv[at + 1]) || fallback : fallback;
};
const rounds = argument('rounds', 4);
const messageCount = argument('messages', 5_000);
const rate = argument('rate', 50);
const seconds = argument('seconds', 20);
const partitions = 6;

const brokers = loadConfig(process.env).kafka.brokers;
const runId = `bench-kc-${randomUUID().slice(0, 8)}`;
const admin = testKafka(`${runId}-admin`, brokers).admin();

/** A CloudEvent-sized value (Comity's sealed events are about a kilobyte). */
const payload = JSON.stringify({ specversion: '1.0', data: 'x'.repeat(900) });
const messages = Array.from({ length: messageCount }, (_, i) => ({ key: `process-${i % 500}`, value: payload }));

let topicCount = 0;
async function freshTopic(): Promise<string> {
  const topic = `${runId}.t${++topicCount}`;
  await admin.createTopics({ topics: [{ topic, numPartitions: partitions, replicationFactor: 1 }] });
  // Every partition led before a client uses it; a loaded broker can take longer than kafkajs's own wait.
  const deadline = Date.now() + 60_000;
  for (;;) {
    const led = await admin
      .fetchTopicMetadata({ topics: [topic] })
      .then(({ topics }) => topics[0]?.partitions.filter((p) => p.leader >= 0).length ?? 0)
      .catch(() => 0);
    if (led === partitions) return topic;
    if (Date.now() > deadline) throw new Error(`${topic}: ${led} of ${partitions} partitions have a leader after 60 s`);
    await new Promise((resolve) => setTimeout(resolve, 250));
  }
}

interface Figures {
  produceSinglePerSecond: number;
  produceBatchedPerSecond: number;
  consumePerSecond: number;
  consumeJoinMs: number;
  latencyMs: { p50: number; p95: number; p99: number; n: number };
  cpuMsPer10kProduced: number;
  cpuMsPer10kConsumed: number;
}

const cpuMs = (before: NodeJS.CpuUsage) => {
  const used = process.cpuUsage(before);
  return (used.user + used.system) / 1000;
};
const per10k = (ms: number, count: number) => (ms / count) * 10_000;

async function produceAll(client: BenchClient, topic: string, batch: number, concurrency: number) {
  const producer = await client.producer();
  try {
    const started = performance.now();
    const cpu = process.cpuUsage();
    let next = 0;
    await Promise.all(
      Array.from({ length: concurrency }, async () => {
        for (let at = next; at < messages.length; at = next) {
          next += batch;
          await producer.send(topic, messages.slice(at, at + batch));
        }
      }),
    );
    return { perSecond: messages.length / ((performance.now() - started) / 1000), cpuMs: cpuMs(cpu) };
  } finally {
    await producer.close();
  }
}

async function consumeAll(client: BenchClient, topic: string) {
  const started = performance.now();
  const cpu = process.cpuUsage();
  let first = 0;
  let received = 0;
  let done!: () => void;
  const all = new Promise<void>((resolve) => (done = resolve));
  const consumer = await client.consumer(topic, `${runId}-g${++topicCount}`, () => {
    if (received++ === 0) first = performance.now();
    if (received === messages.length) done();
  });
  try {
    await all;
    const last = performance.now();
    return {
      perSecond: (received - 1) / ((last - first) / 1000),
      joinMs: first - started,
      cpuMs: cpuMs(cpu),
    };
  } finally {
    await consumer.close();
  }
}

/** Sends at `rate` a second for `seconds`, once the consumer has shown it is assigned (a probe got through). */
async function latencies(client: BenchClient, topic: string): Promise<number[]> {
  const sentAt = new Map<string, number>();
  const samples: number[] = [];
  let probed!: () => void;
  const ready = new Promise<void>((resolve) => (probed = resolve));
  const consumer = await client.consumer(topic, `${runId}-g${++topicCount}`, (value) => {
    const at = sentAt.get(value);
    if (value.startsWith('probe')) probed();
    else if (at !== undefined) samples.push(performance.now() - at);
  });
  const producer = await client.producer();
  try {
    const probes = setInterval(() => void producer.send(topic, [{ key: 'probe', value: `probe-${Date.now()}` }]), 200);
    await ready;
    clearInterval(probes);
    const total = rate * seconds;
    const start = performance.now();
    const sends: Promise<void>[] = [];
    for (let i = 0; i < total; i++) {
      const due = start + (i * 1000) / rate;
      const wait = due - performance.now();
      if (wait > 0) await new Promise((resolve) => setTimeout(resolve, wait));
      const value = `m-${i}-${payload.slice(0, 200)}`;
      sentAt.set(value, performance.now());
      sends.push(producer.send(topic, [{ key: `process-${i % 500}`, value }]));
    }
    await Promise.all(sends);
    const deadline = Date.now() + 30_000;
    while (samples.length < total && Date.now() < deadline) await new Promise((resolve) => setTimeout(resolve, 100));
    if (samples.length < total)
      throw new Error(`${client.name}: ${samples.length} of ${total} latency messages arrived`);
    return samples;
  } finally {
    await producer.close();
    await consumer.close();
  }
}

async function measure(client: BenchClient): Promise<Figures> {
  const topic = await freshTopic();
  const single = await produceAll(client, topic, 1, 32);
  const consumed = await consumeAll(client, topic);
  const batched = await produceAll(client, await freshTopic(), 100, 1);
  const latency = percentiles(await latencies(client, await freshTopic()));
  return {
    produceSinglePerSecond: single.perSecond,
    produceBatchedPerSecond: batched.perSecond,
    consumePerSecond: consumed.perSecond,
    consumeJoinMs: consumed.joinMs,
    latencyMs: latency,
    cpuMsPer10kProduced: per10k(single.cpuMs, messages.length),
    cpuMsPer10kConsumed: per10k(consumed.cpuMs, messages.length),
  };
}

const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)] ?? NaN;
const spread = (xs: number[]) => ({ median: median(xs), min: Math.min(...xs), max: Math.max(...xs) });

async function main(): Promise<void> {
  await admin.connect();
  const clients = await kafkaClientsAs('comity-admin', brokers);
  try {
    const features = await exerciseFeatures(brokers, runId, freshTopic, admin);
    console.log('features (each exercised against the broker):');
    for (const [feature, byClient] of Object.entries(features)) {
      for (const [client, result] of Object.entries(byClient)) {
        console.log(
          `  ${feature.padEnd(28)} ${client.padEnd(20)} ${result.supported ? 'yes' : 'no '}  ${result.detail}`,
        );
      }
    }

    const [a, b] = clients;
    const results: Record<string, Figures[]> = { [a.name]: [], [b.name]: [] };
    for (let round = 1; round <= rounds; round++) {
      for (const client of [a, b]) {
        const figures = await measure(client);
        results[client.name]?.push(figures);
        console.log(`round ${round} ${client.name}: ${JSON.stringify(figures)}`);
      }
    }

    const metrics: [string, (f: Figures) => number][] = [
      ['produce, one message per send, 32 at a time (msg/s)', (f) => f.produceSinglePerSecond],
      ['produce, 100 messages per send (msg/s)', (f) => f.produceBatchedPerSecond],
      ['consume, fresh group from the beginning (msg/s)', (f) => f.consumePerSecond],
      ['consumer group join to first message (ms)', (f) => f.consumeJoinMs],
      [`publish -> consume p50 at ${rate}/s (ms)`, (f) => f.latencyMs.p50],
      [`publish -> consume p99 at ${rate}/s (ms)`, (f) => f.latencyMs.p99],
      ['CPU per 10k produced (ms)', (f) => f.cpuMsPer10kProduced],
      ['CPU per 10k consumed (ms)', (f) => f.cpuMsPer10kConsumed],
    ];
    const ra = results[a.name] ?? [];
    const rb = results[b.name] ?? [];
    const summary = metrics.map(([name, of]) => ({
      measure: name,
      [a.name]: spread(ra.map(of)),
      [b.name]: spread(rb.map(of)),
      ratio: spread(ra.map((fa, i) => of(rb[i] as Figures) / of(fa))),
    }));
    const fmt = (s: { median: number; min: number; max: number }, digits = 1) =>
      `${s.median.toFixed(digits)} (${s.min.toFixed(digits)}–${s.max.toFixed(digits)})`;
    console.log(`\n${rounds} rounds, ${messageCount} messages, median (range); ratio ${b.name} / ${a.name}:`);
    for (const row of summary) {
      const sa = row[a.name] as ReturnType<typeof spread>;
      const sb = row[b.name] as ReturnType<typeof spread>;
      console.log(`  ${row.measure.padEnd(52)} ${fmt(sa).padEnd(24)} ${fmt(sb).padEnd(24)} ${fmt(row.ratio, 2)}`);
    }
    const file = path.join(root, 'test/reports/kafka-clients-bench.json');
    mkdirSync(path.dirname(file), { recursive: true });
    writeFileSync(
      file,
      `${JSON.stringify({ date: new Date().toISOString(), node: process.version, rounds, messageCount, rate, seconds, partitions, features, summary, results }, null, 2)}\n`,
    );
    console.log(`report: ${path.relative(root, file)}`);
  } finally {
    const topics = (await admin.listTopics()).filter((t) => t.startsWith(`${runId}.`));
    await admin.deleteTopics({ topics }).catch(() => undefined);
    await admin.disconnect();
  }
}

main().then(
  () => process.exit(0),
  (err: unknown) => {
    console.error(err);
    process.exit(1);
  },
);
