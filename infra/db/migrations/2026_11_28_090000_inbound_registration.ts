// Inbound registration (brief, "Three ways to request a PIN", 2): a request can now come in by phone, typed in by the
// contact-center agent who took the call, who reads the first 8 characters out to the caller once.
import { Kysely, sql } from 'kysely';

export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema
    .alterTable('pin_requests')
    .addColumn('channel', 'text', (c) => c.notNull().defaultTo('online'))
    .addColumn('registered_by', 'uuid', (c) => c.references('staff.id'))
    .execute();
  await sql`alter table pin_requests add constraint pin_requests_registered_by_phone
    check ((channel = 'contact_center') = (registered_by is not null))`.execute(db);
  // A third sealed copy of the first half, for the agent's screen only: wiped the moment it is shown.
  await db.schema.alterTable('pin_deliveries').addColumn('read_out_ciphertext', 'bytea').execute();
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await db.schema.alterTable('pin_deliveries').dropColumn('read_out_ciphertext').execute();
  await sql`alter table pin_requests drop constraint pin_requests_registered_by_phone`.execute(db);
  await db.schema.alterTable('pin_requests').dropColumn('registered_by').dropColumn('channel').execute();
}
