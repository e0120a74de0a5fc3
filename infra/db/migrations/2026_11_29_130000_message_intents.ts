// A message is recorded before the provider is called (its intent) and completed with the provider's id after: a
// retry that finds an intent without an id asks the provider whether the earlier attempt went out, instead of sending
// again. `provider_copies` says how many copies the provider holds: more than one is a duplicate ops must see.
import { Kysely, sql } from 'kysely';

export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema
    .alterTable('notifications')
    .alterColumn('provider_message_id', (c) => c.dropNotNull())
    .execute();
  await db.schema
    .alterTable('notifications')
    .addColumn('attempted_at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
    .addColumn('provider_copies', 'integer', (c) => c.notNull().defaultTo(1))
    .execute();
  await sql`update notifications set attempted_at = created_at`.execute(db);
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await db.schema.alterTable('notifications').dropColumn('provider_copies').dropColumn('attempted_at').execute();
  await sql`delete from notifications where provider_message_id is null`.execute(db);
  await db.schema
    .alterTable('notifications')
    .alterColumn('provider_message_id', (c) => c.setNotNull())
    .execute();
}
