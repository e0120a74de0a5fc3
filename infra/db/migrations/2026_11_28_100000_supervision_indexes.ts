// The supervisor's figures are re-read every 2 seconds per open screen, each one per agent: indexes so that each
// count reads only that agent's rows (tasks held and completed, calls placed, callers registered), not whole tables.
import { Kysely, sql } from 'kysely';

export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema
    .createIndex('agent_tasks_claimed_by_idx')
    .on('agent_tasks')
    .columns(['claimed_by', 'status'])
    .execute();
  await db.schema.createIndex('task_calls_staff_idx').on('task_calls').columns(['staff_id', 'created_at']).execute();
  await sql`create index pin_requests_registered_by_idx on pin_requests (registered_by, created_at)
    where registered_by is not null`.execute(db);
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await db.schema.dropIndex('pin_requests_registered_by_idx').execute();
  await db.schema.dropIndex('task_calls_staff_idx').execute();
  await db.schema.dropIndex('agent_tasks_claimed_by_idx').execute();
}
