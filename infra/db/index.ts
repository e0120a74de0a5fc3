// The one database access layer: a Kysely instance over node-postgres, and the migrator that keeps its schema current.
import { Kysely, Migrator, PostgresDialect } from 'kysely';
import { Pool, types } from 'pg';
import { logger } from '../logger';
import { migrations } from './migrations';
import type { Database } from './schema';

// Dates are calendar days here (birth dates): keep them as 'YYYY-MM-DD' strings, never shift them through a time zone.
types.setTypeParser(types.builtins.DATE, (value) => value);

export type Db = Kysely<Database>;

export function createDb(connectionString: string, poolSize = 10): Db {
  const pool = new Pool({ connectionString, max: poolSize });
  // An idle connection dropped by the server (a restart, a failover) is replaced on next use; it must not crash us.
  pool.on('error', (err) => logger.warn({ err: err.message }, 'idle database connection lost'));
  return new Kysely<Database>({ dialect: new PostgresDialect({ pool }) });
}

/** Applies every pending migration; throws (stopping start-up) on the first that fails. */
export async function migrateToLatest(db: Db): Promise<string[]> {
  const migrator = new Migrator({ db, provider: { getMigrations: async () => migrations } });
  const { error, results } = await migrator.migrateToLatest();
  if (error) throw error instanceof Error ? error : new Error(String(error));
  return (results ?? []).filter((r) => r.status === 'Success').map((r) => r.migrationName);
}
