import type { CustodyLink, DocumentRecord, DocumentRecords, DocumentStatus } from '@comity/persistence';
import {
  EXPIRING_STATUSES,
  PROCESS_ENDED,
  retentionCutoffs,
  sweepExpiredDocuments,
  type ProcessEnds,
} from './document-retention';
import type { ObjectStore } from './object-store';

const now = new Date('2040-06-15T12:00:00.000Z');

const documentOf = (documentId: string, kind: string, processId = 'p-1', status: DocumentStatus = 'available') =>
  ({ documentId, processId, kind, status, objectKey: `documents/${processId}/${documentId}` }) as DocumentRecord;

/**
 * The records as the sweep uses them: which documents the read model says ended (`said`: when, by
 * the read model), their chains of custody (intact unless `broken`), the status guard.
 */
function fakeRecords(said: readonly { record: DocumentRecord; processEndedAt: string }[], broken: string[] = []) {
  const statuses = new Map(said.map(({ record }) => [record.documentId, record.status as DocumentStatus]));
  const custody = new Map<string, { event: string; detail: Record<string, unknown> }[]>();
  const asked: { cutoffs: Readonly<Record<string, string>>; statuses: readonly string[]; limit: number }[] = [];
  const chain = (id: string) => custody.get(id) ?? [];
  const live = (wanted: readonly DocumentStatus[]) =>
    said.filter(({ record }) => wanted.includes(statuses.get(record.documentId)!));
  const records = {
    endedUnanchored: (wanted: readonly DocumentStatus[], event: string, limit: number) =>
      Promise.resolve(
        live(wanted)
          .filter(({ record }) => !chain(record.documentId).some((l) => l.event === event))
          .slice(0, limit)
          .map(({ record }) => record),
      ),
    endedBefore: (cutoffs: Readonly<Record<string, string>>, wanted: readonly DocumentStatus[], limit: number) => {
      asked.push({ cutoffs, statuses: wanted, limit });
      return Promise.resolve(
        live(wanted)
          .filter(({ record, processEndedAt }) => processEndedAt < cutoffs[record.kind]!)
          .map(({ record }) => record),
      );
    },
    verifiedCustody: (documentId: string) =>
      Promise.resolve({
        links: chain(documentId) as unknown as CustodyLink[],
        verdict: { intact: !broken.includes(documentId), links: chain(documentId).length },
      }),
    expire: (documentId: string, from: DocumentStatus) => {
      if (statuses.get(documentId) !== from) return Promise.resolve(false);
      statuses.set(documentId, 'expired');
      return Promise.resolve(true);
    },
    recordCustody: (documentId: string, event: string, _actor: unknown, detail: Record<string, unknown>) => {
      custody.set(documentId, [...chain(documentId), { event, detail }]);
      return Promise.resolve();
    },
  };
  return { records: records as unknown as DocumentRecords, statuses, custody, asked };
}

function fakeStore(failing: readonly string[] = []) {
  const deleted: string[] = [];
  const store = {
    delete: (key: string) => {
      if (failing.includes(key)) return Promise.reject(new Error('SlowDown: the store is busy'));
      deleted.push(key);
      return Promise.resolve();
    },
  };
  return { store: store as unknown as ObjectStore, deleted };
}

/** The processes' own ends (their workflows): absent while one runs. */
const endsOf = (ended: Readonly<Record<string, string>>): ProcessEnds => ({
  endedAt: (processId) => Promise.resolve(ended[processId]),
});

describe('the retention sweep', () => {
  it("asks for each kind's documents whose process ended more than its retention before now", () => {
    expect(retentionCutoffs(now)).toEqual({
      request: '2030-06-15T12:00:00.000Z',
      translation: '2030-06-15T12:00:00.000Z',
      evidence: '2030-06-15T12:00:00.000Z',
      decision: '2010-06-15T12:00:00.000Z',
      'surrender-papers': '2010-06-15T12:00:00.000Z',
      'certified-copy': '2030-06-15T12:00:00.000Z',
      correspondence: '2035-06-15T12:00:00.000Z',
    });
  });

  it('anchors the end the process confirms, then deletes the object, expires the document and records why', async () => {
    const { records, statuses, custody, asked } = fakeRecords([
      { record: documentOf('doc-a', 'correspondence'), processEndedAt: '2025-01-02T03:04:05.000Z' },
      { record: documentOf('doc-b', 'request', 'p-1', 'quarantined'), processEndedAt: '2025-01-02T03:04:05.000Z' },
    ]);
    const { store, deleted } = fakeStore();

    const result = await sweepExpiredDocuments(records, store, endsOf({ 'p-1': '2025-01-02T03:04:09.000Z' }), now, 10);

    expect(asked).toEqual([{ cutoffs: retentionCutoffs(now), statuses: EXPIRING_STATUSES, limit: 10 }]);
    expect(EXPIRING_STATUSES).toEqual(['available', 'quarantined', 'rejected']);
    expect(deleted).toEqual(['documents/p-1/doc-a', 'documents/p-1/doc-b']);
    expect(result).toEqual({ expired: ['doc-a', 'doc-b'], unconfirmed: [], failed: [], full: false });
    expect([...statuses.values()]).toEqual(['expired', 'expired']);
    // The end counted is the process's own, not the read model's.
    expect(custody.get('doc-a')).toEqual([
      { event: PROCESS_ENDED, detail: { processEndedAt: '2025-01-02T03:04:09.000Z', confirmedBy: 'temporal' } },
      {
        event: 'deleted',
        detail: { reason: 'retention', retentionYears: 5, processEndedAt: '2025-01-02T03:04:09.000Z' },
      },
    ]);
  });

  it('deletes nothing of a process the read model says ended long ago while the process itself runs (a forged event or row)', async () => {
    const { records, statuses, custody } = fakeRecords([
      { record: documentOf('doc-a', 'evidence', 'p-live'), processEndedAt: '2015-01-01T00:00:00.000Z' },
    ]);
    const { store, deleted } = fakeStore();

    const result = await sweepExpiredDocuments(records, store, endsOf({}), now);

    expect(result).toEqual({ expired: [], unconfirmed: ['p-live'], failed: [], full: false });
    expect(deleted).toEqual([]);
    expect(statuses.get('doc-a')).toBe('available');
    expect(custody.size).toBe(0);
  });

  it('keeps a document whose process really ended lately, whatever older end the read model says', async () => {
    const { records, custody } = fakeRecords([
      { record: documentOf('doc-a', 'evidence'), processEndedAt: '2015-01-01T00:00:00.000Z' },
    ]);
    const { store, deleted } = fakeStore();

    const result = await sweepExpiredDocuments(records, store, endsOf({ 'p-1': '2039-01-01T00:00:00.000Z' }), now);

    expect(result.expired).toEqual([]);
    expect(deleted).toEqual([]);
    expect(custody.get('doc-a')?.map((l) => l.event)).toEqual([PROCESS_ENDED]);
  });

  it('deletes nothing whose chain of custody does not hold', async () => {
    const { records, statuses } = fakeRecords(
      [{ record: documentOf('doc-a', 'evidence'), processEndedAt: '2015-01-01T00:00:00.000Z' }],
      ['doc-a'],
    );
    const { store, deleted } = fakeStore();

    await sweepExpiredDocuments(records, store, endsOf({ 'p-1': '2015-01-01T00:00:00.000Z' }), now);

    expect(deleted).toEqual([]);
    expect(statuses.get('doc-a')).toBe('available');
  });

  it('leaves a document whose object the store would not delete for the next sweep', async () => {
    const { records, statuses, custody } = fakeRecords([
      { record: documentOf('doc-a', 'evidence'), processEndedAt: '2029-01-01T00:00:00.000Z' },
      { record: documentOf('doc-b', 'evidence'), processEndedAt: '2029-01-01T00:00:00.000Z' },
    ]);
    const { store } = fakeStore(['documents/p-1/doc-a']);

    const result = await sweepExpiredDocuments(records, store, endsOf({ 'p-1': '2029-01-01T00:00:00.000Z' }), now);

    expect(result.failed).toEqual([{ documentId: 'doc-a', error: 'SlowDown: the store is busy' }]);
    expect(result.expired).toEqual(['doc-b']);
    expect(statuses.get('doc-a')).toBe('available');
    expect(custody.get('doc-a')?.map((l) => l.event)).toEqual([PROCESS_ENDED]);
  });

  it('records a deletion once when two sweeps run at once, and a later sweep finds nothing', async () => {
    const { records, custody } = fakeRecords([
      { record: documentOf('doc-a', 'decision', 'p-1', 'rejected'), processEndedAt: '2001-01-01T00:00:00.000Z' },
    ]);
    const { store, deleted } = fakeStore();
    const ends = endsOf({ 'p-1': '2001-01-01T00:00:00.000Z' });
    await sweepExpiredDocuments(records, store, endsOf({}), new Date('2001-02-01T00:00:00.000Z'));

    const [first, second] = await Promise.all([
      sweepExpiredDocuments(records, store, ends, now),
      sweepExpiredDocuments(records, store, ends, now),
    ]);

    expect(deleted).toHaveLength(2);
    expect([...first.expired, ...second.expired]).toEqual(['doc-a']);
    expect(custody.get('doc-a')?.filter((l) => l.event === 'deleted')).toHaveLength(1);
    expect(await sweepExpiredDocuments(records, store, ends, now)).toEqual({
      expired: [],
      unconfirmed: [],
      failed: [],
      full: false,
    });
  });

  it('says its batch was full, so that the next sweep comes soon', async () => {
    const { records } = fakeRecords([
      { record: documentOf('doc-a', 'evidence'), processEndedAt: '2029-01-01T00:00:00.000Z' },
      { record: documentOf('doc-b', 'evidence'), processEndedAt: '2029-01-01T00:00:00.000Z' },
    ]);
    const ends = endsOf({ 'p-1': '2029-01-01T00:00:00.000Z' });
    expect((await sweepExpiredDocuments(records, fakeStore().store, ends, now, 2)).full).toBe(true);
  });
});
