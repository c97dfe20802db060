import { Brackets, type DataSource } from 'typeorm';
import { DeadLetterRecord } from './entities/dead-letter.record';
import { InvalidCursorError } from './process-queries';

export type DeadLetterRow = Pick<
  DeadLetterRecord,
  'id' | 'originalTopic' | 'agencyId' | 'messageKey' | 'check' | 'code' | 'reason' | 'deadLetteredAt'
>;

/** A database's refusal of the data itself (PostgreSQL's class 22, e.g. NUL in text), not of the moment. */
function isDataError(err: unknown): boolean {
  const code = (err as { driverError?: { code?: unknown }; code?: unknown }).driverError?.code;
  return typeof code === 'string' && code.startsWith('22');
}

/** Rows per insert: 8 parameters each, well inside SQLite's 32,766 and PostgreSQL's 65,535. */
const RECORD_CHUNK = 200;

/** Records per delete when purging: few enough to keep each statement short. */
const PURGE_CHUNK = 1_000;

interface DeadLetterCursor {
  readonly at: string;
  readonly id: string;
}

const encode = (r: DeadLetterRow) =>
  Buffer.from(JSON.stringify({ at: r.deadLetteredAt, id: r.id } satisfies DeadLetterCursor)).toString('base64url');

function decode(cursor: string): DeadLetterCursor {
  try {
    const key = JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8')) as DeadLetterCursor;
    if (typeof key.at === 'string' && typeof key.id === 'string') return key;
  } catch {
    // reported below
  }
  throw new InvalidCursorError('cursor is not one this API returned');
}

/** The dead letters recorded from comity.dead-letter.v1: written by the projector, read by the API. */
export class DeadLetterLog {
  constructor(private readonly dataSource: DataSource) {}

  /**
   * Records each once: a dead letter read again (a redelivered batch) is already there. In chunks
   * (a fetched batch may hold thousands, beyond a statement's parameters); a chunk the database
   * refuses is written row by row, and a row it still refuses is kept without its reason, so that no
   * one message stops the rows behind it being recorded.
   */
  async record(rows: readonly DeadLetterRow[]): Promise<void> {
    for (let from = 0; from < rows.length; from += RECORD_CHUNK) {
      const chunk = rows.slice(from, from + RECORD_CHUNK);
      try {
        await this.insert(chunk);
      } catch (err) {
        // Anything but bad data (the database away, a lock) is thrown: the batch is fetched again.
        if (!isDataError(err)) throw err;
        for (const row of chunk) {
          await this.insert([row]).catch((rowErr: unknown) => {
            if (!isDataError(rowErr)) throw rowErr;
            return this.insert([{ ...row, reason: '(the reason could not be stored)' }]);
          });
        }
      }
    }
  }

  /**
   * Deletes the records of dead letters from before `instant` (ISO); how many it deleted. In chunks,
   * letting other work run between them: on SQLite a statement holds the projector's one thread, and
   * a first purge of years of records must not stop its consumers' heartbeats.
   */
  async purgeBefore(instant: string): Promise<number> {
    let deleted = 0;
    for (;;) {
      const ids = (
        await this.dataSource
          .getRepository(DeadLetterRecord)
          .createQueryBuilder('d')
          .select('d.id', 'id')
          .where('d.deadLetteredAt < :instant', { instant })
          .orderBy('d.deadLetteredAt', 'ASC')
          .limit(PURGE_CHUNK)
          .getRawMany<{ id: string }>()
      ).map((r) => r.id);
      if (ids.length === 0) return deleted;
      const result = await this.dataSource.getRepository(DeadLetterRecord).delete(ids);
      deleted += result.affected ?? ids.length;
      await new Promise((resolve) => setImmediate(resolve));
    }
  }

  private async insert(rows: readonly DeadLetterRow[]): Promise<void> {
    await this.dataSource
      .createQueryBuilder()
      .insert()
      .into(DeadLetterRecord)
      .values([...rows])
      .orIgnore()
      .execute();
  }

  /** Newest first, keyset-paged. */
  async list(limit: number, cursor?: string): Promise<{ items: DeadLetterRecord[]; nextCursor?: string }> {
    const q = this.dataSource.getRepository(DeadLetterRecord).createQueryBuilder('d');
    if (cursor) {
      const c = decode(cursor);
      q.where(
        new Brackets((w) =>
          w
            .where('d.deadLetteredAt < :at', { at: c.at })
            .orWhere('(d.deadLetteredAt = :at AND d.id < :id)', { id: c.id }),
        ),
      );
    }
    const rows = await q
      .orderBy('d.deadLetteredAt', 'DESC')
      .addOrderBy('d.id', 'DESC')
      .take(limit + 1)
      .getMany();
    const items = rows.slice(0, limit);
    const last = items.at(-1);
    return rows.length > limit && last ? { items, nextCursor: encode(last) } : { items };
  }

  /** How many were dead-lettered since the instant (ISO 8601). */
  countSince(since: string): Promise<number> {
    return this.dataSource
      .getRepository(DeadLetterRecord)
      .createQueryBuilder('d')
      .where('d.deadLetteredAt >= :since', { since })
      .getCount();
  }
}
