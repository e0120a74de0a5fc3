// The life of a PIN after delivery: the credential's term and holder, replacement of a lost PIN, citizen sessions,
// the sign-in guard that counts wrong PINs, and notifications about a credential rather than a request.
import { Kysely, sql } from 'kysely';

export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema
    .alterTable('credentials')
    .addColumn('holder', 'text', (c) =>
      c
        .notNull()
        .defaultTo('citizen')
        .check(sql`holder in ('citizen', 'intermediary')`),
    )
    .addColumn('term_started_at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
    .addColumn('expires_at', 'timestamptz')
    .addColumn('replaces_credential_id', 'uuid', (c) => c.references('credentials.id'))
    .addColumn('revoked_at', 'timestamptz')
    .addColumn('revocation_reason', 'text')
    .execute();
  // PINs issued before this version: their term runs from their issue.
  await sql`update credentials set term_started_at = issued_at`.execute(db);
  await db.schema.createIndex('credentials_person_idx').on('credentials').column('person_id').execute();

  await db.schema
    .alterTable('pin_requests')
    .addColumn('purpose', 'text', (c) =>
      c
        .notNull()
        .defaultTo('new_pin')
        .check(sql`purpose in ('new_pin', 'lost_pin')`),
    )
    .execute();
  // A lost-PIN request goes to the one contact on record the citizen named; the other may be unknown.
  await db.schema
    .alterTable('pin_requests')
    .alterColumn('phone', (c) => c.dropNotNull())
    .execute();
  await db.schema
    .alterTable('pin_requests')
    .alterColumn('email', (c) => c.dropNotNull())
    .execute();

  await db.schema
    .alterTable('notifications')
    .alterColumn('pin_request_id', (c) => c.dropNotNull())
    .execute();
  await db.schema
    .alterTable('notifications')
    .addColumn('credential_id', 'uuid', (c) => c.references('credentials.id'))
    .execute();

  await db.schema
    .createTable('citizen_sessions')
    .addColumn('token_hash', 'text', (c) => c.primaryKey())
    .addColumn('credential_id', 'uuid', (c) => c.notNull().references('credentials.id'))
    .addColumn('stage', 'text', (c) => c.notNull().check(sql`stage in ('first_access', 'renewal', 'signed_in')`))
    .addColumn('expires_at', 'timestamptz', (c) => c.notNull())
    .addColumn('created_at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
    .execute();

  await db.schema
    .createTable('sign_in_guards')
    .addColumn('subject_key', 'text', (c) => c.primaryKey())
    .addColumn('consecutive_failures', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('lockouts', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('locked_until', 'timestamptz')
    .addColumn('updated_at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
    .execute();
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await db.schema.dropTable('sign_in_guards').execute();
  await db.schema.dropTable('citizen_sessions').execute();
  await db.schema.alterTable('notifications').dropColumn('credential_id').execute();
  await db.schema.alterTable('pin_requests').dropColumn('purpose').execute();
  await db.schema.dropIndex('credentials_person_idx').execute();
  for (const column of [
    'holder',
    'term_started_at',
    'expires_at',
    'replaces_credential_id',
    'revoked_at',
    'revocation_reason',
  ])
    await db.schema.alterTable('credentials').dropColumn(column).execute();
}
