import { Brackets, type DataSource } from 'typeorm';
import { DeadLetterRecord } from './entities/dead-letter.record';
import { InvalidCursorError } from './process-queries';

export type DeadLetterRow = Pick<
  DeadLetterRecord,
  'id' | 'originalTopic' | 'agencyId' | 'messageKey' | 'check' | 'code' | 'reason' | 'deadLetteredAt'
>;

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

  /** Records each once: a dead letter read again (a redelivered batch) is already there. */
  async record(rows: readonly DeadLetterRow[]): Promise<void> {
    if (!rows.length) return;
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
