import type { EntityManager } from 'typeorm';

/** The n-th (1-based) bind parameter in raw SQL for this connection: `$n` on PostgreSQL, `?` on SQLite. */
export function parameters(tx: EntityManager): (n: number) => string {
  return tx.connection.options.type === 'postgres' ? (n) => `$${n}` : () => '?';
}
