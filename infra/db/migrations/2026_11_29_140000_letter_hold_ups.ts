// A letter the print house could not take (a full disk, the provider down) is retried until it can; meanwhile the
// delivery records since when it has been held up, so the citizen's status page says so instead of "on its way".
import type { Kysely } from 'kysely';

export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema.alterTable('pin_deliveries').addColumn('letter_held_up_at', 'timestamptz').execute();
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await db.schema.alterTable('pin_deliveries').dropColumn('letter_held_up_at').execute();
}
