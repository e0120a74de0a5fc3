// Least privilege in Postgres: migrations run as the owner role; the product runs as its own role, which is not a
// superuser, owns nothing, and holds only the grants below. On the audit trail it may only add and read: whatever
// the product's connection is made to do, it cannot update, delete, truncate or alter `audit_log`.
import { sql } from 'kysely';
import type { Db } from '.';

const ROLE_NAME = /^[a-z_][a-z0-9_]{0,62}$/;

/** Tables the product never touches: the migrator's own. */
const MIGRATOR_TABLES = ['kysely_migration', 'kysely_migration_lock'];

/** Grants the product's role what it needs on the current schema; run by the owner after every migration. */
export async function grantProductRole(owner: Db, role: string): Promise<void> {
  if (!ROLE_NAME.test(role)) throw new Error(`not a role name: ${role}`);
  const r = sql.id(role);
  await sql`grant usage on schema public to ${r}`.execute(owner);
  await sql`grant select, insert, update, delete on all tables in schema public to ${r}`.execute(owner);
  await sql`grant usage, select on all sequences in schema public to ${r}`.execute(owner);
  for (const table of MIGRATOR_TABLES) await sql`revoke all on ${sql.table(table)} from ${r}`.execute(owner);
  // The audit trail is append-only for the product (its trigger also refuses updates and deletes, to anyone).
  await sql`revoke update, delete, truncate, references, trigger on audit_log from ${r}`.execute(owner);
}
