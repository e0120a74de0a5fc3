// Personal data kept only as long as it is needed (domain/retention.ts): a rejected request keeps its ids, status,
// reason and dates, but its name, address, phone and email are erased, and when; a document's content (an identity
// document, a signed form, a fax) is destroyed once its review is long decided, and when.
import type { Kysely } from 'kysely';

export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema.alterTable('pin_requests').addColumn('personal_data_erased_at', 'timestamptz').execute();
  await db.schema.alterTable('documents').addColumn('destroyed_at', 'timestamptz').execute();
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await db.schema.alterTable('documents').dropColumn('destroyed_at').execute();
  await db.schema.alterTable('pin_requests').dropColumn('personal_data_erased_at').execute();
}
