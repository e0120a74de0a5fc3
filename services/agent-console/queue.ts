// The contact-center queue as the console shows it: which tasks a person may see and work, by their roles, and what a
// queue row says. The task's moves themselves (claim, release, expiry) are repositories/agent-tasks.ts.
import { z } from 'zod';
import { maskFiscalCode } from '../../domain/fiscal-code';
import { durationMs, type Config } from '../../infra/config';
import type { Db } from '../../infra/db';
import { LIVE_AGENT_TASK_STATUSES, type AgentTaskKind } from '../../domain/agent-task';
import {
  claimNextTask as claimNextTaskInDb,
  claimTask as claimTaskInDb,
  listTasks,
  requestIdOf,
  releaseTask as releaseTaskInDb,
  taskViews,
} from '../../repositories/agent-tasks';
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

export type TaskRow = Awaited<ReturnType<ReturnType<typeof taskViews>['executeTakeFirstOrThrow']>>;

/** How long each kind may wait: a verification call until its deadline, documents until they are escalated. */
export { requestIdOf };

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
  return listTasks(db, {
    kinds: filter.kind ? [filter.kind] : kinds,
    statuses: filter.status === 'any' ? LIVE_AGENT_TASK_STATUSES : [filter.status],
    assignee:
      filter.assignee === 'me'
        ? { staffId: me.id }
        : filter.assignee === 'none' || filter.assignee === 'any'
          ? filter.assignee
          : { username: filter.assignee },
  });
}

const claimMs = (config: Config) => durationMs(config.TASK_CLAIM_TIMEOUT);

/** Claims an open task of a kind the agent works; of two agents claiming at once, the other is told who was first. */
export async function claimTask(db: Db, config: Config, me: StaffMember, id: string): Promise<void> {
  const claimed = await claimTaskInDb(db, {
    staffId: me.id,
    taskId: id,
    kinds: taskKindsOf(me),
    claimMs: claimMs(config),
  });
  if (claimed.ok) return;
  switch (claimed.refusal) {
    case 'forbidden_task_kind':
      throw new ApiError(403, 'forbidden_task_kind', 'Your roles do not include this kind of task');
    case 'no_such_task':
    case 'not_open':
      throw new ApiError(409, 'not_open', 'This task is not open any more: someone else may have taken it');
    case 'holding_another':
      throw new ApiError(
        409,
        'holding_another',
        'You hold another task: finish it or give it back first ("Next task" opens it again)',
      );
  }
}

/** The task the agent still holds, or else the most urgent open task they may work, claimed for them. */
export async function claimNextTask(db: Db, config: Config, me: StaffMember) {
  const kinds = taskKindsOf(me);
  if (!kinds.length) throw new ApiError(403, 'forbidden', 'You do not work the queue');
  return claimNextTaskInDb(db, { staffId: me.id, kinds, claimMs: claimMs(config) });
}

/** Gives a claimed task back to the queue: its holder, or a supervisor freeing an absent agent's work. */
export async function releaseTask(db: Db, me: StaffMember, id: string): Promise<void> {
  const released = await releaseTaskInDb(db, { staffId: me.id, taskId: id, anyHolder: hasRole(me, 'supervisor') });
  if (!released) throw new ApiError(409, 'not_claimed_by_you', 'You do not hold this task');
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
  const task = await taskViews(db).where('agent_tasks.id', '=', id).executeTakeFirst();
  if (!task) throw new ApiError(404, 'not_found', 'No such task');
  if (!taskKindsOf(me).includes(task.kind))
    throw new ApiError(403, 'forbidden_task_kind', 'Your roles do not include this kind of task');
  if (task.status !== 'claimed' || task.claimed_by !== me.id)
    throw new ApiError(409, 'not_claimed_by_you', 'Claim the task first');
  if (kind && task.kind !== kind)
    throw new ApiError(409, 'wrong_task_kind', `This is a ${task.kind.replace(/_/g, ' ')} task`);
  return task;
}
