// A fax waits on one agent task for its attachment, a conversion on one review: whoever starts a process for a subject
// that has its task already, Postgres puts no second one in the agents' queue (a request's calls are one per attempt
// since the first schema, agent_tasks_one_per_attempt).
import { sql, type Kysely } from 'kysely';

export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`create unique index agent_tasks_one_per_fax on agent_tasks (inbound_fax_id)
    where kind = 'fax_attachment'`.execute(db);
  await sql`create unique index agent_tasks_one_per_conversion on agent_tasks (conversion_id)
    where kind = 'document_review'`.execute(db);
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await sql`drop index agent_tasks_one_per_conversion`.execute(db);
  await sql`drop index agent_tasks_one_per_fax`.execute(db);
}
