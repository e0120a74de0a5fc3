// Letters followed to the letterbox (brief, "What real means here": tracking, posted, delivered, returned to sender):
// the provider's tracking events, each kept once under its own id, move a letter through created, printed, in
// transit, to delivered or returned; one not delivered in time counts as lost. The provider's expected delivery date
// is what the citizen is told to wait for.
import { sql, type Kysely } from 'kysely';

const STATUSES = `'created', 'printed', 'in_transit', 'delivered', 'returned', 'lost'`;

export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`update letters set status = case status
      when 'dispatched' then 'created' when 'posted' then 'printed' when 'returned_to_sender' then 'returned'
      else status end`.execute(db);
  await sql.raw(`alter table letters add constraint letters_status_check check (status in (${STATUSES}))`).execute(db);
  await db.schema
    .alterTable('letters')
    .addColumn('expected_delivery_date', 'date')
    .addColumn('status_changed_at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
    .execute();
  await db.schema
    .createIndex('letters_provider_reference')
    .on('letters')
    .columns(['provider', 'provider_reference'])
    .execute();
  await db.schema
    .createTable('letter_events')
    // The provider's event id: an event delivered twice is kept once.
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('letter_id', 'uuid', (c) => c.notNull().references('letters.id'))
    .addColumn('event_type', 'text', (c) => c.notNull())
    .addColumn('status', 'text', (c) => c.notNull().check(sql.raw(`status in (${STATUSES})`)))
    .addColumn('occurred_at', 'timestamptz', (c) => c.notNull())
    .addColumn('received_at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
    .execute();
  await db.schema
    .createIndex('letter_events_letter')
    .on('letter_events')
    .columns(['letter_id', 'occurred_at'])
    .execute();
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await db.schema.dropTable('letter_events').execute();
  await db.schema.dropIndex('letters_provider_reference').execute();
  await db.schema.alterTable('letters').dropColumn('expected_delivery_date').dropColumn('status_changed_at').execute();
  await sql`alter table letters drop constraint letters_status_check`.execute(db);
}
