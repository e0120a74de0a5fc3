// The consoles: staff hold several roles (the kinds of work they may do), agents have a phone for click-to-call,
// calls are recorded on their task, and the audit trail names the request each action concerns and cannot be
// changed once written.
import { Kysely, sql } from 'kysely';

export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema
    .alterTable('staff')
    .addColumn('roles', sql`text[]`, (c) => c.notNull().defaultTo(sql`'{}'::text[]`))
    .addColumn('phone', 'text')
    .execute();
  // One role becomes the set of work it allowed.
  await sql`update staff set roles = case role
      when 'contact_center_agent' then array['outbound_verification', 'document_review', 'inbound_registration']
      when 'supervisor' then array['supervisor']
      else array[role] end`.execute(db);
  await db.schema.alterTable('staff').dropColumn('role').execute();

  await db.schema
    .createTable('task_calls')
    .addColumn('id', 'uuid', (c) => c.primaryKey())
    .addColumn('task_id', 'uuid', (c) => c.notNull().references('agent_tasks.id'))
    .addColumn('staff_id', 'uuid', (c) => c.notNull().references('staff.id'))
    .addColumn('agent_call_sid', 'text', (c) => c.unique())
    .addColumn('citizen_call_sid', 'text', (c) => c.unique())
    .addColumn('status', 'text', (c) => c.notNull())
    .addColumn('answered_at', 'timestamptz')
    .addColumn('ended_at', 'timestamptz')
    .addColumn('duration_seconds', 'integer')
    .addColumn('created_at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
    .addColumn('updated_at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
    .execute();
  await db.schema.createIndex('task_calls_task_idx').on('task_calls').column('task_id').execute();

  await db.schema.alterTable('audit_log').addColumn('request_id', 'text').execute();
  await db.schema.createIndex('audit_log_request_idx').on('audit_log').column('request_id').execute();
  // Append-only: rows are written with the change they record and never edited or removed afterwards.
  await sql`create function audit_log_is_append_only() returns trigger language plpgsql as $$
    begin raise exception 'audit_log is append-only'; end $$`.execute(db);
  await sql`create trigger audit_log_append_only before update or delete on audit_log
    for each row execute function audit_log_is_append_only()`.execute(db);

  await db.schema
    .createIndex('agent_tasks_open_idx')
    .on('agent_tasks')
    .columns(['status', 'kind', 'created_at'])
    .execute();
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await db.schema.dropIndex('agent_tasks_open_idx').execute();
  await sql`drop trigger audit_log_append_only on audit_log`.execute(db);
  await sql`drop function audit_log_is_append_only()`.execute(db);
  await db.schema.alterTable('audit_log').dropColumn('request_id').execute();
  await db.schema.dropTable('task_calls').execute();
  await db.schema.alterTable('staff').addColumn('role', 'text').execute();
  await sql`update staff set roles = roles, role = case when 'office_operator' = any(roles) then 'office_operator'
      when 'supervisor' = any(roles) then 'supervisor' else 'contact_center_agent' end`.execute(db);
  await db.schema.alterTable('staff').dropColumn('roles').dropColumn('phone').execute();
}
