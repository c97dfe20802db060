import { HeadObjectCommand, NotFound, S3Client } from '@aws-sdk/client-s3';
import type { DataSource } from 'typeorm';
import { custodyKeys, parseActionKeys } from '@comity/auth';
import { loadConfig } from '@comity/config';
import { connectTemporalClient, type TemporalHandle } from '@comity/temporal';
import type { Actor } from '@comity/domain';
import { DocumentRecords, openReadModel, ProcessRecord } from '@comity/persistence';
// The API's own sweep and store client, run here with a clock years ahead (the app has no package
// entry to import them by; tests may depend on apps).
// eslint-disable-next-line @nx/enforce-module-boundaries
import {
  sweepExpiredDocuments,
  temporalProcessEnds,
  type ProcessEnds,
} from '../../apps/api/src/documents/document-retention';
// eslint-disable-next-line @nx/enforce-module-boundaries
import { S3ObjectStore } from '../../apps/api/src/documents/object-store';
import { waitFor } from '../support/apps';
import { keysOf } from '../support/sealing';
import { startStack, type Stack } from '../support/stack';

/**
 * Documents past their retention, through the real stack, object store and database: the sweep the
 * API runs, run here as if years had passed, deletes the object of a document whose process ended
 * longer ago than its kind's retention and destroys its key; the record and its chain of custody
 * remain, and a download is 410. A document of a longer-kept kind on the same process, and one of
 * a process still running, are left as they were.
 */
const coordinator: Actor = { userId: 'officer-1', role: 'coordinator' };
const parties = {
  requesting: { agencyId: 'it-ministry-of-justice', state: 'IT' },
  requested: { agencyId: 'ly-attorney-general', state: 'LY' },
};
const DAY_MS = 86_400_000;

interface DocumentView {
  id: string;
  status: string;
  problem?: string;
  sha256?: string;
  seal?: string;
  size: number;
}

describe.each(['sqlite', 'postgres'] as const)('documents past their retention (%s)', (database) => {
  let stack: Stack;
  let readModel: DataSource;
  let records: DocumentRecords;
  let store: S3ObjectStore;
  let s3: S3Client;
  let bucket: string;
  let temporal: TemporalHandle;
  /** The processes' own ends, from Temporal, as the API's sweep asks them. */
  let ends: ProcessEnds;

  beforeAll(async () => {
    stack = await startStack(database, database === 'sqlite' ? 3280 : 3281);
    const config = loadConfig({ ...process.env, ...stack.environment.env });
    readModel = await openReadModel(config.database, keysOf(stack.environment.env));
    temporal = await connectTemporalClient(config.temporal);
    ends = temporalProcessEnds(temporal.client);
    // The API's own records and store client, over the stack's database and object store.
    records = new DocumentRecords(readModel, custodyKeys(parseActionKeys(config.temporal.actionKeys)));
    const documents = config.documents!;
    store = new S3ObjectStore(documents.store);
    bucket = documents.store.bucket;
    s3 = new S3Client({
      endpoint: documents.store.endpoint,
      region: documents.store.region,
      forcePathStyle: true,
      credentials: {
        accessKeyId: documents.store.accessKeyId!,
        secretAccessKey: documents.store.secretAccessKey!,
      },
    });
  }, 180_000);

  afterAll(async () => {
    s3?.destroy();
    store?.close();
    await temporal?.connection.close();
    await readModel?.destroy();
    await stack?.stop();
  }, 60_000);

  const documentsOf = (processId: string) => `/api/v1/processes/${processId}/documents`;

  async function startProcess(): Promise<string> {
    const res = await stack.api.as(coordinator).post<{ id: string }>('/api/v1/processes', {
      type: 'mla',
      legalBasis: 'UNTOC',
      parties,
    });
    expect(res.status).toBe(201);
    return res.body.id;
  }

  async function upload(processId: string, kind: string, mediaType: string, text: string): Promise<DocumentView> {
    const content = Buffer.from(text);
    const api = stack.api.as(coordinator);
    const started = await api.post<DocumentView>(documentsOf(processId), {
      kind,
      name: `${kind}.txt`,
      mediaType,
      size: content.length,
    });
    expect(started.status).toBe(201);
    const part = await fetch(`${stack.base}${documentsOf(processId)}/${started.body.id}/parts/1`, {
      method: 'PUT',
      headers: {
        authorization: `Bearer ${await stack.environment.token(coordinator)}`,
        'content-type': 'application/octet-stream',
      },
      body: content,
    });
    expect(part.status).toBe(200);
    expect((await api.post(`${documentsOf(processId)}/${started.body.id}/complete`, {})).status).toBe(202);
    const checked = await waitFor(`document ${started.body.id} checked`, async () => {
      const res = await api.get<DocumentView>(`${documentsOf(processId)}/${started.body.id}`);
      return res.body.status === 'scanning' ? undefined : res.body;
    });
    expect(checked.status).toBe('available');
    return checked;
  }

  const read = async (processId: string, id: string) =>
    (await stack.api.as(coordinator).get<DocumentView>(`${documentsOf(processId)}/${id}`)).body;

  async function download(processId: string, id: string) {
    const res = await fetch(`${stack.base}${documentsOf(processId)}/${id}/content`, {
      headers: { authorization: `Bearer ${await stack.environment.token(coordinator)}` },
    });
    return res.status === 200
      ? { status: 200, text: await res.text() }
      : { status: res.status, body: (await res.json()) as { code: string; message: string } };
  }

  /** Whether the store holds the object, asked of the store itself rather than through Comity. */
  async function stored(processId: string, id: string): Promise<boolean> {
    try {
      await s3.send(new HeadObjectCommand({ Bucket: bucket, Key: `documents/${processId}/${id}` }));
      return true;
    } catch (err) {
      if (err instanceof NotFound) return false;
      throw err;
    }
  }

  it("deletes a document and its key once its kind's retention after the process ended has passed", async () => {
    const ended = await startProcess();
    const running = await startProcess();
    const letter = await upload(ended, 'correspondence', 'text/plain', 'a letter kept five years');
    const decision = await upload(ended, 'decision', 'application/pdf', '%PDF-1.7 a decision kept thirty years');
    const live = await upload(running, 'correspondence', 'text/plain', 'a letter of a process still running');
    const withdrawn = await stack.api.as(coordinator).post(`/api/v1/processes/${ended}/actions`, {
      action: 'withdraw',
      payload: { reasons: 'ended, so that its documents fall due for deletion' },
    });
    expect(withdrawn.status).toBe(200);
    await waitFor('the withdrawal in the read model', async () => {
      const row = await readModel.getRepository(ProcessRecord).findOneBy({ id: ended });
      return row?.terminal ? row.updatedAt : undefined;
    });
    // The end that counts is the process's own: its workflow completed.
    const endedAt = await waitFor('the process completed', () => ends.endedAt(ended));
    // Whoever can write the read model says the running process ended fifteen years ago.
    await readModel
      .createQueryBuilder()
      .update(ProcessRecord)
      .set({ terminal: true, updatedAt: '2015-01-01T00:00:00.000Z' })
      .where('id = :id', { id: running })
      .execute();
    const fiveYearsOn = new Date(endedAt);
    fiveYearsOn.setUTCFullYear(fiveYearsOn.getUTCFullYear() + 5);
    const now = new Date(fiveYearsOn.getTime() + DAY_MS);

    // Nothing is due the day before.
    expect(await sweepExpiredDocuments(records, store, ends, new Date(fiveYearsOn.getTime() - DAY_MS))).toMatchObject({
      expired: [],
      failed: [],
    });
    expect(await stored(ended, letter.id)).toBe(true);

    // Two API processes sweeping at once: both delete the object, one records it.
    const sweeps = await Promise.all([
      sweepExpiredDocuments(records, store, ends, now),
      sweepExpiredDocuments(records, store, ends, now),
    ]);
    expect(sweeps.flatMap((s) => s.expired)).toEqual([letter.id]);
    expect(sweeps.flatMap((s) => s.failed)).toEqual([]);
    // The running process's end is not confirmed by the process: nothing of it is deleted.
    expect(new Set(sweeps.flatMap((s) => s.unconfirmed))).toEqual(new Set([running]));

    expect(await stored(ended, letter.id)).toBe(false);
    const expired = await read(ended, letter.id);
    expect(expired).toMatchObject({ status: 'expired', sha256: letter.sha256, seal: letter.seal, size: letter.size });
    expect(expired.problem).toMatch(/^RETENTION_ENDED: correspondence documents are kept 5 years/);
    const listed = await stack.api.as(coordinator).get<{ items: DocumentView[] }>(documentsOf(ended));
    expect(listed.body.items.find((d) => d.id === letter.id)?.status).toBe('expired');

    const gone = await download(ended, letter.id);
    expect(gone).toMatchObject({ status: 410, body: { code: 'DOCUMENT_EXPIRED' } });
    expect(gone.body?.message).toContain(endedAt);

    // Crypto-shredding: the sealed data key is gone from the record, so no copy of the object opens.
    const key = await readModel
      .createQueryBuilder()
      .select('d.data_key', 'dataKey')
      .from('documents', 'd')
      .where('d.document_id = :id', { id: letter.id })
      .getRawOne<{ dataKey: string }>();
    expect(key?.dataKey).toBe('null');

    const chain = await stack.api.as(coordinator).get<{
      verdict: { intact: boolean; links: number };
      links: { event: string; actor: { userId: string; role: string }; detail: Record<string, unknown> }[];
    }>(`${documentsOf(ended)}/${letter.id}/custody`);
    expect(chain.body.verdict).toMatchObject({ intact: true, links: chain.body.links.length });
    expect(chain.body.links.map((l) => l.event)).toEqual([
      'upload-started',
      'uploaded',
      'checked',
      'sealed',
      'process-ended',
      'deleted',
    ]);
    expect(chain.body.links.at(-1)).toMatchObject({
      actor: { userId: 'comity', role: 'system' },
      detail: { reason: 'retention', retentionYears: 5, processEndedAt: endedAt },
    });

    // The decision (kept 30 years) and the running process's letter are as they were.
    for (const [processId, doc, text] of [
      [ended, decision, '%PDF-1.7 a decision kept thirty years'],
      [running, live, 'a letter of a process still running'],
    ] as const) {
      expect(await stored(processId, doc.id)).toBe(true);
      expect((await read(processId, doc.id)).status).toBe('available');
      expect(await download(processId, doc.id)).toEqual({ status: 200, text });
    }

    // A later sweep has nothing left to do.
    expect(await sweepExpiredDocuments(records, store, ends, now)).toEqual({
      expired: [],
      unconfirmed: [running],
      failed: [],
      full: false,
    });
  }, 180_000);
});
