// The agent task's life, in one place (brief, "The contact center"): opened by a process, claimed by one agent at a
// time, released, expired, completed with a recorded decision, escalated, or withdrawn. Each move checks the state it
// starts from (domain/agent-task.ts, AGENT_TASK_TRANSITIONS) and writes its own audit row in the same transaction.
import { NotYet } from './not-yet';
import { sql, type ExpressionBuilder, type Transaction } from 'kysely';
import {
  AGENT_TASK_TRANSITIONS,
  LIVE_AGENT_TASK_STATUSES,
  type AgentTaskKind,
  type AgentTaskOutcome,
  type AgentTaskStatus,
} from '../domain/agent-task';
import { callTimeRunOut, type PinRequestStatus, type ValidationFailure } from '../domain/pin-request';
import { statusesBefore } from '../domain/transitions';
import type { Db } from '../infra/db';
import type { Database } from '../infra/db/schema';
import { audit, recordAudit } from './audit';

type Executor = Db | Transaction<Database>;

/** What a task is about: a PIN request (verification), a conversion (review) or an inbound fax (attachment). */
export type TaskSubject = { pinRequestId: string } | { conversionId: string } | { inboundFaxId: string };

/** The request a task is part of: what the audit trail is read by. */
export const requestIdOf = (t: {
  pin_request_id: string | null;
  conversion_id: string | null;
  inbound_fax_id: string | null;
}) => t.pin_request_id ?? t.conversion_id ?? t.inbound_fax_id;

const SUBJECT_COLUMNS = ['id', 'pin_request_id', 'conversion_id', 'inbound_fax_id'] as const;

/** A claim that is still running: only its holder may act on the task. */
export const heldBy = (staffId: string) => (eb: ExpressionBuilder<Database, 'agent_tasks'>) =>
  eb.and([
    eb('agent_tasks.status', '=', 'claimed'),
    eb('agent_tasks.claimed_by', '=', staffId),
    eb('agent_tasks.claim_expires_at', '>', sql<Date>`now()`),
  ]);

/**
 * The tasks as people see them: a claim past its end shows as open at once, before the sweep writes it, so an expired
 * claim is never shown or honoured whoever looks first.
 */
export function liveTasks(db: Executor) {
  const expired = sql`agent_tasks.status = 'claimed' and agent_tasks.claim_expires_at <= now()`;
  return db
    .selectFrom('agent_tasks')
    .select([
      'id',
      'kind',
      'pin_request_id',
      'conversion_id',
      'inbound_fax_id',
      'attempt',
      'priority',
      'escalated_at',
      'validation_failures',
      'outcome',
      'outcome_reason',
      'note',
      'completed_at',
      'decision_id',
      'registry_checks',
      'claim_expires_at',
      'created_at',
      sql<AgentTaskStatus>`case when ${expired} then 'open' else agent_tasks.status end`.as('status'),
      sql<string | null>`case when ${expired} then null else agent_tasks.claimed_by end`.as('claimed_by'),
      sql<Date | null>`case when ${expired} then null else agent_tasks.claimed_at end`.as('claimed_at'),
    ]);
}

/** Tasks with what a queue row and a task page show: the subject's citizen, the holder, the request. */
export function taskViews(db: Executor) {
  return db
    .selectFrom(liveTasks(db).as('agent_tasks'))
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
/** Live tasks of these kinds and statuses, most urgent first, then oldest; at most 500. */
export function listTasks(
  db: Executor,
  filter: {
    kinds: readonly AgentTaskKind[];
    statuses: readonly AgentTaskStatus[];
    assignee: 'any' | 'none' | { staffId: string } | { username: string };
  },
) {
  let query = taskViews(db)
    .where('agent_tasks.kind', 'in', filter.kinds)
    .where('agent_tasks.status', 'in', filter.statuses);
  const { assignee } = filter;
  if (assignee === 'none') query = query.where('agent_tasks.claimed_by', 'is', null);
  else if (assignee !== 'any')
    query =
      'staffId' in assignee
        ? query.where('agent_tasks.claimed_by', '=', assignee.staffId)
        : query.where('staff.username', '=', assignee.username);
  return query
    .orderBy(sql`agent_tasks.priority = 'high'`, 'desc')
    .orderBy('agent_tasks.created_at')
    .orderBy('agent_tasks.id')
    .limit(500)
    .execute();
}

/** The unique indexes that give a subject its one task (a request one per call attempt). */
const ONE_TASK_PER_SUBJECT = [
  'agent_tasks_one_per_attempt',
  'agent_tasks_one_per_fax',
  'agent_tasks_one_per_conversion',
];

/** A task asked for a subject that has its own already, under another id: a process nobody of ours started. */
export class TaskAlreadyOpened extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'TaskAlreadyOpened';
  }
}

/**
 * Puts a task in the queue; a retried step finds it there already (the id comes from the workflow). Refuses with
 * TaskAlreadyOpened a second task for the same fax, conversion or call attempt.
 */
export async function openTask(
  db: Executor,
  input: {
    id: string;
    kind: AgentTaskKind;
    subject: TaskSubject;
    attempt?: number;
    validationFailures?: ValidationFailure[];
  },
): Promise<void> {
  await db
    .insertInto('agent_tasks')
    .values({
      id: input.id,
      kind: input.kind,
      pin_request_id: 'pinRequestId' in input.subject ? input.subject.pinRequestId : null,
      conversion_id: 'conversionId' in input.subject ? input.subject.conversionId : null,
      inbound_fax_id: 'inboundFaxId' in input.subject ? input.subject.inboundFaxId : null,
      attempt: input.attempt ?? 1,
      status: 'open',
      ...(input.validationFailures ? { validation_failures: JSON.stringify(input.validationFailures) } : {}),
    })
    .onConflict((oc) => oc.column('id').doNothing())
    .execute()
    .catch((err: { code?: string; constraint?: string }) => {
      if (err.code === '23505' && ONE_TASK_PER_SUBJECT.includes(err.constraint ?? ''))
        throw new TaskAlreadyOpened(`this subject has its ${input.kind} task already (${err.constraint})`);
      throw err;
    });
}

/** A request's verification calls, oldest first: what its next call and its rejection rest on. */
export function verificationCallsOf(db: Transaction<Database>, requestId: string) {
  return db
    .selectFrom('agent_tasks')
    .select(['id', 'attempt', 'outcome', 'status', 'created_at'])
    .where('pin_request_id', '=', requestId)
    .where('kind', '=', 'outbound_verification')
    .orderBy('created_at')
    .orderBy('attempt')
    .execute();
}

/** A verification call asked for a request that is not waiting for one: nothing is put in the queue. */
export class CallRefused extends Error {
  constructor(requestId: string, why: string) {
    super(`request ${requestId}: no verification call opened (${why})`);
    this.name = 'CallRefused';
  }
}

/** The stages in which a request that failed automatic validation may have its verification call opened. */
const AWAITING_VERIFICATION: readonly PinRequestStatus[] = [
  'validating',
  'awaiting_verification_call',
  'verification_call_scheduled',
];

/**
 * Opens the request's verification call `attempt`, with the validation failures Postgres holds, whoever asks: only
 * while the request is being verified after failing automatic validation, with no other call of it live and every
 * earlier one ended unanswered. Returns the call's task: a retried step finds its own there, and a second ask for the
 * same attempt (a run someone else started got there first) gets the one in the queue, so the request's own process
 * goes on with it. Refuses with CallRefused.
 */
export async function openVerificationCall(
  db: Db,
  input: { id: string; requestId: string; attempt: number },
): Promise<{ taskId: string }> {
  return db.transaction().execute(async (trx) => {
    const request = await trx
      .selectFrom('pin_requests')
      .select(['status', 'validation_failures'])
      .where('id', '=', input.requestId)
      .forUpdate()
      .executeTakeFirstOrThrow();
    const calls = await verificationCallsOf(trx, input.requestId);
    if (calls.some((call) => call.id === input.id)) return { taskId: input.id };
    const failures = request.validation_failures ?? [];
    if (!AWAITING_VERIFICATION.includes(request.status) || failures.length === 0)
      throw new CallRefused(input.requestId, `it is ${request.status}, validation failures ${failures.length}`);
    const live = calls.find((call) => (LIVE_AGENT_TASK_STATUSES as readonly string[]).includes(call.status));
    if (live?.attempt === input.attempt) return { taskId: live.id };
    if (live) throw new CallRefused(input.requestId, 'another call is in the queue');
    if (calls.length !== input.attempt - 1 || calls.some((call) => call.outcome !== 'no_answer'))
      throw new CallRefused(input.requestId, `attempt ${input.attempt} after ${calls.length} calls`);
    await openTask(trx, {
      id: input.id,
      kind: 'outbound_verification',
      subject: { pinRequestId: input.requestId },
      attempt: input.attempt,
      validationFailures: failures,
    });
    return { taskId: input.id };
  });
}

export type ClaimRefusal = 'no_such_task' | 'forbidden_task_kind' | 'not_open' | 'holding_another';

/**
 * Claims the task for `staffId` until `claimMs` from now. The row is locked first, so of two agents claiming at once
 * exactly one gets it; a claim that ran out is taken over, and its end is audited as the system's doing.
 */
async function claimInside(
  trx: Transaction<Database>,
  input: { staffId: string; taskId: string; kinds: readonly AgentTaskKind[]; claimMs: number },
): Promise<{ ok: true } | { ok: false; refusal: ClaimRefusal }> {
  const task = await trx
    .selectFrom('agent_tasks')
    .select([...SUBJECT_COLUMNS, 'kind', 'status', 'claimed_by', sql<boolean>`claim_expires_at <= now()`.as('expired')])
    .where('id', '=', input.taskId)
    .forUpdate()
    .executeTakeFirst();
  if (!task) return { ok: false, refusal: 'no_such_task' };
  if (!input.kinds.includes(task.kind)) return { ok: false, refusal: 'forbidden_task_kind' };
  const takesOverExpiredClaim = task.status === 'claimed' && task.expired;
  if (task.status !== 'open' && !takesOverExpiredClaim) return { ok: false, refusal: 'not_open' };
  if (takesOverExpiredClaim) await auditClaimExpired(trx, task);
  await trx
    .updateTable('agent_tasks')
    .set({
      status: 'claimed',
      claimed_by: input.staffId,
      claimed_at: sql<Date>`now()`,
      claim_expires_at: sql<Date>`now() + ${`${input.claimMs} milliseconds`}::interval`,
    })
    .where('id', '=', input.taskId)
    .execute();
  await audit(trx, {
    staffId: input.staffId,
    action: 'agent_task.claimed',
    subjectType: 'agent_task',
    subjectId: input.taskId,
    requestId: requestIdOf(task),
  });
  return { ok: true };
}

/**
 * One agent's claims are taken one after the other: of two at once (two tabs, two rows clicked in a hurry), the second
 * sees what the first took.
 */
async function oneClaimAtATime(trx: Transaction<Database>, staffId: string): Promise<void> {
  await trx.selectFrom('staff').select('id').where('id', '=', staffId).forUpdate().execute();
}

/** The task of these kinds the agent holds (the longest held, where claims from before one-at-a-time hold more). */
const taskHeldBy = (trx: Transaction<Database>, staffId: string, kinds: readonly AgentTaskKind[]) =>
  trx
    .selectFrom('agent_tasks')
    .select('id')
    .where(heldBy(staffId))
    .where('kind', 'in', kinds)
    .orderBy('claimed_at')
    .limit(1)
    .executeTakeFirst();

/**
 * Claims a task chosen from the list, while the agent holds no other: one citizen at a time, as "next task" (a task
 * held is finished or given back before another is taken out of everyone else's reach).
 */
export function claimTask(
  db: Db,
  input: { staffId: string; taskId: string; kinds: readonly AgentTaskKind[]; claimMs: number },
): Promise<{ ok: true } | { ok: false; refusal: ClaimRefusal }> {
  return db.transaction().execute(async (trx) => {
    await oneClaimAtATime(trx, input.staffId);
    const held = await taskHeldBy(trx, input.staffId, input.kinds);
    if (held && held.id !== input.taskId) return { ok: false, refusal: 'holding_another' };
    return claimInside(trx, input);
  });
}

/**
 * The agent's next task: one they still hold, if any (one citizen at a time: a stray second press must not take a
 * second citizen off the queue and out of everyone else's reach); otherwise the most urgent open task of these kinds,
 * claimed for them, skipping rows another agent is taking.
 */
export async function claimNextTask(
  db: Db,
  input: { staffId: string; kinds: readonly AgentTaskKind[]; claimMs: number },
): Promise<{ taskId: string; alreadyHeld: boolean } | undefined> {
  return db.transaction().execute(async (trx) => {
    await oneClaimAtATime(trx, input.staffId);
    const held = await taskHeldBy(trx, input.staffId, input.kinds);
    if (held) return { taskId: held.id, alreadyHeld: true };
    const next = await trx
      .selectFrom('agent_tasks')
      .select('id')
      .where((eb) =>
        eb.or([
          eb('status', '=', 'open'),
          eb.and([eb('status', '=', 'claimed'), eb('claim_expires_at', '<=', sql<Date>`now()`)]),
        ]),
      )
      .where('kind', 'in', input.kinds)
      .orderBy(sql`priority = 'high'`, 'desc')
      .orderBy('created_at')
      .orderBy('id')
      .limit(1)
      .forUpdate()
      .skipLocked()
      .executeTakeFirst();
    if (!next) return undefined;
    const claimed = await claimInside(trx, { ...input, taskId: next.id });
    return claimed.ok ? { taskId: next.id, alreadyHeld: false } : undefined;
  });
}

/** Gives a claimed task back to the queue: its holder, or (`anyHolder`) a supervisor freeing an absent agent's work. */
export async function releaseTask(
  db: Db,
  input: { staffId: string; taskId: string; anyHolder: boolean },
): Promise<boolean> {
  return db.transaction().execute(async (trx) => {
    let update = trx
      .updateTable('agent_tasks')
      .set({ status: 'open', claimed_by: null, claimed_at: null, claim_expires_at: null })
      .where('id', '=', input.taskId);
    update = input.anyHolder ? update.where('status', '=', 'claimed') : update.where(heldBy(input.staffId));
    const row = await update.returning(SUBJECT_COLUMNS).executeTakeFirst();
    if (row)
      await audit(trx, {
        staffId: input.staffId,
        action: 'agent_task.released',
        subjectType: 'agent_task',
        subjectId: input.taskId,
        requestId: requestIdOf(row),
      });
    return row !== undefined;
  });
}

async function auditClaimExpired(
  trx: Transaction<Database>,
  row: { id: string; claimed_by: string | null } & Parameters<typeof requestIdOf>[0],
) {
  await recordAudit(trx, {
    actorType: 'system',
    actorId: null,
    action: 'agent_task.claim_expired',
    subjectType: 'agent_task',
    subjectId: row.id,
    requestId: requestIdOf(row),
    details: { heldBy: row.claimed_by },
  });
}

/** The sweep a Temporal Schedule runs: every claim past its end goes back to the queue, audited as the system's. */
export async function expireClaims(db: Db): Promise<number> {
  return db.transaction().execute(async (trx) => {
    const expired = await trx
      .selectFrom('agent_tasks')
      .select([...SUBJECT_COLUMNS, 'claimed_by'])
      .where('status', '=', 'claimed')
      .where('claim_expires_at', '<=', sql<Date>`now()`)
      .forUpdate()
      .skipLocked()
      .execute();
    if (!expired.length) return 0;
    await trx
      .updateTable('agent_tasks')
      .set({ status: 'open', claimed_by: null, claimed_at: null, claim_expires_at: null })
      .where(
        'id',
        'in',
        expired.map((e) => e.id),
      )
      .execute();
    for (const row of expired) await auditClaimExpired(trx, row);
    return expired.length;
  });
}

/** A decision a process may not act on: unknown, for another task, already used, or its task no longer held. */
export class DecisionNotValid extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'DecisionNotValid';
  }
}

/**
 * Closes the task with the decision (a verification call's outcome audited as the agent's), if the person who decided
 * still holds it; otherwise the decision is refused.
 */
export async function completeTask(
  trx: Transaction<Database>,
  input: {
    taskId: string;
    decisionId: string;
    staffId: string;
    outcome: AgentTaskOutcome;
    outcomeReason?: string | null;
  },
): Promise<{ pin_request_id: string | null; attempt: number }> {
  const closed = await trx
    .updateTable('agent_tasks')
    .set({
      status: 'completed',
      outcome: input.outcome,
      outcome_reason: input.outcomeReason ?? null,
      completed_at: new Date(),
      decision_id: input.decisionId,
      claim_expires_at: null,
    })
    .where('id', '=', input.taskId)
    .where('status', 'in', statusesBefore(AGENT_TASK_TRANSITIONS, 'completed'))
    .where('claimed_by', '=', input.staffId)
    .returning(['kind', 'pin_request_id', 'attempt'])
    .executeTakeFirst();
  if (!closed) throw new DecisionNotValid(`task ${input.taskId} is not held by the person who decided`);
  if (closed.kind === 'outbound_verification')
    await audit(trx, {
      staffId: input.staffId,
      action: 'verification_call.outcome_recorded',
      subjectType: 'agent_task',
      subjectId: input.taskId,
      requestId: closed.pin_request_id,
      details: { outcome: input.outcome, pinRequestId: closed.pin_request_id, attempt: closed.attempt },
    });
  return closed;
}

/** A task nobody finished in time goes to the top of the queue, flagged; once. */
/**
 * A review nobody finished in `escalateAfterMs` goes to the top of the queue, flagged: not before, whoever asks (`at`
 * is the step's time). Refused with NotYet before then.
 */
export async function escalateTask(
  db: Db,
  input: { taskId: string; at: number; escalateAfterMs: number },
): Promise<void> {
  await db.transaction().execute(async (trx) => {
    const task = await trx
      .selectFrom('agent_tasks')
      .select('created_at')
      .where('id', '=', input.taskId)
      .forUpdate()
      .executeTakeFirstOrThrow();
    const due = task.created_at.getTime() + input.escalateAfterMs;
    if (input.at < due)
      throw new NotYet(`task ${input.taskId}: not waiting long enough to be escalated`, due - input.at);
    const escalated = await trx
      .updateTable('agent_tasks')
      .set({ priority: 'high', escalated_at: sql<Date>`now()` })
      .where('id', '=', input.taskId)
      .where('status', 'in', LIVE_AGENT_TASK_STATUSES)
      .where('escalated_at', 'is', null)
      .executeTakeFirst();
    if (escalated.numUpdatedRows > 0n)
      await recordAudit(trx, {
        actorType: 'system',
        actorId: null,
        action: 'document_review.escalated',
        subjectType: 'agent_task',
        subjectId: input.taskId,
      });
  });
}

/** A task that is no verification call: nothing withdraws it but an agent's work. */
export class WithdrawalRefused extends Error {
  constructor(taskId: string) {
    super(`task ${taskId} is not a verification call: it is not withdrawn`);
    this.name = 'WithdrawalRefused';
  }
}

/**
 * Withdraws a verification call nobody finished in time: only once it has waited in the queue for the whole
 * `taskDeadlineMs` by `at` (domain `callTimeRunOut`, the rule a rejection for it rests on), whoever asks. Refuses
 * with WithdrawalRefused any other kind of task, and with NotYet a call whose time has not run out.
 */
export async function withdrawTask(
  db: Db,
  input: { taskId: string; at: number; taskDeadlineMs: number },
): Promise<void> {
  await db.transaction().execute(async (trx) => {
    const task = await trx
      .selectFrom('agent_tasks')
      .select(['kind', 'created_at'])
      .where('id', '=', input.taskId)
      .forUpdate()
      .executeTakeFirst();
    if (!task) return;
    if (task.kind !== 'outbound_verification') throw new WithdrawalRefused(input.taskId);
    const runOut = callTimeRunOut(task.created_at, input);
    if (runOut !== 'yes')
      throw new NotYet(`task ${input.taskId}: its call's time has not run out`, runOut.notUntil - input.at);
    const cancelled = await trx
      .updateTable('agent_tasks')
      .set({ status: 'cancelled', completed_at: sql<Date>`now()`, claim_expires_at: null })
      .where('id', '=', input.taskId)
      .where('status', 'in', statusesBefore(AGENT_TASK_TRANSITIONS, 'cancelled'))
      .executeTakeFirst();
    if (cancelled.numUpdatedRows > 0n)
      await recordAudit(trx, {
        actorType: 'system',
        actorId: null,
        action: 'verification_call.deadline_passed',
        subjectType: 'agent_task',
        subjectId: input.taskId,
      });
  });
}

/** When the request's open verification task (the attempt under way) was opened, if one is open. */
export async function openVerificationTaskOpenedAt(db: Executor, pinRequestId: string): Promise<Date | undefined> {
  const task = await db
    .selectFrom('agent_tasks')
    .select('created_at')
    .where('pin_request_id', '=', pinRequestId)
    .where('kind', '=', 'outbound_verification')
    .where('status', 'in', LIVE_AGENT_TASK_STATUSES)
    .orderBy('attempt', 'desc')
    .executeTakeFirst();
  return task?.created_at;
}

/** Every attempt to reach the citizen for this request: each verification task, and each call placed on it. */
export async function verificationAttempts(db: Db, pinRequestId: string) {
  const attempts = await db
    .selectFrom('agent_tasks')
    .leftJoin('staff', 'staff.id', 'agent_tasks.claimed_by')
    .select(['agent_tasks.id', 'attempt', 'status', 'outcome', 'completed_at', 'staff.display_name'])
    .where('pin_request_id', '=', pinRequestId)
    .orderBy('attempt')
    .execute();
  const calls = await db
    .selectFrom('task_calls')
    .innerJoin('agent_tasks', 'agent_tasks.id', 'task_calls.task_id')
    .innerJoin('staff', 'staff.id', 'task_calls.staff_id')
    .select([
      'task_calls.id',
      'task_calls.task_id',
      'task_calls.status',
      'task_calls.created_at',
      'task_calls.answered_at',
      'task_calls.ended_at',
      'task_calls.duration_seconds',
      'staff.display_name',
    ])
    .where('agent_tasks.pin_request_id', '=', pinRequestId)
    .orderBy('task_calls.created_at')
    .execute();
  return { attempts, calls };
}
