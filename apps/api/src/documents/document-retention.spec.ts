import type { DocumentRecord, DocumentRecords, DocumentStatus, EndedProcessDocument } from '@comity/persistence';
import { EXPIRING_STATUSES, retentionCutoffs, sweepExpiredDocuments } from './document-retention';
import type { ObjectStore } from './object-store';

const now = new Date('2040-06-15T12:00:00.000Z');

const documentOf = (documentId: string, kind: string, status: DocumentStatus = 'available') =>
  ({ documentId, kind, status, objectKey: `documents/p-1/${documentId}` }) as DocumentRecord;

/** The records as the sweep uses them: what is due, the status guard, the custody links appended. */
function fakeRecords(due: EndedProcessDocument[]) {
  const statuses = new Map(due.map(({ record }) => [record.documentId, record.status as DocumentStatus]));
  const custody: { documentId: string; event: string; detail: unknown }[] = [];
  const asked: { cutoffs: Readonly<Record<string, string>>; statuses: readonly string[]; limit: number }[] = [];
  const records = {
    endedBefore: (cutoffs: Readonly<Record<string, string>>, wanted: readonly DocumentStatus[], limit: number) => {
      asked.push({ cutoffs, statuses: wanted, limit });
      return Promise.resolve(due.filter(({ record }) => wanted.includes(statuses.get(record.documentId)!)));
    },
    expire: (documentId: string, from: DocumentStatus) => {
      if (statuses.get(documentId) !== from) return Promise.resolve(false);
      statuses.set(documentId, 'expired');
      return Promise.resolve(true);
    },
    recordCustody: (documentId: string, event: string, _actor: unknown, detail: unknown) => {
      custody.push({ documentId, event, detail });
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

  it('deletes the object, then expires the document and records why in its custody', async () => {
    const { records, statuses, custody, asked } = fakeRecords([
      { record: documentOf('doc-a', 'correspondence'), processEndedAt: '2035-01-02T03:04:05.000Z' },
      { record: documentOf('doc-b', 'request', 'quarantined'), processEndedAt: '2030-01-01T00:00:00.000Z' },
    ]);
    const { store, deleted } = fakeStore();

    const result = await sweepExpiredDocuments(records, store, now, 10);

    expect(asked).toEqual([{ cutoffs: retentionCutoffs(now), statuses: EXPIRING_STATUSES, limit: 10 }]);
    expect(EXPIRING_STATUSES).toEqual(['available', 'quarantined', 'rejected']);
    expect(deleted).toEqual(['documents/p-1/doc-a', 'documents/p-1/doc-b']);
    expect(result).toEqual({ expired: ['doc-a', 'doc-b'], failed: [], full: false });
    expect([...statuses.values()]).toEqual(['expired', 'expired']);
    expect(custody[0]).toEqual({
      documentId: 'doc-a',
      event: 'deleted',
      detail: { reason: 'retention', retentionYears: 5, processEndedAt: '2035-01-02T03:04:05.000Z' },
    });
  });

  it('leaves a document whose object the store would not delete for the next sweep', async () => {
    const { records, statuses, custody } = fakeRecords([
      { record: documentOf('doc-a', 'evidence'), processEndedAt: '2029-01-01T00:00:00.000Z' },
      { record: documentOf('doc-b', 'evidence'), processEndedAt: '2029-01-01T00:00:00.000Z' },
    ]);
    const { store } = fakeStore(['documents/p-1/doc-a']);

    const result = await sweepExpiredDocuments(records, store, now);

    expect(result.failed).toEqual([{ documentId: 'doc-a', error: 'SlowDown: the store is busy' }]);
    expect(result.expired).toEqual(['doc-b']);
    expect(statuses.get('doc-a')).toBe('available');
    expect(custody.map((c) => c.documentId)).toEqual(['doc-b']);
  });

  it('records a deletion once when two sweeps run at once, and a later sweep finds nothing', async () => {
    const { records, custody } = fakeRecords([
      { record: documentOf('doc-a', 'decision', 'rejected'), processEndedAt: '2001-01-01T00:00:00.000Z' },
    ]);
    const { store, deleted } = fakeStore();

    const [first, second] = await Promise.all([
      sweepExpiredDocuments(records, store, now),
      sweepExpiredDocuments(records, store, now),
    ]);

    expect(deleted).toHaveLength(2);
    expect([...first.expired, ...second.expired]).toEqual(['doc-a']);
    expect(custody).toHaveLength(1);
    expect(await sweepExpiredDocuments(records, store, now)).toEqual({ expired: [], failed: [], full: false });
  });

  it('says its batch was full, so that the next sweep comes soon', async () => {
    const { records } = fakeRecords([
      { record: documentOf('doc-a', 'evidence'), processEndedAt: '2029-01-01T00:00:00.000Z' },
      { record: documentOf('doc-b', 'evidence'), processEndedAt: '2029-01-01T00:00:00.000Z' },
    ]);
    expect((await sweepExpiredDocuments(records, fakeStore().store, now, 2)).full).toBe(true);
  });
});
