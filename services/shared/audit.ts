// The audit trail: every staff action is written here, in the same transaction as the change it records.
import type { Db } from '../../infra/db';
import type { Database } from '../../infra/db/schema';
import type { Transaction } from 'kysely';

export async function audit(
  db: Db | Transaction<Database>,
  entry: { staffId: string; action: string; subjectType: string; subjectId: string; details?: Record<string, unknown> },
): Promise<void> {
  await db
    .insertInto('audit_log')
    .values({
      actor_type: 'staff',
      actor_id: entry.staffId,
      action: entry.action,
      subject_type: entry.subjectType,
      subject_id: entry.subjectId,
      details: JSON.stringify(entry.details ?? {}),
    })
    .execute();
}
