// The SPID era (brief, "The switch to SPID"): citizen sessions opened by SPID or CIE (no PIN behind them), the
// one-time state of each OpenID Connect sign-in, applications filed with the rights of a SPID sign-in, and the
// temporary phone PIN for the contact center.
import { Kysely, sql } from 'kysely';

export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema
    .alterTable('citizen_sessions')
    .addColumn('person_id', 'uuid', (c) => c.references('persons.id'))
    .addColumn('auth_method', 'text', (c) =>
      c
        .notNull()
        .defaultTo('pin')
        .check(sql`auth_method in ('pin', 'spid', 'cie')`),
    )
    .addColumn('spid_level', 'integer', (c) => c.check(sql`spid_level between 1 and 3`))
    .execute();
  await sql`update citizen_sessions s set person_id = c.person_id from credentials c where c.id = s.credential_id`.execute(
    db,
  );
  await db.schema
    .alterTable('citizen_sessions')
    .alterColumn('person_id', (c) => c.setNotNull())
    .execute();
  await db.schema
    .alterTable('citizen_sessions')
    .alterColumn('credential_id', (c) => c.dropNotNull())
    .execute();

  await db.schema
    .createTable('oidc_sign_ins')
    .addColumn('state_hash', 'text', (c) => c.primaryKey())
    .addColumn('nonce', 'text', (c) => c.notNull())
    .addColumn('code_verifier', 'text', (c) => c.notNull())
    .addColumn('method', 'text', (c) => c.notNull().check(sql`method in ('spid', 'cie')`))
    .addColumn('expires_at', 'timestamptz', (c) => c.notNull())
    .addColumn('used_at', 'timestamptz')
    .addColumn('created_at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
    .execute();

  await db.schema
    .alterTable('benefit_applications')
    .alterColumn('credential_id', (c) => c.dropNotNull())
    .execute();
  await db.schema
    .alterTable('benefit_applications')
    .addColumn('filed_with_dispositivo_rights', 'boolean', (c) => c.notNull().defaultTo(false))
    .execute();

  await db.schema
    .createTable('phone_pins')
    .addColumn('id', 'uuid', (c) => c.primaryKey())
    .addColumn('person_id', 'uuid', (c) => c.notNull().references('persons.id'))
    .addColumn('pin_hash', 'text', (c) => c.notNull())
    .addColumn('validity', 'text', (c) =>
      c.notNull().check(sql`validity in ('1_day', '1_week', '1_month', '3_months')`),
    )
    .addColumn('status', 'text', (c) => c.notNull().check(sql`status in ('active', 'expired', 'revoked')`))
    .addColumn('expires_at', 'timestamptz', (c) => c.notNull())
    .addColumn('created_at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
    .addColumn('ended_at', 'timestamptz')
    .execute();
  await db.schema.createIndex('phone_pins_person_idx').on('phone_pins').columns(['person_id', 'status']).execute();
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await db.schema.dropTable('phone_pins').execute();
  await db.schema.alterTable('benefit_applications').dropColumn('filed_with_dispositivo_rights').execute();
  await db.schema.dropTable('oidc_sign_ins').execute();
  await sql`delete from citizen_sessions where credential_id is null`.execute(db);
  await db.schema.alterTable('citizen_sessions').dropColumn('spid_level').execute();
  await db.schema.alterTable('citizen_sessions').dropColumn('auth_method').execute();
  await db.schema.alterTable('citizen_sessions').dropColumn('person_id').execute();
}
