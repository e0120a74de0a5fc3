// Submissions are handed to Temporal at the pace the pipeline takes them in (core/submission-starter.ts): a stored
// submission is claimed for its start, and the claims not yet taken in are the ones Temporal holds. Two partial
// indexes keep both questions (what waits to be claimed, how many are in Temporal) to the rows still pending.
import { sql, type Kysely } from 'kysely';

export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema.alterTable('submissions').addColumn('start_claimed_at', 'timestamptz').execute();
  // Submissions stored before this migration and not taken in were started (or are the start-up sweep's): claimed.
  await sql`update submissions set start_claimed_at = created_at where taken_in_at is null`.execute(db);
  await sql`drop index submissions_pending_idx`.execute(db);
  await sql`create index submissions_unclaimed_idx on submissions (created_at)
    where taken_in_at is null and start_claimed_at is null`.execute(db);
  await sql`create index submissions_in_temporal_idx on submissions (start_claimed_at)
    where taken_in_at is null and start_claimed_at is not null`.execute(db);
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await sql`drop index submissions_in_temporal_idx`.execute(db);
  await sql`drop index submissions_unclaimed_idx`.execute(db);
  await db.schema.alterTable('submissions').dropColumn('start_claimed_at').execute();
  await sql`create index submissions_pending_idx on submissions (created_at) where taken_in_at is null`.execute(db);
}
