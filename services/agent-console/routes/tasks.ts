// The contact-center task queue: list, claim, release, and record the outcome of an outbound verification call.
import type { Client } from '@temporalio/client';
import { WorkflowUpdateFailedError } from '@temporalio/client';
import { Router } from 'express';
import { z } from 'zod';
import type { Db } from '../../../infra/db';
import { pinRequestWorkflowId } from '../../../workflows/ids';
import { recordVerificationOutcomeUpdate } from '../../../workflows/pin-request';
import { audit } from '../../../infra/db/audit';
import { ApiError, parseBody } from '../../shared/errors';
import { requireRole } from '../auth';

export const outcomeSchema = z.object({
  outcome: z.enum(['verified', 'not_verified', 'no_answer'], 'verified, not_verified or no_answer'),
  note: z.string().trim().max(1000, 'at most 1000 characters').optional(),
});

const taskIdSchema = z.uuid();

function parseTaskId(raw: string): string {
  const id = taskIdSchema.safeParse(raw);
  if (!id.success) throw new ApiError(400, 'invalid_task_id', 'A task id is a UUID', { id: 'not a UUID' });
  return id.data;
}

function taskQuery(db: Db) {
  return db
    .selectFrom('agent_tasks')
    .innerJoin('pin_requests', 'pin_requests.id', 'agent_tasks.pin_request_id')
    .leftJoin('staff', 'staff.id', 'agent_tasks.claimed_by')
    .select([
      'agent_tasks.id',
      'agent_tasks.kind',
      'agent_tasks.status',
      'agent_tasks.attempt',
      'agent_tasks.validation_failures',
      'agent_tasks.created_at',
      'agent_tasks.claimed_by',
      'agent_tasks.claimed_at',
      'agent_tasks.outcome',
      'staff.display_name as claimed_by_name',
      'pin_requests.id as pin_request_id',
      'pin_requests.first_name',
      'pin_requests.last_name',
    ]);
}

type TaskSummaryRow = Awaited<ReturnType<ReturnType<typeof taskQuery>['executeTakeFirstOrThrow']>>;
const summary = (t: TaskSummaryRow) => ({
  taskId: t.id,
  kind: t.kind,
  status: t.status,
  attempt: t.attempt,
  validationFailures: t.validation_failures,
  createdAt: t.created_at.toISOString(),
  claimedBy: t.claimed_by_name,
  claimedByMe: false,
  outcome: t.outcome,
  pinRequestId: t.pin_request_id,
  citizenName: `${t.first_name} ${t.last_name}`,
});

export function taskRoutes({ db, temporal }: { db: Db; temporal: Client }): Router {
  const router = Router();
  router.use('/api/agent/tasks', requireRole('contact_center_agent', 'supervisor'));

  /** The queue: open tasks oldest first, then the ones I have claimed. */
  router.get('/api/agent/tasks', async (req, res) => {
    const me = req.staff!.id;
    const rows = await taskQuery(db)
      .where((eb) =>
        eb.or([
          eb('agent_tasks.status', '=', 'open'),
          eb.and([eb('agent_tasks.status', '=', 'claimed'), eb('agent_tasks.claimed_by', '=', me)]),
        ]),
      )
      .orderBy('agent_tasks.created_at')
      .limit(200)
      .execute();
    res.json({ tasks: rows.map((r) => ({ ...summary(r), claimedByMe: r.claimed_by === me })) });
  });

  /** What the agent needs for the call: the declared data beside the registry's. Viewing is audited. */
  router.get('/api/agent/tasks/:id', async (req, res) => {
    const id = parseTaskId(req.params.id);
    const task = await taskQuery(db).where('agent_tasks.id', '=', id).executeTakeFirst();
    if (!task) throw new ApiError(404, 'not_found', 'No such task');
    if (task.status !== 'claimed' || task.claimed_by !== req.staff!.id)
      throw new ApiError(409, 'not_claimed_by_you', 'Claim the task before opening the citizen’s data');
    const request = await db
      .selectFrom('pin_requests')
      .selectAll()
      .where('id', '=', task.pin_request_id)
      .executeTakeFirstOrThrow();
    const registry = await db
      .selectFrom('persons')
      .selectAll()
      .where('fiscal_code', '=', request.fiscal_code)
      .executeTakeFirst();
    await audit(db, { staffId: req.staff!.id, action: 'agent_task.viewed', subjectType: 'agent_task', subjectId: id });
    const person = (p: typeof request | NonNullable<typeof registry>) => ({
      fiscalCode: p.fiscal_code,
      firstName: p.first_name,
      lastName: p.last_name,
      birthDate: p.birth_date,
      sex: p.sex,
      birthPlace: `${p.birth_place} (${p.birth_province})`,
      address: `${p.street}, ${p.postal_code} ${p.city} (${p.province})`,
      phone: p.phone,
      email: p.email,
    });
    res.json({
      ...summary(task),
      claimedByMe: true,
      declared: person(request),
      registry: registry ? person(registry) : null,
    });
  });

  /** Moves a task between open and claimed, if it is where `from` says, and audits the move in the same transaction. */
  async function moveTask(
    staffId: string,
    id: string,
    from: 'open' | 'claimed',
    action: 'agent_task.claimed' | 'agent_task.released',
  ): Promise<boolean> {
    return db.transaction().execute(async (trx) => {
      let update = trx
        .updateTable('agent_tasks')
        .set(
          from === 'open'
            ? { status: 'claimed', claimed_by: staffId, claimed_at: new Date() }
            : { status: 'open', claimed_by: null, claimed_at: null },
        )
        .where('id', '=', id)
        .where('status', '=', from);
      if (from === 'claimed') update = update.where('claimed_by', '=', staffId);
      const row = await update.returning('id').executeTakeFirst();
      if (row) await audit(trx, { staffId, action, subjectType: 'agent_task', subjectId: id });
      return row !== undefined;
    });
  }

  router.post('/api/agent/tasks/:id/claim', async (req, res) => {
    const id = parseTaskId(req.params.id);
    if (!(await moveTask(req.staff!.id, id, 'open', 'agent_task.claimed')))
      throw new ApiError(409, 'not_open', 'This task is not open any more: someone else may have taken it');
    res.json({ taskId: id, status: 'claimed' });
  });

  router.post('/api/agent/tasks/:id/release', async (req, res) => {
    const id = parseTaskId(req.params.id);
    if (!(await moveTask(req.staff!.id, id, 'claimed', 'agent_task.released')))
      throw new ApiError(409, 'not_claimed_by_you', 'You do not hold this task');
    res.json({ taskId: id, status: 'open' });
  });

  /**
   * Records the call's outcome. The note stays in Postgres; the workflow receives only the outcome, through an
   * update that it rejects unless this is the task it is waiting for.
   */
  router.post('/api/agent/tasks/:id/outcome', async (req, res) => {
    const id = parseTaskId(req.params.id);
    const body = parseBody(outcomeSchema, req.body, 'invalid_outcome', 'The outcome is not valid');
    const task = await db
      .updateTable('agent_tasks')
      .set({ note: body.note ?? null })
      .where('id', '=', id)
      .where('status', '=', 'claimed')
      .where('claimed_by', '=', req.staff!.id)
      .returning(['pin_request_id'])
      .executeTakeFirst();
    if (!task) throw new ApiError(409, 'not_claimed_by_you', 'Claim the task before recording an outcome');
    try {
      await temporal.workflow
        .getHandle(pinRequestWorkflowId(task.pin_request_id))
        .executeUpdate(recordVerificationOutcomeUpdate, {
          args: [{ taskId: id, outcome: body.outcome, staffId: req.staff!.id }],
        });
    } catch (err) {
      if (err instanceof WorkflowUpdateFailedError)
        throw new ApiError(409, 'task_closed', 'This request is no longer waiting for this call');
      throw err;
    }
    res.json({ taskId: id, status: 'completed', outcome: body.outcome });
  });

  return router;
}
