import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { Connection } from '@temporalio/client';
import { issueLocalToken } from '@comity/auth';
import { loadConfig } from '@comity/config';
import type { Actor } from '@comity/domain';
import { temporalConnectionOptions } from '@comity/temporal';
import { apiClient } from '../support/api-client';
import { startApp, waitFor, type RunningApp } from '../support/apps';
import { testKafka } from '../support/kafka-access';
import { startStack, type Stack } from '../support/stack';
import { CLUSTER_SERVICES, clusterServices } from './cluster-services';

/**
 * The cluster topology end to end (`npm start -- --topology cluster`, configured alike): the
 * Temporal server's services as separate processes over mutual TLS on PostgreSQL, three Kafka
 * brokers, the read model on PostgreSQL, two of each Comity service. An MLA started through one API
 * goes to the simulated agencies over Kafka, their answers come back through a bridge, and the
 * other API reads the final state from the read model. Callers sign in at Keycloak.
 */
const API_PORTS = [3170, 3171] as const;
const coordinator: Actor = { userId: 'cluster-officer', role: 'coordinator' };
let stack: Stack;
let secondApi: RunningApp | undefined;

beforeAll(async () => {
  await clusterServices('start', ...CLUSTER_SERVICES);
  stack = await startStack('postgres', API_PORTS[0]);
  for (const name of ['worker', 'projector', 'bridge'] as const) await stack.startExtra(name);
  secondApi = await startApp('api', { ...stack.environment.env, COMITY_API_PORT: String(API_PORTS[1]) });
}, 900_000);

afterAll(async () => {
  const code = await secondApi?.stop();
  await stack?.stop();
  expect(code).toBe(0);
}, 120_000);

function scenario(): string {
  const file = path.join(mkdtempSync(path.join(tmpdir(), 'comity-cluster-')), 'scenario.json');
  const agencies = [
    { agencyId: 'at-ministry-of-justice', delayMs: 0, behaviour: { translationLanguage: 'en' } },
    { agencyId: 'rs-ministry-of-justice', delayMs: 0, behaviour: { partialReturns: 1 } },
  ];
  writeFileSync(file, JSON.stringify({ agencies }));
  return file;
}

it('replicates every topic three times and needs two copies of each write', async () => {
  const admin = testKafka('cluster-smoke', stack.environment.brokers).admin();
  await admin.connect();
  try {
    const topic = stack.environment.topics.processEvents;
    const { topics } = await admin.fetchTopicMetadata({ topics: [topic] });
    expect(topics[0]?.partitions.map((p) => p.replicas.length)).toEqual([3, 3, 3]);
    const { resources } = await admin.describeConfigs({
      includeSynonyms: false,
      resources: [{ type: 2, name: topic, configNames: ['min.insync.replicas'] }],
    });
    expect(resources[0]?.configEntries.map((e) => [e.configName, e.configValue])).toEqual([
      ['min.insync.replicas', '2'],
    ]);
  } finally {
    await admin.disconnect();
  }
});

it('lets no Temporal client in without a certificate of the installation', async () => {
  const config = loadConfig(process.env).temporal;
  const options = temporalConnectionOptions(config);
  // The server's CA trusted, TLS offered, but no client certificate: the server ends every handshake,
  // so the channel never connects.
  const anonymous = { ...options, tls: { ...options.tls, clientCertPair: undefined } };
  await expect(
    Connection.connect({ ...anonymous, connectTimeout: 5_000 }).then(async (c) => {
      try {
        await c.withDeadline(Date.now() + 5_000, () =>
          c.workflowService.describeNamespace({ namespace: config.namespace }),
        );
      } finally {
        await c.close();
      }
    }),
  ).rejects.toThrow(/failed to connect|certificate|handshake/i);
  const allowed = await Connection.connect(options);
  try {
    await expect(allowed.workflowService.describeNamespace({ namespace: config.namespace })).resolves.toBeDefined();
  } finally {
    await allowed.close();
  }
}, 60_000);

it('signs callers in through Keycloak only: its token is mapped to the role, a locally minted one refused', async () => {
  const me = (token: string) =>
    fetch(`http://127.0.0.1:${API_PORTS[0]}/api/v1/me`, { headers: { authorization: `Bearer ${token}` } });
  const signedIn = await me(await stack.environment.token(coordinator));
  expect(signedIn.status).toBe(200);
  expect(await signedIn.json()).toMatchObject({ role: 'coordinator' });
  const minted = await issueLocalToken('a key the installation might once have had, 32+ chars', coordinator);
  expect((await me(minted)).status).toBe(401);
});

it('runs an MLA end to end: API, workflow, tasks to the agencies, answers back, read model', async () => {
  await stack.startExtra('agency-simulator', [scenario()]);
  const res = await stack.api.as(coordinator).post<{ id: string }>('/api/v1/processes', {
    type: 'mla',
    legalBasis: 'UNTOC',
    parties: {
      requesting: { agencyId: 'at-ministry-of-justice', state: 'AT' },
      requested: { agencyId: 'rs-ministry-of-justice', state: 'RS' },
    },
  });
  expect(res.status).toBe(201);
  const id = res.body.id;
  const events = await stack.observer.untilAction(id, 'complete-execution', 180_000);
  expect(events.map((e) => e.data.action)).toEqual([
    'start',
    'submit-for-review',
    'record-translation',
    'transmit',
    'acknowledge',
    'start-execution',
    'return-partial',
    'complete-execution',
  ]);
  // The other API, listing from the read model the two projectors write.
  const other = apiClient(`http://127.0.0.1:${API_PORTS[1]}`, stack.environment.token).as(coordinator);
  const row = await waitFor(
    'the read model to show the MLA executed',
    async () => {
      const page = await other.get<{ items: { id: string; stage: string; lastSequence: number }[] }>(
        '/api/v1/processes?type=mla&limit=200',
      );
      return page.body.items?.find((p) => p.id === id && p.lastSequence === events.length - 1);
    },
    60_000,
  );
  expect(row.stage).toBe('executed');
}, 300_000);
