// The contact-center queue in Postgres: which open tasks a person may work, claiming (one agent at a time, whoever
// is first), "next task", and claims that time out. Every move is audited in the transaction that makes it.
import { sql, type Transaction } from 'kysely';
import { z } from 'zod';
import { maskFiscalCode } from '../../domain/fiscal-code';
import { durationMs, type Config } from '../../infra/config';
import type { Db } from '../../infra/db';
import { audit, recordAudit } from '../../repositories/audit';
import type { Database } from '../../infra/db/schema';
import type { AgentTaskKind } from '../../domain/agent-task';
import { ApiError } from '../shared/errors';
import { hasRole, ROLE_FOR_TASK_KIND, type StaffMember, taskKindsOf } from './auth';

const TASK_KINDS = Object.keys(ROLE_FOR_TASK_KIND) as [AgentTaskKind, ...AgentTaskKind[]];

export const queueFilterSchema = z.object({
  kind: z.enum(TASK_KINDS, `one of ${TASK_KINDS.join(', ')}`).optional(),
  status: z.enum(['open', 'claimed', 'any'], 'open, claimed or any').default('any'),
  /** `me`, `none` (unclaimed), `any`, or a staff username. */
  assignee: z.string().trim().max(64).default('any'),
});
export type QueueFilter = z.infer<typeof queueFilterSchema>;

/** Tasks with what a queue row and a task page show: the subject's citizen, the holder, the request. */
export function taskQuery(db: Db | Transaction<Database>) {
  return db
    .selectFrom('agent_tasks')
    .leftJoin('pin_requests', 'pin_requests.id', 'agent_tasks.pin_request_id')
    .leftJoin('conversions', 'conversions.id', 'agent_tasks.conversion_id')
    .leftJoin('persons', 'persons.id', 'conversions.person_id')
    .leftJoin('inbound_faxes', 'inbound_faxes.id', 'agent_tasks.inbound_fax_id')
    .leftJoin('staff', 'staff.id', 'agent_tasks.claimed_by')
    .select([
      'agent_tasks.id',
      'agent_tasks.kind',
      'agent_tasks.status',
      'agent_tasks.priority',
      'agent_tasks.escalated_at',
      'agent_tasks.attempt',
      'agent_tasks.validation_failures',
      'agent_tasks.created_at',
      'agent_tasks.claimed_by',
      'agent_tasks.claimed_at',
      'agent_tasks.outcome',
      'agent_tasks.registry_checks',
      'agent_tasks.pin_request_id',
      'agent_tasks.conversion_id',
      'agent_tasks.inbound_fax_id',
      'staff.display_name as claimed_by_name',
      'staff.username as claimed_by_username',
      'pin_requests.status as pin_request_status',
      'conversions.request_code',
      'conversions.returned_by',
      'inbound_faxes.from_number as fax_from',
      'inbound_faxes.provider_fax_id',
      sql<string | null>`coalesce(pin_requests.first_name || ' ' || pin_requests.last_name,
        persons.first_name || ' ' || persons.last_name)`.as('citizen_name'),
      sql<string | null>`coalesce(pin_requests.fiscal_code, persons.fiscal_code)`.as('fiscal_code'),
    ]);
}
export type TaskRow = Awaited<ReturnType<ReturnType<typeof taskQuery>['executeTakeFirstOrThrow']>>;

/** The request a task is part of: what the audit trail is read by. */
export const requestIdOf = (t: {
  pin_request_id: string | null;
  conversion_id: string | null;
  inbound_fax_id: string | null;
}) => t.pin_request_id ?? t.conversion_id ?? t.inbound_fax_id;

/** How long each kind may wait: a verification call until its deadline, documents until they are escalated. */
export function dueAfterMs(config: Config, kind: AgentTaskKind): number {
  return durationMs(
    kind === 'outbound_verification' ? config.VERIFICATION_TASK_DEADLINE : config.REVIEW_ESCALATION_AFTER,
  );
}

export function queueRow(t: TaskRow, me: StaffMember, config: Config) {
  return {
    taskId: t.id,
    kind: t.kind,
    status: t.status,
    priority: t.priority,
    escalatedAt: t.escalated_at?.toISOString() ?? null,
    attempt: t.attempt,
    createdAt: t.created_at.toISOString(),
    dueAt: new Date(t.created_at.getTime() + dueAfterMs(config, t.kind)).toISOString(),
    claimedBy: t.claimed_by_name,
    claimedAt: t.claimed_at?.toISOString() ?? null,
    claimedByMe: t.claimed_by === me.id,
    requestId: requestIdOf(t),
    pinRequestId: t.pin_request_id,
    conversionId: t.conversion_id,
    returnedBy: t.returned_by,
    validationFailures: t.validation_failures,
    citizenName: t.citizen_name,
    fiscalCodeMasked: t.fiscal_code ? maskFiscalCode(t.fiscal_code) : null,
    requestCode: t.request_code,
    faxFrom: t.fax_from,
  };
}

/** Open and claimed tasks of the kinds this person may see (a supervisor: all), most urgent first, then oldest. */
export async function listQueue(db: Db, me: StaffMember, filter: QueueFilter) {
  const kinds = hasRole(me, 'supervisor') ? TASK_KINDS : taskKindsOf(me);
  if (filter.kind && !kinds.includes(filter.kind))
    throw new ApiError(403, 'forbidden_task_kind', 'Your roles do not include this kind of task', {
      kind: 'not one of your kinds of work',
    });
  if (!kinds.length) return [];
  let query = taskQuery(db).where('agent_tasks.kind', 'in', filter.kind ? [filter.kind] : kinds);
  query = query.where('agent_tasks.status', 'in', filter.status === 'any' ? ['open', 'claimed'] : [filter.status]);
  if (filter.assignee === 'me') query = query.where('agent_tasks.claimed_by', '=', me.id);
  else if (filter.assignee === 'none') query = query.where('agent_tasks.claimed_by', 'is', null);
  else if (filter.assignee !== 'any') query = query.where('staff.username', '=', filter.assignee);
  return query
    .orderBy(sql`agent_tasks.priority = 'high'`, 'desc')
    .orderBy('agent_tasks.created_at')
    .orderBy('agent_tasks.id')
    .limit(500)
    .execute();
}

async function claimInside(trx: Transaction<Database>, me: StaffMember, id: string) {
  const row = await trx
    .updateTable('agent_tasks')
    .set({ status: 'claimed', claimed_by: me.id, claimed_at: new Date() })
    .where('id', '=', id)
    .where('status', '=', 'open')
    .returning(['id', 'pin_request_id', 'conversion_id', 'inbound_fax_id'])
    .executeTakeFirst();
  if (row)
    await audit(trx, {
      staffId: me.id,
      action: 'agent_task.claimed',
      subjectType: 'agent_task',
      subjectId: id,
      requestId: requestIdOf(row),
    });
  return row;
}

/**
 * Claims an open task of a kind the agent works. The conditional update makes concurrent claims safe: of two agents
 * claiming at once, exactly one changes the row; the other is told someone else took it.
 */
export async function claimTask(db: Db, me: StaffMember, id: string): Promise<void> {
  const task = await db.selectFrom('agent_tasks').select('kind').where('id', '=', id).executeTakeFirst();
  if (task && !taskKindsOf(me).includes(task.kind))
    throw new ApiError(403, 'forbidden_task_kind', 'Your roles do not include this kind of task');
  const claimed = await db.transaction().execute((trx) => claimInside(trx, me, id));
  if (!claimed) throw new ApiError(409, 'not_open', 'This task is not open any more: someone else may have taken it');
}

/** The most urgent open task the agent may work, claimed for them; skipped rows are ones another agent is taking. */
export async function claimNextTask(db: Db, me: StaffMember): Promise<string | undefined> {
  const kinds = taskKindsOf(me);
  if (!kinds.length) throw new ApiError(403, 'forbidden', 'You do not work the queue');
  return db.transaction().execute(async (trx) => {
    const next = await trx
      .selectFrom('agent_tasks')
      .select('id')
      .where('status', '=', 'open')
      .where('kind', 'in', kinds)
      .orderBy(sql`priority = 'high'`, 'desc')
      .orderBy('created_at')
      .orderBy('id')
      .limit(1)
      .forUpdate()
      .skipLocked()
      .executeTakeFirst();
    if (!next) return undefined;
    return (await claimInside(trx, me, next.id))?.id;
  });
}

/** Gives a claimed task back to the queue: its holder, or a supervisor freeing an absent agent's work. */
export async function releaseTask(db: Db, me: StaffMember, id: string): Promise<void> {
  const released = await db.transaction().execute(async (trx) => {
    let update = trx
      .updateTable('agent_tasks')
      .set({ status: 'open', claimed_by: null, claimed_at: null })
      .where('id', '=', id)
      .where('status', '=', 'claimed');
    if (!hasRole(me, 'supervisor')) update = update.where('claimed_by', '=', me.id);
    const row = await update.returning(['id', 'pin_request_id', 'conversion_id', 'inbound_fax_id']).executeTakeFirst();
    if (row)
      await audit(trx, {
        staffId: me.id,
        action: 'agent_task.released',
        subjectType: 'agent_task',
        subjectId: id,
        requestId: requestIdOf(row),
      });
    return row;
  });
  if (!released) throw new ApiError(409, 'not_claimed_by_you', 'You do not hold this task');
}

/**
 * Claims held longer than `TASK_CLAIM_TIMEOUT` go back to the queue, audited as the system's doing. Run before every
 * read or move of the queue, so an expired claim is never shown or honoured, whoever looks first.
 */
export async function releaseExpiredClaims(db: Db, config: Config): Promise<number> {
  const cutoff = new Date(Date.now() - durationMs(config.TASK_CLAIM_TIMEOUT));
  return db.transaction().execute(async (trx) => {
    const expired = await trx
      .selectFrom('agent_tasks')
      .select(['id', 'claimed_by', 'pin_request_id', 'conversion_id', 'inbound_fax_id'])
      .where('status', '=', 'claimed')
      .where('claimed_at', '<', cutoff)
      .forUpdate()
      .skipLocked()
      .execute();
    if (!expired.length) return 0;
    await trx
      .updateTable('agent_tasks')
      .set({ status: 'open', claimed_by: null, claimed_at: null })
      .where(
        'id',
        'in',
        expired.map((e) => e.id),
      )
      .execute();
    for (const row of expired)
      await recordAudit(trx, {
        actorType: 'system',
        actorId: null,
        action: 'agent_task.claim_expired',
        subjectType: 'agent_task',
        subjectId: row.id,
        requestId: requestIdOf(row),
        details: { heldBy: row.claimed_by, timeout: config.TASK_CLAIM_TIMEOUT },
      });
    return expired.length;
  });
}

const uuidSchema = z.uuid();

export function parseId(raw: string, what: 'task' | 'document' | 'call'): string {
  const id = uuidSchema.safeParse(raw);
  if (!id.success) throw new ApiError(400, `invalid_${what}_id`, `A ${what} id is a UUID`, { id: 'not a UUID' });
  return id.data;
}

/** The task, claimed by me and of this kind, or the error that says why not. */
export async function claimedTask(db: Db, me: StaffMember, rawId: string, kind?: AgentTaskKind): Promise<TaskRow> {
  const id = parseId(rawId, 'task');
  const task = await taskQuery(db).where('agent_tasks.id', '=', id).executeTakeFirst();
  if (!task) throw new ApiError(404, 'not_found', 'No such task');
  if (!taskKindsOf(me).includes(task.kind))
    throw new ApiError(403, 'forbidden_task_kind', 'Your roles do not include this kind of task');
  if (task.status !== 'claimed' || task.claimed_by !== me.id)
    throw new ApiError(409, 'not_claimed_by_you', 'Claim the task first');
  if (kind && task.kind !== kind)
    throw new ApiError(409, 'wrong_task_kind', `This is a ${task.kind.replace(/_/g, ' ')} task`);
  return task;
}
