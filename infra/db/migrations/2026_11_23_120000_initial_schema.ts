// The first schema: registry of persons, PIN requests, credentials and their delivery, staff, agent tasks, audit.
import { Kysely, sql } from 'kysely';

export async function up(db: Kysely<unknown>): Promise<void> {
  const id = (col: import('kysely').ColumnDefinitionBuilder) => col.primaryKey().defaultTo(sql`gen_random_uuid()`);
  const now = (col: import('kysely').ColumnDefinitionBuilder) => col.notNull().defaultTo(sql`now()`);

  await db.schema
    .createTable('persons')
    .addColumn('id', 'uuid', id)
    .addColumn('fiscal_code', 'char(16)', (c) => c.notNull().unique())
    .addColumn('first_name', 'text', (c) => c.notNull())
    .addColumn('last_name', 'text', (c) => c.notNull())
    .addColumn('birth_date', 'date', (c) => c.notNull())
    .addColumn('sex', 'char(1)', (c) => c.notNull().check(sql`sex in ('M', 'F')`))
    .addColumn('birth_place', 'text', (c) => c.notNull())
    .addColumn('birth_province', 'text', (c) => c.notNull())
    .addColumn('citizenship', 'text', (c) => c.notNull())
    .addColumn('profile', 'text', (c) => c.notNull())
    .addColumn('fund', 'text')
    .addColumn('street', 'text', (c) => c.notNull())
    .addColumn('city', 'text', (c) => c.notNull())
    .addColumn('province', 'char(2)', (c) => c.notNull())
    .addColumn('postal_code', 'char(5)', (c) => c.notNull())
    .addColumn('phone', 'text')
    .addColumn('email', 'text')
    .addColumn('created_at', 'timestamptz', now)
    .execute();

  await db.schema
    .createTable('pin_requests')
    .addColumn('id', 'uuid', (c) => c.primaryKey())
    .addColumn('fiscal_code', 'char(16)', (c) => c.notNull())
    .addColumn('first_name', 'text', (c) => c.notNull())
    .addColumn('last_name', 'text', (c) => c.notNull())
    .addColumn('birth_date', 'date', (c) => c.notNull())
    .addColumn('sex', 'char(1)', (c) => c.notNull())
    .addColumn('birth_place', 'text', (c) => c.notNull())
    .addColumn('birth_province', 'text', (c) => c.notNull())
    .addColumn('street', 'text', (c) => c.notNull())
    .addColumn('city', 'text', (c) => c.notNull())
    .addColumn('province', 'char(2)', (c) => c.notNull())
    .addColumn('postal_code', 'char(5)', (c) => c.notNull())
    .addColumn('phone', 'text', (c) => c.notNull())
    .addColumn('email', 'text', (c) => c.notNull())
    .addColumn('delivery_channel', 'text', (c) => c.notNull().check(sql`delivery_channel in ('sms', 'email')`))
    .addColumn('status', 'text', (c) => c.notNull())
    .addColumn('validation_failures', 'jsonb')
    .addColumn('rejection_reason', 'text')
    .addColumn('person_id', 'uuid', (c) => c.references('persons.id'))
    .addColumn('credential_id', 'uuid')
    .addColumn('created_at', 'timestamptz', now)
    .addColumn('updated_at', 'timestamptz', now)
    .execute();
  // One live request per person: a second submission finds the first instead of racing it.
  await sql`create unique index pin_requests_one_live_per_person on pin_requests (fiscal_code)
    where status in ('received', 'validating', 'awaiting_verification_call', 'verification_call_scheduled', 'delivering')`.execute(
    db,
  );
  await db.schema.createIndex('pin_requests_status_idx').on('pin_requests').columns(['status', 'updated_at']).execute();

  await db.schema
    .createTable('credentials')
    .addColumn('id', 'uuid', (c) => c.primaryKey())
    .addColumn('person_id', 'uuid', (c) => c.notNull().references('persons.id'))
    .addColumn('kind', 'text', (c) => c.notNull().check(sql`kind in ('ordinario', 'dispositivo')`))
    .addColumn('status', 'text', (c) => c.notNull())
    .addColumn('pin_hash', 'text', (c) => c.notNull())
    .addColumn('pin_length', 'integer', (c) => c.notNull())
    .addColumn('pin_request_id', 'uuid', (c) => c.unique().references('pin_requests.id'))
    .addColumn('issued_at', 'timestamptz', now)
    .execute();

  await db.schema
    .createTable('pin_deliveries')
    .addColumn('id', 'uuid', (c) => c.primaryKey())
    .addColumn('credential_id', 'uuid', (c) => c.notNull().unique().references('credentials.id'))
    .addColumn('first_half_ciphertext', 'bytea')
    .addColumn('second_half_ciphertext', 'bytea')
    .addColumn('created_at', 'timestamptz', now)
    .execute();

  await db.schema
    .createTable('letters')
    .addColumn('id', 'uuid', (c) => c.primaryKey())
    .addColumn('pin_delivery_id', 'uuid', (c) => c.notNull().unique().references('pin_deliveries.id'))
    .addColumn('pin_request_id', 'uuid', (c) => c.notNull().references('pin_requests.id'))
    .addColumn('provider', 'text', (c) => c.notNull())
    .addColumn('provider_reference', 'text', (c) => c.notNull())
    .addColumn('status', 'text', (c) => c.notNull())
    .addColumn('created_at', 'timestamptz', now)
    .addColumn('updated_at', 'timestamptz', now)
    .execute();

  await db.schema
    .createTable('notifications')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('pin_request_id', 'uuid', (c) => c.notNull().references('pin_requests.id'))
    .addColumn('kind', 'text', (c) => c.notNull())
    .addColumn('channel', 'text', (c) => c.notNull())
    .addColumn('provider_message_id', 'text', (c) => c.notNull())
    .addColumn('created_at', 'timestamptz', now)
    .execute();

  await db.schema
    .createTable('staff')
    .addColumn('id', 'uuid', id)
    .addColumn('username', 'text', (c) => c.notNull().unique())
    .addColumn('display_name', 'text', (c) => c.notNull())
    .addColumn('role', 'text', (c) => c.notNull())
    .addColumn('password_hash', 'text', (c) => c.notNull())
    .addColumn('created_at', 'timestamptz', now)
    .execute();

  await db.schema
    .createTable('staff_sessions')
    .addColumn('token_hash', 'text', (c) => c.primaryKey())
    .addColumn('staff_id', 'uuid', (c) => c.notNull().references('staff.id'))
    .addColumn('expires_at', 'timestamptz', (c) => c.notNull())
    .addColumn('created_at', 'timestamptz', now)
    .execute();

  await db.schema
    .createTable('agent_tasks')
    .addColumn('id', 'uuid', (c) => c.primaryKey())
    .addColumn('kind', 'text', (c) => c.notNull())
    .addColumn('pin_request_id', 'uuid', (c) => c.notNull().references('pin_requests.id'))
    .addColumn('attempt', 'integer', (c) => c.notNull())
    .addColumn('status', 'text', (c) => c.notNull())
    .addColumn('validation_failures', 'jsonb', (c) => c.notNull())
    .addColumn('claimed_by', 'uuid', (c) => c.references('staff.id'))
    .addColumn('claimed_at', 'timestamptz')
    .addColumn('outcome', 'text')
    .addColumn('note', 'text')
    .addColumn('completed_at', 'timestamptz')
    .addColumn('created_at', 'timestamptz', now)
    .addUniqueConstraint('agent_tasks_one_per_attempt', ['pin_request_id', 'kind', 'attempt'])
    .execute();
  await db.schema.createIndex('agent_tasks_queue_idx').on('agent_tasks').columns(['status', 'created_at']).execute();

  await db.schema
    .createTable('audit_log')
    .addColumn('id', 'bigserial', (c) => c.primaryKey())
    .addColumn('actor_type', 'text', (c) => c.notNull())
    .addColumn('actor_id', 'text')
    .addColumn('action', 'text', (c) => c.notNull())
    .addColumn('subject_type', 'text', (c) => c.notNull())
    .addColumn('subject_id', 'text', (c) => c.notNull())
    .addColumn('details', 'jsonb', (c) => c.notNull().defaultTo(sql`'{}'::jsonb`))
    .addColumn('at', 'timestamptz', now)
    .execute();
  await db.schema
    .createIndex('audit_log_subject_idx')
    .on('audit_log')
    .columns(['subject_type', 'subject_id'])
    .execute();
}

export async function down(db: Kysely<unknown>): Promise<void> {
  for (const table of [
    'audit_log',
    'agent_tasks',
    'staff_sessions',
    'staff',
    'notifications',
    'letters',
    'pin_deliveries',
    'credentials',
    'pin_requests',
    'persons',
  ]) {
    await db.schema.dropTable(table).execute();
  }
}
