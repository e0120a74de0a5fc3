// The audit trail: every staff and system action on a case is written here, in the same transaction as the change
// it records, so the trail and the data never disagree. The table refuses updates and deletes (a trigger).
import type { Kysely, Transaction } from 'kysely';
import type { AuditAction, AuditActorType, AuditSubjectType } from '../domain/audit';
import type { Database } from '../infra/db/schema';

export interface AuditEntry {
  actorType: AuditActorType;
  /** The staff member's id; null for the system. */
  actorId: string | null;
  action: AuditAction;
  subjectType: AuditSubjectType;
  subjectId: string;
  /** The request the action concerns, when there is one: supervisors read the trail per request. */
  requestId?: string | null;
  details?: Record<string, unknown>;
}

export async function recordAudit(db: Kysely<Database> | Transaction<Database>, entry: AuditEntry): Promise<void> {
  await db
    .insertInto('audit_log')
    .values({
      actor_type: entry.actorType,
      actor_id: entry.actorId,
      action: entry.action,
      subject_type: entry.subjectType,
      subject_id: entry.subjectId,
      request_id: entry.requestId ?? null,
      details: JSON.stringify(entry.details ?? {}),
    })
    .execute();
}

/** A staff member's action. */
export function audit(
  db: Kysely<Database> | Transaction<Database>,
  entry: Omit<AuditEntry, 'actorType' | 'actorId'> & { staffId: string },
): Promise<void> {
  const { staffId, ...rest } = entry;
  return recordAudit(db, { ...rest, actorType: 'staff', actorId: staffId });
}
