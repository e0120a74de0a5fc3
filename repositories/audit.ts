// The audit trail: every staff and system action on a case is written here, in the same transaction as the change
// it records, so the trail and the data never disagree. The table refuses updates and deletes (a trigger).
import { sql, type Kysely, type Transaction } from 'kysely';
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

/**
 * An agent opening a task they hold: audited once per claim, however often the console refreshes it. A second claim
 * (the task came back and was taken again) is a new viewing. Two refreshes at once write one row.
 */
export async function auditTaskViewed(
  db: Kysely<Database>,
  view: { staffId: string; taskId: string; claimedAt: Date; requestId: string | null },
): Promise<void> {
  await db.transaction().execute(async (trx) => {
    // Refreshes of the same task by the same agent queue here; the check below then runs on a snapshot taken after
    // the one before them committed (in the same statement as the lock it would not see it).
    await sql`select pg_advisory_xact_lock(hashtext(${`view:${view.taskId}:${view.staffId}`}))`.execute(trx);
    const seen = await trx
      .selectFrom('audit_log')
      .select('id')
      .where('subject_type', '=', 'agent_task')
      .where('subject_id', '=', view.taskId)
      .where('action', '=', 'agent_task.viewed')
      .where('actor_id', '=', view.staffId)
      .where('at', '>=', view.claimedAt)
      .executeTakeFirst();
    if (!seen)
      await recordAudit(trx, {
        actorType: 'staff',
        actorId: view.staffId,
        action: 'agent_task.viewed',
        subjectType: 'agent_task',
        subjectId: view.taskId,
        requestId: view.requestId,
      });
  });
}

/** Everything done on one request (a PIN request, a conversion, a fax), with who did it, oldest first. */
export function auditTrailOf(db: Kysely<Database>, requestId: string) {
  return db
    .selectFrom('audit_log')
    .leftJoin('staff', (join) => join.on(sql`staff.id::text`, '=', sql.ref('audit_log.actor_id')))
    .select([
      'audit_log.at',
      'audit_log.actor_type',
      'staff.username',
      'staff.display_name',
      'audit_log.action',
      'audit_log.subject_type',
      'audit_log.subject_id',
      'audit_log.details',
    ])
    .where((eb) => eb.or([eb('audit_log.request_id', '=', requestId), eb('audit_log.subject_id', '=', requestId)]))
    .orderBy('audit_log.id')
    .execute();
}
