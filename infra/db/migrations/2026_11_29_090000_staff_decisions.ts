// Every human decision a process acts on (an agent's call outcome, a document review, a fax attached by hand) is
// first recorded here by the console, with who made it, in the transaction that checks they hold the task. The
// workflow is told only the decision's id; the activity that acts on it reads it back from here (brief, "Identity
// proofing"), so nothing sent straight to Temporal can stand in for a person's decision. A verification task also keeps
// what the caller's answers proved against the registry.
import { Kysely, sql } from 'kysely';

export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema
    .createTable('staff_decisions')
    .addColumn('id', 'uuid', (c) => c.primaryKey())
    .addColumn('task_id', 'uuid', (c) => c.notNull().references('agent_tasks.id'))
    .addColumn('kind', 'text', (c) =>
      c.notNull().check(sql`kind in ('verification_outcome', 'review_decision', 'fax_attachment')`),
    )
    .addColumn('staff_id', 'uuid', (c) => c.notNull().references('staff.id'))
    .addColumn('decision', 'jsonb', (c) => c.notNull())
    .addColumn('created_at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
    .addColumn('applied_at', 'timestamptz')
    .execute();
  await db.schema.createIndex('staff_decisions_task_idx').on('staff_decisions').column('task_id').execute();
  await db.schema.alterTable('agent_tasks').addColumn('decision_id', 'uuid').execute();
  // What the caller's answers to the agent's questions proved against the registry: "verified" needs the residence.
  await db.schema
    .alterTable('agent_tasks')
    .addColumn('registry_checks', 'jsonb', (c) => c.notNull().defaultTo(sql`'{}'::jsonb`))
    .execute();
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await db.schema.alterTable('agent_tasks').dropColumn('registry_checks').execute();
  await db.schema.alterTable('agent_tasks').dropColumn('decision_id').execute();
  await db.schema.dropTable('staff_decisions').execute();
}
