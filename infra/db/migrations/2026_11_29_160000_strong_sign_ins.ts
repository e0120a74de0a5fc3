// The SPID era's rules in the data (brief, "The switch to SPID"): when a person last proved who they are as strongly
// as a PIN dispositivo does (SPID level 2 or 3, CIE, CNS), which releases their applications filed with a PIN
// ordinario; and, for a PIN issued after the switch-off under one of its exceptions, which one, since such a PIN
// opens only the services dedicated to those people ("per i soli servizi loro dedicati").
import { sql, type Kysely } from 'kysely';

export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema.alterTable('persons').addColumn('strong_sign_in_at', 'timestamptz').execute();
  // The CNS (a smart card's certificate, by TLS client authentication) is one more way to sign in.
  await sql`alter table citizen_sessions drop constraint citizen_sessions_auth_method_check`.execute(db);
  await sql`alter table citizen_sessions add constraint citizen_sessions_auth_method_check check (auth_method in ('pin', 'spid', 'cie', 'cns'))`.execute(
    db,
  );
  await db.schema
    .alterTable('credentials')
    .addColumn('issued_under', 'text', (c) => c.check(sql`issued_under in ('minor', 'non_eu_citizen')`))
    .execute();
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await db.schema.alterTable('credentials').dropColumn('issued_under').execute();
  await db.schema.alterTable('persons').dropColumn('strong_sign_in_at').execute();
  await sql`alter table citizen_sessions drop constraint citizen_sessions_auth_method_check`.execute(db);
  await sql`alter table citizen_sessions add constraint citizen_sessions_auth_method_check check (auth_method in ('pin', 'spid', 'cie'))`.execute(
    db,
  );
}
