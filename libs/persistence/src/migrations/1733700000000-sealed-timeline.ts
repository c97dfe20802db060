import type { MigrationInterface, QueryRunner } from 'typeorm';
import { sealedValue } from '@comity/events';
import { readModelCipher } from '../sealed-columns';

const BATCH = 500;

/**
 * Seals the timeline's personal columns, payload and actor_user, in the rows already there (see
 * sealedColumn): written in the clear before, they now hold sealed values made with the
 * installation's active codec key. actor_user becomes text on PostgreSQL, where a sealed user id
 * no longer fits 120 characters (SQLite does not enforce lengths). Down opens them again.
 */
export class SealedTimeline1733700000000 implements MigrationInterface {
  name = 'SealedTimeline1733700000000';

  async up(queryRunner: QueryRunner): Promise<void> {
    if (isPostgres(queryRunner)) await queryRunner.query('ALTER TABLE timeline ALTER COLUMN actor_user TYPE text');
    const cipher = readModelCipher();
    await rewrite(queryRunner, (column, stored) => {
      const value: unknown = column === 'payload' ? JSON.parse(stored) : stored;
      if (sealedValue.safeParse(value).success) return undefined;
      return JSON.stringify(cipher.seal(value, `read-model:timeline.${column}`));
    });
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    const cipher = readModelCipher();
    await rewrite(queryRunner, (column, stored) => {
      const value = JSON.parse(stored) as unknown;
      const sealed = sealedValue.safeParse(value);
      if (!sealed.success) return undefined;
      const opened = cipher.open(sealed.data, `read-model:timeline.${column}`);
      return column === 'payload' ? JSON.stringify(opened) : String(opened);
    });
    if (isPostgres(queryRunner)) {
      await queryRunner.query('ALTER TABLE timeline ALTER COLUMN actor_user TYPE varchar(120)');
    }
  }
}

const isPostgres = (queryRunner: QueryRunner) => queryRunner.connection.options.type === 'postgres';

/** Rewrites every row's payload and actor_user through `change` (undefined: leave as it is), in batches by event id. */
async function rewrite(
  queryRunner: QueryRunner,
  change: (column: 'payload' | 'actor_user', stored: string) => string | undefined,
): Promise<void> {
  const at = isPostgres(queryRunner) ? (n: number) => `$${n}` : () => '?';
  let after = '';
  for (;;) {
    const rows = (await queryRunner.query(
      `SELECT event_id, payload, actor_user FROM timeline WHERE event_id > ${at(1)} ORDER BY event_id LIMIT ${BATCH}`,
      [after],
    )) as { event_id: string; payload: string; actor_user: string }[];
    for (const row of rows) {
      const payload = change('payload', row.payload);
      const actor = change('actor_user', row.actor_user);
      if (payload === undefined && actor === undefined) continue;
      await queryRunner.query(
        `UPDATE timeline SET payload = ${at(1)}, actor_user = ${at(2)} WHERE event_id = ${at(3)}`,
        [payload ?? row.payload, actor ?? row.actor_user, row.event_id],
      );
    }
    const last = rows.at(-1);
    if (!last || rows.length < BATCH) return;
    after = last.event_id;
  }
}
