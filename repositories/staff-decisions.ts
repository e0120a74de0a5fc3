// Staff decisions, both sides of the trust boundary with Temporal (brief, "Identity proofing"): the console records a
// decision here, in the transaction that checks that this person holds the task; the activity that acts on it reads it
// back, refuses one that does not exist, is for another task or was already used, and marks it used. The workflow in
// between carries only the decision's id, so nothing sent straight to Temporal can stand in for a person's decision.
import { randomUUID } from 'node:crypto';
import type { Transaction } from 'kysely';
import { z } from 'zod';
import { callHasEnded } from '../domain/calls';
import type { Db } from '../infra/db';
import { checkCallerAnswers, type AnswerCheck, type CallerAnswers } from '../domain/registry-comparison';
import { DecisionNotValid, heldBy } from './agent-tasks';
import { audit } from './audit';

export { DecisionNotValid };
import type { Database } from '../infra/db/schema';
import type { AgentTaskKind, RegistryChecks, StaffDecisionContent, StaffDecisionKind } from '../domain/agent-task';

const TASK_KIND_FOR: Record<StaffDecisionKind, AgentTaskKind> = {
  verification_outcome: 'outbound_verification',
  review_decision: 'document_review',
  fax_attachment: 'fax_attachment',
};

export type DecisionRefusal =
  /** The task is not claimed by this person (any more), or is not of this kind. */
  | 'not_claimed_by_you'
  /** An outcome of a verification call needs a call placed through the console, with its status recorded. */
  | 'no_call_made'
  /** "Verified" needs a call the citizen answered. */
  | 'call_not_answered'
  /** "Verified" needs the caller to have stated the residence INPS holds, checked on this screen. */
  | 'residence_not_confirmed';

/**
 * Records what `staffId` decided on the task they hold. Returns the decision's id, the only thing the workflow is
 * told, or why the decision cannot be taken.
 */
export async function recordStaffDecision(
  db: Db,
  input: { staffId: string; taskId: string; content: StaffDecisionContent; note?: string },
): Promise<{ ok: true; decisionId: string } | { ok: false; refusal: DecisionRefusal }> {
  return db.transaction().execute(async (trx) => {
    const task = await trx
      .selectFrom('agent_tasks')
      .select(['kind', 'registry_checks'])
      .where('id', '=', input.taskId)
      .where(heldBy(input.staffId))
      .forUpdate()
      .executeTakeFirst();
    if (!task || task.kind !== TASK_KIND_FOR[input.content.kind])
      return { ok: false, refusal: 'not_claimed_by_you' } as const;
    if (input.content.kind === 'verification_outcome') {
      const calls = await trx
        .selectFrom('task_calls')
        .select(['status', 'answered_at'])
        .where('task_id', '=', input.taskId)
        .where('staff_id', '=', input.staffId)
        .execute();
      if (!calls.some((c) => callHasEnded(c.status) || c.status === 'answered'))
        return { ok: false, refusal: 'no_call_made' } as const;
      if (input.content.outcome === 'verified' && !calls.some((c) => c.answered_at !== null))
        return { ok: false, refusal: 'call_not_answered' } as const;
      if (input.content.outcome === 'verified' && task.registry_checks.residence?.result !== 'matches')
        return { ok: false, refusal: 'residence_not_confirmed' } as const;
    }
    const decisionId = randomUUID();
    await trx
      .insertInto('staff_decisions')
      .values({
        id: decisionId,
        task_id: input.taskId,
        kind: input.content.kind,
        staff_id: input.staffId,
        decision: JSON.stringify(input.content),
      })
      .execute();
    // The agent's note stays in the case file in Postgres; workflows hear outcomes only.
    await trx
      .updateTable('agent_tasks')
      .set({ note: input.note ?? null })
      .where('id', '=', input.taskId)
      .execute();
    return { ok: true, decisionId } as const;
  });
}

/** How often the agent may check each answer on one task: enough for a typo, too few to guess the registry. */
export const MAX_ANSWER_CHECKS = 3;

/**
 * Checks what the caller answered against the registry, for the agent who holds the verification task, and keeps the
 * verdicts on the task (the registry's values never leave). Refused past MAX_ANSWER_CHECKS tries of a question.
 */
export async function checkAnswersOnTask(
  db: Db,
  input: { staffId: string; taskId: string; answers: CallerAnswers },
): Promise<
  | { ok: true; checks: Partial<Record<keyof CallerAnswers, AnswerCheck>> }
  | { ok: false; refusal: 'not_claimed_by_you' | 'too_many_checks' }
> {
  return db.transaction().execute(async (trx) => {
    const task = await trx
      .selectFrom('agent_tasks')
      .innerJoin('pin_requests', 'pin_requests.id', 'agent_tasks.pin_request_id')
      .innerJoin('persons', 'persons.fiscal_code', 'pin_requests.fiscal_code')
      .select(['agent_tasks.registry_checks', 'agent_tasks.kind'])
      .select(['persons.birth_place', 'persons.birth_date', 'persons.street', 'persons.postal_code', 'persons.city'])
      .where('agent_tasks.id', '=', input.taskId)
      .where(heldBy(input.staffId))
      .forUpdate(['agent_tasks'])
      .executeTakeFirst();
    if (!task || task.kind !== 'outbound_verification') return { ok: false, refusal: 'not_claimed_by_you' } as const;
    const checks = checkCallerAnswers(task, input.answers);
    const kept: RegistryChecks = { ...task.registry_checks };
    for (const [question, result] of Object.entries(checks) as Array<[keyof CallerAnswers, AnswerCheck]>) {
      const tries = (kept[question]?.tries ?? 0) + 1;
      if (tries > MAX_ANSWER_CHECKS) return { ok: false, refusal: 'too_many_checks' } as const;
      kept[question] = { result, tries };
    }
    await trx
      .updateTable('agent_tasks')
      .set({ registry_checks: JSON.stringify(kept) })
      .where('id', '=', input.taskId)
      .execute();
    await audit(trx, {
      staffId: input.staffId,
      action: 'verification_call.answers_checked',
      subjectType: 'agent_task',
      subjectId: input.taskId,
      details: { checks },
    });
    return { ok: true, checks } as const;
  });
}

/**
 * The decision a process is about to act on, read from Postgres and marked used, in the caller's transaction. A
 * retry of the same step finds it used for this very task and gets it again (`firstUse: false`); anything else is
 * refused with DecisionNotValid.
 */
export async function takeStaffDecision<K extends StaffDecisionKind>(
  trx: Transaction<Database>,
  input: { decisionId: string; taskId: string; kind: K },
): Promise<{
  content: Extract<StaffDecisionContent, { kind: K }>;
  staffId: string;
  firstUse: boolean;
}> {
  if (!z.uuid().safeParse(input.decisionId).success)
    throw new DecisionNotValid(`"${input.decisionId}" is not a decision id`);
  const row = await trx
    .selectFrom('staff_decisions')
    .innerJoin('agent_tasks', 'agent_tasks.id', 'staff_decisions.task_id')
    .select([
      'staff_decisions.task_id',
      'staff_decisions.kind',
      'staff_decisions.staff_id',
      'staff_decisions.decision',
      'staff_decisions.applied_at',
      'agent_tasks.decision_id as task_decision_id',
    ])
    .where('staff_decisions.id', '=', input.decisionId)
    .forUpdate()
    .executeTakeFirst();
  if (!row || row.task_id !== input.taskId || row.kind !== input.kind)
    throw new DecisionNotValid(`no ${input.kind} ${input.decisionId} recorded for task ${input.taskId}`);
  const content = row.decision as Extract<StaffDecisionContent, { kind: K }>;
  if (row.applied_at) {
    if (row.task_decision_id === input.decisionId) return { content, staffId: row.staff_id, firstUse: false };
    throw new DecisionNotValid(`decision ${input.decisionId} was already used`);
  }
  await trx.updateTable('staff_decisions').set({ applied_at: new Date() }).where('id', '=', input.decisionId).execute();
  return { content, staffId: row.staff_id, firstUse: true };
}
