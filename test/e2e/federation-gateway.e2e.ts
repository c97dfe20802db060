import { randomUUID } from 'node:crypto';
import { mkdtempSync } from 'node:fs';
import { request } from 'node:https';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { Connection } from '@temporalio/client';
import type { DataSource } from 'typeorm';
import { loadConfig } from '@comity/config';
import { codecKeysFromConfig } from '@comity/crypto';
import {
  generateInstallationKeys,
  partnerFromJwks,
  publishedKeys,
  recipientKeyOf,
  sealEnvelope,
  verifyEvidence,
  type FederationMessage,
  type InstallationKeys,
  type PartnerKeys,
} from '@comity/federation';
import {
  DirectoryVersions,
  FederationInbox,
  FederationOutbox,
  openReadModel,
  type FederationOutboxRecord,
} from '@comity/persistence';
import { connectTemporalClient, temporalConnectionOptions, type TemporalHandle } from '@comity/temporal';
// The gateway's sender and identity, as the installation's other apps will call them.
// eslint-disable-next-line @nx/enforce-module-boundaries
import {
  createSender,
  ensureIdentity,
  envelopesUrl,
  PartnerDirectory,
  postPinned,
  type InstallationIdentity,
} from '../../apps/gateway/src';
import { startApp, waitFor, type RunningApp } from '../support/apps';
import { codecKeysEnv } from '../support/sealing';

/**
 * Two installations on one machine, each a real gateway process with its own port, SQLite file,
 * secrets and task queue on the local Temporal, each with a directory that lists the other: messages
 * sent from Italy to Türkiye cross over mutual TLS, each once, through a crash of the receiving
 * gateway; forged, replayed and misaddressed envelopes are refused with signed negative evidences.
 */
jest.setTimeout(180_000);

const runId = `g${Date.now().toString(36)}${randomUUID().slice(0, 4)}`;
const IT = 'comity-it';
const TR = 'comity-tr';
const HOST = '127.0.0.1';

interface Installation {
  readonly id: string;
  readonly env: Record<string, string>;
  readonly secrets: string;
  app: RunningApp;
  identity: InstallationIdentity;
  dataSource: DataSource;
}

function installationEnv(id: string, port: number, dir: string): Record<string, string> {
  return {
    ...codecKeysEnv(),
    COMITY_DB_TYPE: 'sqlite',
    COMITY_SQLITE_PATH: path.join(dir, 'gateway.sqlite'),
    COMITY_INSTALLATION_ID: id,
    COMITY_GATEWAY_HOST: HOST,
    COMITY_GATEWAY_PORT: String(port),
    COMITY_GATEWAY_SECRETS_DIR: path.join(dir, 'secrets'),
    COMITY_GATEWAY_TASK_QUEUE: `${runId}-${id}`,
    // A partner down for a few seconds is retried within a second of coming back.
    COMITY_GATEWAY_RETRY_MAX_SECONDS: '1',
    COMITY_GATEWAY_DELIVERY_TIMEOUT_SECONDS: '150',
  };
}

async function startInstallation(id: string, port: number): Promise<Installation> {
  const dir = mkdtempSync(path.join(tmpdir(), `comity-${runId}-${id}-`));
  const env = installationEnv(id, port, dir);
  const app = await startApp('gateway', env, [], 120_000);
  const secrets = env['COMITY_GATEWAY_SECRETS_DIR'] as string;
  const identity = await ensureIdentity(secrets, id, HOST);
  const config = loadConfig({ ...process.env, ...env });
  const dataSource = await openReadModel(config.database, codecKeysFromConfig(config.temporal.codec));
  return { id, env, secrets, app, identity, dataSource };
}

/** GET over TLS without pinning: what anyone reads of an installation. */
function getJson(url: string): Promise<{ status: number; body: Record<string, unknown> }> {
  return new Promise((resolve, reject) => {
    request(url, { rejectUnauthorized: false }, (res) => {
      let text = '';
      res.on('data', (d: Buffer) => (text += d.toString()));
      res.on('end', () => resolve({ status: res.statusCode ?? 0, body: JSON.parse(text) as Record<string, unknown> }));
    })
      .on('error', reject)
      .end();
  });
}

const keysOf = async (keys: InstallationKeys): Promise<PartnerKeys> => {
  const read = await partnerFromJwks(keys.installation, {
    keys: [keys.signing.publicJwk, ...keys.encryption.map((k) => k.publicJwk)],
  });
  if (!read.ok) throw new Error(read.problem);
  return read.partner;
};

describe('two gateways, Italy and Türkiye', () => {
  const started = Date.now();
  const figures = { sent: 0, delivered: 0, notDelivered: 0, refused: 0, duplicates: 0 };
  let italy: Installation;
  let turkey: Installation;
  let temporal: TemporalHandle;
  let send: ReturnType<typeof createSender>;
  let lookup: Map<string, PartnerKeys>;
  let itPort: number;
  let trPort: number;

  beforeAll(async () => {
    itPort = 19_400 + Math.floor(Math.random() * 500);
    trPort = itPort + 1;
    [italy, turkey] = await Promise.all([startInstallation(IT, itPort), startInstallation(TR, trPort)]);
    // What each publishes, as a partner's administrator would read it for its directory.
    const published = await Promise.all(
      [itPort, trPort].map(async (port) => {
        const res = await getJson(`https://${HOST}:${port}/federation/v1/installation`);
        expect(res.status).toBe(200);
        return res.body;
      }),
    );
    expect(published[0]).toMatchObject({ id: IT, tlsCertificateSha256: italy.identity.tls.certificateSha256 });
    const directory = {
      states: [
        { code: 'IT', name: 'Italy', authorities: [], installation: published[0] },
        { code: 'TR', name: 'Türkiye', authorities: [], installation: published[1] },
      ],
    };
    for (const installation of [italy, turkey]) {
      await new DirectoryVersions(installation.dataSource).add(directory, 0, 'e2e', 'the partner installations');
    }
    lookup = new Map([
      [IT, await keysOf(italy.identity.keys)],
      [TR, await keysOf(turkey.identity.keys)],
    ]);
    const config = loadConfig({ ...process.env, ...italy.env });
    temporal = await connectTemporalClient(config.temporal);
    send = createSender({
      identity: italy.identity,
      partners: new PartnerDirectory(new DirectoryVersions(italy.dataSource), IT),
      outbox: new FederationOutbox(italy.dataSource),
      temporal: temporal.client,
      taskQueue: config.gateway.taskQueue,
      deliveryTimeoutMs: config.gateway.deliveryTimeoutMs,
      retryMaxIntervalMs: config.gateway.retryMaxIntervalMs,
    });
  });

  afterAll(async () => {
    console.log(
      `federation gateway: sent ${figures.sent}, delivered ${figures.delivered}, not delivered ${figures.notDelivered}, ` +
        `refused ${figures.refused}, ` +
        `duplicates absorbed ${figures.duplicates}, ${((Date.now() - started) / 1000).toFixed(1)} s`,
    );
    await temporal?.connection.close();
    const codes = await Promise.all([italy, turkey].filter(Boolean).map((i) => i.app.stop()));
    await Promise.all([italy, turkey].filter(Boolean).map((i) => i.dataSource.destroy()));
    await deleteWorkflows([italy, turkey].filter(Boolean).map((i) => i.env));
    expect(codes).toEqual([0, 0]);
  });

  const message = (processId: string, sequence: number): FederationMessage => ({
    from: IT,
    to: TR,
    messageId: `${IT}:${runId}-${processId}:${sequence}`,
    processId: `${runId}-${processId}`,
    sequence,
    kind: 'mla.transmitted',
    body: { stage: 'transmitted', note: `message ${sequence} of ${processId}` },
    sentAt: new Date().toISOString(),
  });

  /** Waits until every listed message has left the outbox as relayed (none rejected or lost). */
  const allRelayed = (ids: readonly string[]) =>
    waitFor(
      `${ids.length} messages relayed`,
      async () => {
        const rows = (await new FederationOutbox(italy.dataSource).list()).filter((r) => ids.includes(r.messageId));
        const stuck = rows.filter((r) => r.status !== 'relayed' && r.status !== 'sending');
        if (stuck.length) throw new Error(`not relayed: ${stuck.map((r) => `${r.messageId} ${r.status}`).join(', ')}`);
        return rows.length === ids.length && rows.every((r) => r.status === 'relayed') ? rows : undefined;
      },
      90_000,
    );

  /** The evidences of delivered messages, checked on both sides. */
  async function expectDeliveredOnce(rows: readonly FederationOutboxRecord[]): Promise<void> {
    const inbox = await new FederationInbox(turkey.dataSource).messages(IT);
    const received = new Map(inbox.map((r) => [r.messageId, r]));
    for (const row of rows) {
      const submission = await verifyEvidence(row.submissionEvidence, lookup);
      expect(submission).toMatchObject({
        ok: true,
        evidence: { kind: 'submission-accepted', issuer: IT, messageDigest: row.envelopeDigest },
      });
      const relay = await verifyEvidence(row.answerEvidence, lookup);
      expect(relay).toMatchObject({
        ok: true,
        evidence: { kind: 'relay', issuer: TR, messageId: row.messageId, messageDigest: row.envelopeDigest },
      });
      const taken = received.get(row.messageId);
      expect(taken).toMatchObject({
        status: 'received',
        envelopeDigest: row.envelopeDigest,
        evidence: row.answerEvidence,
      });
    }
    expect(inbox.length).toBe(new Set(inbox.map((r) => r.messageId)).size);
  }

  it('delivers 24 messages from Italy to Türkiye, each once, in order per process, with evidences', async () => {
    // Four processes, their messages sent out of order: the inbox holds a gap until it is filled.
    const messages = ['p1', 'p2', 'p3', 'p4'].flatMap((p) => [6, 5, 4, 3, 2, 1].map((s) => message(p, s)));
    const sent = await Promise.all(messages.map((m) => send(m)));
    figures.sent += sent.length;
    const rows = await allRelayed(messages.map((m) => m.messageId));
    figures.delivered += rows.length;
    await expectDeliveredOnce(rows);
    const inbox = await new FederationInbox(turkey.dataSource).messages(IT);
    expect(inbox.filter((r) => r.processId === `${runId}-p1`).map((r) => [r.sequence, r.status])).toEqual(
      [1, 2, 3, 4, 5, 6].map((s) => [s, 'received']),
    );
    // Sending a message again seals nothing new and starts no second delivery.
    const again = await send(messages[0] as FederationMessage);
    expect(again.envelopeDigest).toBe(sent[0]?.envelopeDigest);
  });

  it("delivers everything once when Türkiye's gateway is killed mid-transfer and restarted", async () => {
    const messages = ['k1', 'k2'].flatMap((p) => [1, 2, 3, 4, 5, 6, 7, 8, 9, 10].map((s) => message(p, s)));
    const first = messages.slice(0, 8);
    const rest = messages.slice(8);
    await Promise.all(first.map((m) => send(m)));
    turkey.app.process.kill('SIGKILL');
    await turkey.app.stop();
    await Promise.all(rest.map((m) => send(m)));
    figures.sent += messages.length;
    // While it is down, the attempts fail and are retried: at least one message is still on its way.
    const pending = await new FederationOutbox(italy.dataSource).list();
    expect(pending.some((r) => r.status === 'sending')).toBe(true);
    turkey.app = await startApp('gateway', turkey.env, [], 120_000);
    const rows = await allRelayed(messages.map((m) => m.messageId));
    figures.delivered += rows.length;
    await expectDeliveredOnce(rows);
    const inbox = await new FederationInbox(turkey.dataSource).messages(IT);
    expect(inbox.filter((r) => r.processId.endsWith('-k1') || r.processId.endsWith('-k2'))).toHaveLength(20);
  });

  it('records a signed non-delivery when a partner does not answer within the delivery timeout', async () => {
    const silent = await generateInstallationKeys('comity-fr');
    const directory = (await new DirectoryVersions(italy.dataSource).current())!;
    const content = directory.content as { states: object[] };
    const listed = {
      code: 'FR',
      name: 'France',
      authorities: [],
      installation: {
        id: 'comity-fr',
        // Nobody listens there.
        endpoint: `https://${HOST}:${trPort + 1}`,
        tlsCertificateSha256: 'f'.repeat(64),
        keys: publishedKeys(silent).keys,
      },
    };
    await new DirectoryVersions(italy.dataSource).add(
      { states: [...content.states, listed] },
      directory.version,
      'e2e',
      'a partner that never answers',
    );
    const config = loadConfig({ ...process.env, ...italy.env });
    const impatient = createSender({
      identity: italy.identity,
      partners: new PartnerDirectory(new DirectoryVersions(italy.dataSource), IT),
      outbox: new FederationOutbox(italy.dataSource),
      temporal: temporal.client,
      taskQueue: config.gateway.taskQueue,
      deliveryTimeoutMs: 3_000,
      retryMaxIntervalMs: 1_000,
    });
    const lost = { ...message('n1', 1), to: 'comity-fr' };
    await impatient(lost);
    figures.sent += 1;
    const row = await waitFor('a non-delivery', async () => {
      const found = await new FederationOutbox(italy.dataSource).get(lost.messageId);
      return found?.status === 'not-delivered' ? found : undefined;
    });
    expect(await verifyEvidence(row.nonDeliveryEvidence, lookup)).toMatchObject({
      ok: true,
      evidence: {
        kind: 'non-delivery',
        issuer: IT,
        messageId: lost.messageId,
        messageDigest: row.envelopeDigest,
        to: 'comity-fr',
        reason: { code: 'DELIVERY_TIMEOUT' },
      },
    });
    figures.notDelivered += 1;
  });

  describe('refusals', () => {
    const post = (body: string | Buffer, identity = italy.identity, contentType = 'application/jose') =>
      postPinned(
        { url: envelopesUrl(`https://${HOST}:${trPort}`), certificateSha256: turkey.identity.tls.certificateSha256 },
        { key: identity.tls.key, certificate: identity.tls.certificate },
        typeof body === 'string' ? body : body.toString('latin1'),
        contentType,
      ).then((res) => ({ status: res.status, body: JSON.parse(res.body) as Record<string, string> }));

    /** A refusal: its status and code, and a rejection signed by Türkiye naming the code. */
    async function expectRefused(res: { status: number; body: Record<string, string> }, status: number, code: string) {
      expect({ status: res.status, code: res.body['code'] }).toEqual({ status, code });
      const check = await verifyEvidence(res.body['evidence'], lookup);
      expect(check).toMatchObject({
        ok: true,
        evidence: { kind: 'submission-rejected', issuer: TR, from: IT, to: TR, reason: { code } },
      });
      figures.refused += 1;
    }

    it('answers a repeat of the same bytes with the same evidence, once, even when they arrive together', async () => {
      const envelope = await sealEnvelope(
        message('d1', 1),
        italy.identity.keys.signing,
        recipientKeyOf(lookup.get(TR)!),
      );
      const answers = await Promise.all([post(envelope), post(envelope), post(envelope)]);
      expect(answers.map((a) => a.status)).toEqual([202, 202, 202]);
      expect(new Set(answers.map((a) => a.body['evidence'])).size).toBe(1);
      expect(answers.map((a) => a.body['outcome']).sort()).toEqual(['duplicate', 'duplicate', 'received']);
      figures.duplicates += 2;
      const rows = (await new FederationInbox(turkey.dataSource).messages(IT, `${runId}-d1`)).length;
      expect(rows).toBe(1);
    });

    it('refuses a replayed message (the same message under a new envelope)', async () => {
      const original = message('d1', 1);
      const resealed = await sealEnvelope(original, italy.identity.keys.signing, recipientKeyOf(lookup.get(TR)!));
      await expectRefused(await post(resealed), 409, 'REPLAYED');
    });

    it('refuses a bad signature, an envelope encrypted to another installation, and one from an unknown partner', async () => {
      const stranger = await generateInstallationKeys('comity-fr');
      const forged = await sealEnvelope(
        message('f1', 1),
        { ...stranger.signing, installation: IT },
        recipientKeyOf(lookup.get(TR)!),
      );
      await expectRefused(await post(forged), 403, 'BAD_SIGNATURE');
      const misrouted = await sealEnvelope(
        message('f2', 1),
        italy.identity.keys.signing,
        recipientKeyOf(await keysOf(stranger)),
      );
      await expectRefused(await post(misrouted), 421, 'NOT_FOR_US');
      const unknown = await sealEnvelope(
        { ...message('f3', 1), from: 'comity-fr', messageId: `comity-fr:${runId}-f3:1` },
        stranger.signing,
        recipientKeyOf(lookup.get(TR)!),
      );
      await expectRefused(await post(unknown), 403, 'UNKNOWN_PARTNER');
      await expectRefused(await post('not an envelope'), 400, 'ENVELOPE_MALFORMED');
      await expectRefused(await post(Buffer.alloc(1024 * 1024 + 1, 'a')), 413, 'TOO_LARGE');
      expect(await new FederationInbox(turkey.dataSource).messages('comity-fr')).toEqual([]);
    });

    it('refuses, before reading it, an envelope over a connection whose certificate is pinned for nobody', async () => {
      const strangerDir = mkdtempSync(path.join(tmpdir(), `comity-${runId}-fr-`));
      const stranger = await ensureIdentity(strangerDir, 'comity-fr', HOST);
      const envelope = await sealEnvelope(
        message('u1', 1),
        italy.identity.keys.signing,
        recipientKeyOf(lookup.get(TR)!),
      );
      const res = await post(envelope, stranger);
      expect(res).toEqual({ status: 403, body: expect.objectContaining({ code: 'CERTIFICATE_NOT_PINNED' }) });
      figures.refused += 1;
      expect(await new FederationInbox(turkey.dataSource).messages(IT, `${runId}-u1`)).toEqual([]);
    });
  });
});

/** Deletes the delivery workflows of this run's task queues. */
async function deleteWorkflows(envs: readonly Record<string, string>[]): Promise<void> {
  for (const env of envs) {
    const config = loadConfig({ ...process.env, ...env });
    const connection = await Connection.connect(temporalConnectionOptions(config.temporal));
    try {
      const page = await connection.workflowService.listWorkflowExecutions({
        namespace: config.temporal.namespace,
        query: `TaskQueue = '${config.gateway.taskQueue}'`,
      });
      for (const { execution } of page.executions) {
        await connection.workflowService
          .deleteWorkflowExecution({ namespace: config.temporal.namespace, workflowExecution: execution })
          .catch(() => undefined);
      }
    } finally {
      await connection.close();
    }
  }
}
