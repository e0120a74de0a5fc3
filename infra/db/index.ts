// The one database access layer: a Kysely instance over node-postgres, and the migrator that keeps its schema current.
import { Kysely, Migrator, PostgresDialect, sql } from 'kysely';
import { Pool, types } from 'pg';
import { logger } from '../logger';
import { migrations } from './migrations';
import { grantProductRole } from './roles';
import type { Database } from './schema';

// Dates are calendar days here (birth dates): keep them as 'YYYY-MM-DD' strings, never shift them through a time zone.
types.setTypeParser(types.builtins.DATE, (value) => value);

export type Db = Kysely<Database>;

export function createDb(connectionString: string, poolSize = 10): Db {
  const pool = new Pool({ connectionString, max: poolSize });
  // A connection dropped by the server (a restart, a failover, a session ended) is an error for whoever is using it
  // and is replaced on next use; it must never crash the process. The pool listens on idle connections only, so each
  // connection gets its own listener for the time it is checked out.
  pool.on('error', (err) => logger.warn({ err: err.message }, 'idle database connection lost'));
  pool.on('connect', (client) =>
    client.on('error', (err) => logger.warn({ err: err.message }, 'database connection lost while in use')),
  );
  return new Kysely<Database>({ dialect: new PostgresDialect({ pool }) });
}

/**
 * Brings the schema up to date as the owner (`migrationUrl`) and grants the product's role (the user of
 * `productUrl`) what it needs, then lets the owner's connection go: the product itself never holds it.
 */
export async function prepareDatabase(migrationUrl: string, productUrl: string): Promise<string[]> {
  const owner = createDb(migrationUrl, 1);
  try {
    const migrated = await migrateToLatest(owner);
    await grantProductRole(owner, decodeURIComponent(new URL(productUrl).username));
    return migrated;
  } finally {
    await owner.destroy();
  }
}

/** Applies every pending migration; throws (stopping start-up) on the first that fails. */
export async function migrateToLatest(db: Db): Promise<string[]> {
  const migrator = new Migrator({ db, provider: { getMigrations: async () => migrations } });
  const { error, results } = await migrator.migrateToLatest();
  if (error) throw error instanceof Error ? error : new Error(String(error));
  return (results ?? []).filter((r) => r.status === 'Success').map((r) => r.migrationName);
}

/** Does Postgres answer within `timeoutMs`? For readiness probes: never throws. */
export async function databaseIsReachable(db: Db, timeoutMs = 2_000): Promise<boolean> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<boolean>((resolve) => (timer = setTimeout(() => resolve(false), timeoutMs)));
  const probe = sql`select 1`.execute(db).then(
    () => true,
    () => false,
  );
  try {
    return await Promise.race([probe, timeout]);
  } finally {
    clearTimeout(timer);
  }
}
