// What every citizen is told, and how (brief, "Two halves, two channels" and "The switch to SPID"). A delivery records
// which way its second half goes: by letter to the residence (the default), or, where SECOND_HALF_BY_EMAIL allows it,
// by email to the address the registry already held. And a notice for someone with neither email nor phone on record
// waits on their home page instead of being dropped.
import { sql, type Kysely } from 'kysely';

export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema
    .alterTable('pin_deliveries')
    .addColumn('second_half_channel', 'text', (c) =>
      c
        .notNull()
        .defaultTo('letter')
        .check(sql`second_half_channel in ('letter', 'email')`),
    )
    .execute();
  await db.schema
    .createTable('home_page_notices')
    .addColumn('id', 'uuid', (c) => c.primaryKey())
    .addColumn('person_id', 'uuid', (c) => c.notNull().references('persons.id'))
    .addColumn('credential_id', 'uuid', (c) => c.references('credentials.id'))
    .addColumn('kind', 'text', (c) => c.notNull())
    // Reason codes and dates only, never a secret: the page words them in the reader's language.
    .addColumn('facts', 'jsonb', (c) => c.notNull().defaultTo(sql`'{}'::jsonb`))
    .addColumn('created_at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
    .execute();
  await db.schema
    .createIndex('home_page_notices_person')
    .on('home_page_notices')
    .columns(['person_id', 'created_at'])
    .execute();
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await db.schema.dropTable('home_page_notices').execute();
  await db.schema.alterTable('pin_deliveries').dropColumn('second_half_channel').execute();
}
