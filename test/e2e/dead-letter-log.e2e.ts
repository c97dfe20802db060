import type { DataSource } from 'typeorm';
import { loadConfig } from '@comity/config';
import {
  DeadLetterLog,
  DeadLetterRecord,
  InvalidCursorError,
  openReadModel,
  type DeadLetterRow,
} from '@comity/persistence';
import { createTestDatabase, type DatabaseKind } from '../support/environment';
import { keysOf } from '../support/sealing';

/**
 * The dead letters the projector records for the incidents view, in a real SQLite and a real
 * PostgreSQL read model (migrated): each once, newest first, paged by a cursor that neither skips
 * nor repeats, counted since an instant, deleted once past their retention.
 */
const row = (n: number, at: string): DeadLetterRow => ({
  id: `comity.agency-answers.v1.at-police/0/${n}`,
  originalTopic: 'comity.agency-answers.v1.at-police',
  agencyId: 'at-police',
  messageKey: `mla-${n}`,
  check: 'signature',
  code: 'ANSWER_NOT_SIGNED',
  reason: `reason ${n}`,
  deadLetteredAt: at,
});

describe.each<DatabaseKind>(['sqlite', 'postgres'])('the dead letters in the %s read model', (kind) => {
  let database: Awaited<ReturnType<typeof createTestDatabase>>;
  let readModel: DataSource;
  let log: DeadLetterLog;

  beforeAll(async () => {
    database = await createTestDatabase(kind);
    readModel = await openReadModel(loadConfig({ ...process.env, ...database.env }).database, keysOf(database.env));
    log = new DeadLetterLog(readModel);
  }, 60_000);

  afterAll(async () => {
    await readModel?.destroy();
    await database?.dispose();
  });

  it('records a dead letter read twice once, and pages newest first without skipping or repeating', async () => {
    // Two at the same instant: the id breaks the tie, so paging neither skips nor repeats one.
    const rows = [
      row(1, '2026-12-01T10:00:00.000Z'),
      row(2, '2026-12-02T10:00:00.000Z'),
      row(3, '2026-12-02T10:00:00.000Z'),
      row(4, '2026-12-03T10:00:00.000Z'),
    ];
    await log.record(rows);
    await log.record([rows[1] as DeadLetterRow, { ...(rows[3] as DeadLetterRow), reason: 'a second reading' }]);
    const first = await log.list(2);
    expect(first.items.map((d) => d.messageKey)).toEqual(['mla-4', 'mla-3']);
    expect(first.items[0]?.reason).toBe('reason 4');
    const second = await log.list(2, first.nextCursor);
    expect(second.items.map((d) => d.messageKey)).toEqual(['mla-2', 'mla-1']);
    expect(second.nextCursor).toBeUndefined();
    expect(await log.countSince('2026-12-02T00:00:00.000Z')).toBe(3);
  });

  it('records a batch larger than one statement takes, and a row the database refuses without its reason', async () => {
    const many = Array.from({ length: 5000 }, (_, i) => row(1000 + i, '2025-01-01T00:00:00.000Z'));
    // PostgreSQL refuses NUL in text; the projector strips it, and the log still must not stall on one.
    const refused = { ...row(99_999, '2025-01-02T00:00:00.000Z'), reason: 'before\u0000after' };
    await log.record([...many, refused]);
    // With the four of the test above.
    expect(await log.countSince('2025-01-01T00:00:00.000Z')).toBe(5005);
    const stored = await readModel.getRepository(DeadLetterRecord).findOneByOrFail({ id: refused.id });
    expect(stored.reason).toBe(kind === 'postgres' ? '(the reason could not be stored)' : 'before\u0000after');
  });

  it('deletes the records from before an instant, and only those', async () => {
    await log.record([row(50_001, '2024-06-30T23:59:59.999Z'), row(50_002, '2024-07-01T00:00:00.000Z')]);
    const before = await log.countSince('2000-01-01T00:00:00.000Z');
    expect(await log.purgeBefore('2024-07-01T00:00:00.000Z')).toBe(1);
    expect(await log.countSince('2000-01-01T00:00:00.000Z')).toBe(before - 1);
    const left = await readModel.getRepository(DeadLetterRecord).findBy({ messageKey: 'mla-50002' });
    expect(left).toHaveLength(1);
    expect(await log.purgeBefore('2024-07-01T00:00:00.000Z')).toBe(0);
  });

  it('refuses a cursor it did not give', async () => {
    await expect(log.list(2, Buffer.from('{"at":1}').toString('base64url'))).rejects.toBeInstanceOf(InvalidCursorError);
  });
});
