// Nothing the product answers tells a stranger whether a person holds a PIN or has a request under way (brief,
// "Identity proofing"). A submission (a PIN request, a lost PIN) is stored as it came and answered at once, the same
// way whoever it names; matching it against the registry, the requests and the PINs happens afterwards, in its
// workflow. A request is followed through a status link: an unguessable token, only its hash kept, sent to the
// requester's own contact (or, for a request already under way, to the contact that request gave).
import { Kysely, sql } from 'kysely';

export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema
    .createTable('submissions')
    .addColumn('id', 'uuid', (c) => c.primaryKey())
    .addColumn('kind', 'text', (c) => c.notNull().check(sql`kind in ('pin_request', 'lost_pin')`))
    // The submitted data, until it is taken in; emptied then (what it became is in pin_requests).
    .addColumn('input', 'jsonb')
    .addColumn('outcome', 'text')
    .addColumn('pin_request_id', 'uuid', (c) => c.references('pin_requests.id'))
    .addColumn('person_id', 'uuid', (c) => c.references('persons.id'))
    .addColumn('status_link_id', 'uuid')
    .addColumn('created_at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
    .addColumn('taken_in_at', 'timestamptz')
    .execute();
  await sql`create index submissions_pending_idx on submissions (created_at) where taken_in_at is null`.execute(db);

  await db.schema
    .createTable('status_links')
    .addColumn('id', 'uuid', (c) => c.primaryKey())
    .addColumn('pin_request_id', 'uuid', (c) => c.notNull().references('pin_requests.id'))
    .addColumn('token_hash', 'text', (c) => c.notNull().unique())
    // The token itself, sealed, only until the message carrying it is sent.
    .addColumn('sealed_token', 'bytea')
    .addColumn('created_at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
    .addColumn('sent_at', 'timestamptz')
    .execute();
  await db.schema.createIndex('status_links_request_idx').on('status_links').column('pin_request_id').execute();
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await db.schema.dropTable('status_links').execute();
  await db.schema.dropTable('submissions').execute();
}
