// The citizen's follow-up. "Find my request again": a citizen who lost the status link types the codice fiscale and
// the phone or email the request gave, and a fresh link goes there; one more kind of submission, answered the same
// whatever it names. "My letter never came": a new PIN by a new letter, as a lost-PIN request that records which
// request it re-sends, so the times it was asked can be counted. "The SMS never came": the first half may be sent
// again once, to the same contact, so a sealed copy of it waits for that (wiped when used, when the PIN is first
// used, or after FIRST_HALF_RESEND_KEPT at most).
import { sql, type Kysely } from 'kysely';

export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema
    .alterTable('pin_requests')
    .addColumn('reissue_of', 'uuid', (c) => c.references('pin_requests.id'))
    .execute();
  await db.schema
    .alterTable('pin_deliveries')
    .addColumn('resend_ciphertext', 'bytea')
    .addColumn('first_half_resent_at', 'timestamptz')
    .execute();
  await sql`alter table submissions drop constraint submissions_kind_check`.execute(db);
  await sql`alter table submissions add constraint submissions_kind_check check (kind in ('pin_request', 'lost_pin', 'request_lookup'))`.execute(
    db,
  );
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await db.schema.alterTable('pin_requests').dropColumn('reissue_of').execute();
  await db.schema
    .alterTable('pin_deliveries')
    .dropColumn('resend_ciphertext')
    .dropColumn('first_half_resent_at')
    .execute();
  await sql`delete from submissions where kind = 'request_lookup'`.execute(db);
  await sql`alter table submissions drop constraint submissions_kind_check`.execute(db);
  await sql`alter table submissions add constraint submissions_kind_check check (kind in ('pin_request', 'lost_pin'))`.execute(
    db,
  );
}
