// A claim on an agent task carries its own end: an expired claim is never honoured (every holder check compares it
// with now()), the queue shows the task open at once, and a Temporal Schedule puts it back in the queue with its audit
// row. Nothing is written on a read any more.
import { Kysely, sql } from 'kysely';

export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema.alterTable('agent_tasks').addColumn('claim_expires_at', 'timestamptz').execute();
  await sql`update agent_tasks set claim_expires_at = claimed_at + interval '20 minutes' where status = 'claimed'`.execute(
    db,
  );
  await db.schema
    .createIndex('agent_tasks_claim_expiry_idx')
    .on('agent_tasks')
    .column('claim_expires_at')
    .where(sql.ref('status'), '=', 'claimed')
    .execute();
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await db.schema.dropIndex('agent_tasks_claim_expiry_idx').execute();
  await db.schema.alterTable('agent_tasks').dropColumn('claim_expires_at').execute();
}
