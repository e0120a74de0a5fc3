// PIN dispositivo (brief, "Converting ordinario to dispositivo" and "Two kinds of PIN"): conversion requests and
// the documents that come back for them, inbound faxes, document-review and fax-attachment tasks for agents, and
// benefit applications that wait, with their filing date, for the PIN to become dispositivo.
import { Kysely, sql } from 'kysely';

const now = (c: import('kysely').ColumnDefinitionBuilder) => c.notNull().defaultTo(sql`now()`);

export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema
    .createTable('conversions')
    .addColumn('id', 'uuid', (c) => c.primaryKey())
    .addColumn('request_code', 'text', (c) => c.notNull().unique())
    .addColumn('credential_id', 'uuid', (c) => c.notNull().references('credentials.id'))
    .addColumn('person_id', 'uuid', (c) => c.notNull().references('persons.id'))
    .addColumn('channel', 'text', (c) => c.notNull().check(sql`channel in ('online', 'office')`))
    .addColumn('status', 'text', (c) =>
      c.notNull().check(sql`status in ('awaiting_documents', 'in_review', 'approved', 'rejected', 'expired')`),
    )
    .addColumn('returned_by', 'text', (c) => c.check(sql`returned_by in ('upload', 'fax', 'office')`))
    .addColumn('rejection_reason', 'text')
    .addColumn('decided_by', 'uuid', (c) => c.references('staff.id'))
    .addColumn('decided_at', 'timestamptz')
    .addColumn('created_at', 'timestamptz', now)
    .addColumn('updated_at', 'timestamptz', now)
    .execute();
  await db.schema.createIndex('conversions_credential_idx').on('conversions').column('credential_id').execute();

  await db.schema
    .createTable('inbound_faxes')
    .addColumn('id', 'uuid', (c) => c.primaryKey())
    .addColumn('provider', 'text', (c) => c.notNull())
    .addColumn('provider_fax_id', 'text', (c) => c.notNull())
    .addColumn('from_number', 'text')
    .addColumn('page_count', 'integer', (c) => c.notNull())
    .addColumn('conversion_id', 'uuid', (c) => c.references('conversions.id'))
    .addColumn('attached_by', 'text', (c) => c.check(sql`attached_by in ('code', 'agent')`))
    .addColumn('received_at', 'timestamptz', now)
    .addUniqueConstraint('inbound_faxes_provider_id', ['provider', 'provider_fax_id'])
    .execute();

  await db.schema
    .createTable('documents')
    .addColumn('id', 'uuid', (c) => c.primaryKey())
    .addColumn('conversion_id', 'uuid', (c) => c.references('conversions.id'))
    .addColumn('inbound_fax_id', 'uuid', (c) => c.references('inbound_faxes.id'))
    .addColumn('role', 'text', (c) => c.notNull().check(sql`role in ('signed_form', 'identity_document', 'fax')`))
    .addColumn('content_type', 'text', (c) =>
      c.notNull().check(sql`content_type in ('application/pdf', 'image/jpeg', 'image/png')`),
    )
    .addColumn('byte_size', 'integer', (c) => c.notNull())
    .addColumn('sha256', 'text', (c) => c.notNull())
    // Sealed with the vault key (AES-256-GCM, bound to the document's id): identity documents are not kept in clear.
    .addColumn('sealed_content', 'bytea', (c) => c.notNull())
    .addColumn('created_at', 'timestamptz', now)
    .execute();
  await db.schema.createIndex('documents_conversion_idx').on('documents').column('conversion_id').execute();

  // Agent tasks are no longer only outbound calls about a PIN request.
  await db.schema
    .alterTable('agent_tasks')
    .alterColumn('pin_request_id', (c) => c.dropNotNull())
    .execute();
  await db.schema
    .alterTable('agent_tasks')
    .addColumn('conversion_id', 'uuid', (c) => c.references('conversions.id'))
    .addColumn('inbound_fax_id', 'uuid', (c) => c.references('inbound_faxes.id'))
    .addColumn('priority', 'text', (c) =>
      c
        .notNull()
        .defaultTo('normal')
        .check(sql`priority in ('normal', 'high')`),
    )
    .addColumn('escalated_at', 'timestamptz')
    .addColumn('outcome_reason', 'text')
    .execute();
  await db.schema
    .alterTable('agent_tasks')
    .alterColumn('validation_failures', (c) => c.setDefault(sql`'[]'::jsonb`))
    .execute();
  await db.schema
    .alterTable('agent_tasks')
    .addCheckConstraint(
      'agent_tasks_subject',
      sql`(kind = 'outbound_verification' and pin_request_id is not null)
        or (kind = 'document_review' and conversion_id is not null)
        or (kind = 'fax_attachment' and inbound_fax_id is not null)`,
    )
    .execute();

  await sql`create sequence benefit_application_protocol_seq`.execute(db);
  await db.schema
    .createTable('benefit_applications')
    .addColumn('id', 'uuid', (c) => c.primaryKey())
    .addColumn('protocol_number', 'text', (c) => c.notNull().unique())
    .addColumn('person_id', 'uuid', (c) => c.notNull().references('persons.id'))
    .addColumn('credential_id', 'uuid', (c) => c.notNull().references('credentials.id'))
    .addColumn('service_id', 'text', (c) => c.notNull())
    .addColumn('status', 'text', (c) =>
      c.notNull().check(sql`status in ('waiting_for_pin_dispositivo', 'processing', 'processed')`),
    )
    .addColumn('filed_at', 'timestamptz', (c) => c.notNull())
    .addColumn('processed_at', 'timestamptz')
    .addColumn('back_office_reference', 'text')
    .execute();
  await db.schema
    .createIndex('benefit_applications_person_idx')
    .on('benefit_applications')
    .columns(['person_id', 'status'])
    .execute();
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await db.schema.dropTable('benefit_applications').execute();
  await sql`drop sequence benefit_application_protocol_seq`.execute(db);
  await db.schema.alterTable('agent_tasks').dropConstraint('agent_tasks_subject').execute();
  await sql`delete from agent_tasks where kind <> 'outbound_verification'`.execute(db);
  for (const column of ['conversion_id', 'inbound_fax_id', 'priority', 'escalated_at', 'outcome_reason'])
    await db.schema.alterTable('agent_tasks').dropColumn(column).execute();
  await db.schema.dropTable('documents').execute();
  await db.schema.dropTable('inbound_faxes').execute();
  await db.schema.dropTable('conversions').execute();
}
