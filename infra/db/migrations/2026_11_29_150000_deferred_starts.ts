// A conversion or benefit application stored while Temporal did not answer is noted here, so the minute sweep starts
// exactly those (and nothing on a healthy system) instead of re-starting every recent case.
import { sql, type Kysely } from 'kysely';

export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema
    .createTable('deferred_starts')
    .addColumn('kind', 'text', (c) => c.notNull().check(sql`kind in ('conversion', 'benefit_application')`))
    .addColumn('id', 'uuid', (c) => c.notNull())
    .addColumn('deferred_at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
    .addPrimaryKeyConstraint('deferred_starts_pkey', ['kind', 'id'])
    .execute();
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await db.schema.dropTable('deferred_starts').execute();
}
