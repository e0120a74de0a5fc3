// The contact-center task queue: list, claim, release, and finish the three kinds of task: an outbound
// verification call (record its outcome), a document review (approve, or reject with a reason) and an unreadable
// fax (attach it to its conversion request by the code printed on it).
import type { Client } from '@temporalio/client';
import { WorkflowUpdateFailedError } from '@temporalio/client';
import { Router } from 'express';
import { sql } from 'kysely';
import { z } from 'zod';
import { requestCodeSchema } from '../../../domain/conversion';
import type { Db } from '../../../infra/db';
import { audit } from '../../../infra/db/audit';
import { openDocument } from '../../../infra/db/documents';
import type { AgentTaskKind } from '../../../infra/db/schema';
import { FAX_PROVIDER } from '../../../infra/fax';
import type { PinVault } from '../../../infra/vault';
import { reviewDecisionUpdate } from '../../../workflows/conversion';
import { conversionWorkflowId, inboundFaxWorkflowId, pinRequestWorkflowId } from '../../../workflows/ids';
import { attachFaxUpdate } from '../../../workflows/inbound-fax';
import { recordVerificationOutcomeUpdate } from '../../../workflows/pin-request';
import { ApiError, parseBody } from '../../shared/errors';
import { requireRole } from '../auth';

export const outcomeSchema = z.object({
  outcome: z.enum(['verified', 'not_verified', 'no_answer'], 'verified, not_verified or no_answer'),
  note: z.string().trim().max(1000, 'at most 1000 characters').optional(),
});

export const reviewSchema = z.discriminatedUnion(
  'decision',
  [
    z.object({ decision: z.literal('approved'), note: z.string().trim().max(1000).optional() }),
    z.object({
      decision: z.literal('rejected'),
      reason: z.enum(['incomplete', 'illegible', 'registry_mismatch'], 'incomplete, illegible or registry_mismatch'),
      note: z.string().trim().max(1000).optional(),
    }),
  ],
  'approved, or rejected with a reason',
);

export const attachmentSchema = z.object({ requestCode: requestCodeSchema });

const uuidSchema = z.uuid();

function parseId(raw: string, what: 'task' | 'document'): string {
  const id = uuidSchema.safeParse(raw);
  if (!id.success) throw new ApiError(400, `invalid_${what}_id`, `A ${what} id is a UUID`, { id: 'not a UUID' });
  return id.data;
}

function taskQuery(db: Db) {
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
      'agent_tasks.pin_request_id',
      'agent_tasks.conversion_id',
      'agent_tasks.inbound_fax_id',
      'staff.display_name as claimed_by_name',
      'conversions.request_code',
      'conversions.returned_by',
      'inbound_faxes.from_number as fax_from',
      'inbound_faxes.provider_fax_id',
      sql<string | null>`coalesce(pin_requests.first_name || ' ' || pin_requests.last_name,
        persons.first_name || ' ' || persons.last_name)`.as('citizen_name'),
    ]);
}

type TaskRow = Awaited<ReturnType<ReturnType<typeof taskQuery>['executeTakeFirstOrThrow']>>;
const summary = (t: TaskRow, me: string) => ({
  taskId: t.id,
  kind: t.kind,
  status: t.status,
  priority: t.priority,
  escalatedAt: t.escalated_at?.toISOString() ?? null,
  attempt: t.attempt,
  validationFailures: t.validation_failures,
  createdAt: t.created_at.toISOString(),
  claimedBy: t.claimed_by_name,
  claimedByMe: t.claimed_by === me,
  outcome: t.outcome,
  pinRequestId: t.pin_request_id,
  conversionId: t.conversion_id,
  requestCode: t.request_code,
  returnedBy: t.returned_by,
  faxFrom: t.fax_from,
  citizenName: t.citizen_name,
});

export function taskRoutes({ db, temporal, vault }: { db: Db; temporal: Client; vault: PinVault }): Router {
  const router = Router();
  router.use('/api/agent/tasks', requireRole('contact_center_agent', 'supervisor'));

  /** The task, claimed by me and of this kind, or the error that says why not. */
  async function myTask(staffId: string, rawId: string, kind?: AgentTaskKind) {
    const id = parseId(rawId, 'task');
    const task = await taskQuery(db).where('agent_tasks.id', '=', id).executeTakeFirst();
    if (!task) throw new ApiError(404, 'not_found', 'No such task');
    if (task.status !== 'claimed' || task.claimed_by !== staffId)
      throw new ApiError(409, 'not_claimed_by_you', 'Claim the task first');
    if (kind && task.kind !== kind)
      throw new ApiError(409, 'wrong_task_kind', `This is a ${task.kind.replace(/_/g, ' ')} task`);
    return task;
  }

  /** The agent's note stays in the case file in Postgres; workflows hear outcomes only. */
  const keepNote = (taskId: string, note: string | undefined) =>
    db
      .updateTable('agent_tasks')
      .set({ note: note ?? null })
      .where('id', '=', taskId)
      .execute();

  /** Sends the agent's result to the workflow waiting for it; its validator refuses a task it is not waiting on. */
  async function tellWorkflow(send: () => Promise<unknown>) {
    try {
      await send();
    } catch (err) {
      if (err instanceof WorkflowUpdateFailedError)
        throw new ApiError(409, 'task_closed', 'This case is no longer waiting for this task');
      throw err;
    }
  }

  /** The queue: open tasks, most urgent first (escalated, then oldest), then the ones I have claimed. */
  router.get('/api/agent/tasks', async (req, res) => {
    const me = req.staff!.id;
    const rows = await taskQuery(db)
      .where((eb) =>
        eb.or([
          eb('agent_tasks.status', '=', 'open'),
          eb.and([eb('agent_tasks.status', '=', 'claimed'), eb('agent_tasks.claimed_by', '=', me)]),
        ]),
      )
      .orderBy(sql`agent_tasks.priority = 'high'`, 'desc')
      .orderBy('agent_tasks.created_at')
      .limit(200)
      .execute();
    res.json({ tasks: rows.map((r) => summary(r, me)) });
  });

  /** What the agent needs for the task; only its holder sees the citizen's data, and seeing it is audited. */
  router.get('/api/agent/tasks/:id', async (req, res) => {
    const me = req.staff!.id;
    const task = await myTask(me, req.params.id);
    await audit(db, { staffId: me, action: 'agent_task.viewed', subjectType: 'agent_task', subjectId: task.id });
    res.json({ ...summary(task, me), ...(await taskDetail(db, task)) });
  });

  /** A document of the task, inline, for the side-by-side review. */
  router.get('/api/agent/tasks/:id/documents/:documentId', async (req, res) => {
    const me = req.staff!.id;
    const task = await myTask(me, req.params.id);
    const documentId = parseId(req.params.documentId, 'document');
    const doc = await openDocument(db, vault, { id: documentId });
    const belongs =
      doc &&
      ((task.conversion_id && doc.conversionId === task.conversion_id) ||
        (task.inbound_fax_id && doc.inboundFaxId === task.inbound_fax_id));
    if (!doc || !belongs) throw new ApiError(404, 'not_found', 'This task has no such document');
    await audit(db, {
      staffId: me,
      action: 'document.viewed',
      subjectType: 'document',
      subjectId: documentId,
      details: { taskId: task.id, role: doc.role },
    });
    res
      .type(doc.contentType)
      .set('Content-Disposition', `inline; filename="${doc.role}"`)
      // Shown framed beside the other document, in this console only.
      .set('X-Frame-Options', 'SAMEORIGIN')
      .set('Content-Security-Policy', "frame-ancestors 'self'")
      .send(doc.content);
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
    const id = parseId(req.params.id, 'task');
    if (!(await moveTask(req.staff!.id, id, 'open', 'agent_task.claimed')))
      throw new ApiError(409, 'not_open', 'This task is not open any more: someone else may have taken it');
    res.json({ taskId: id, status: 'claimed' });
  });

  router.post('/api/agent/tasks/:id/release', async (req, res) => {
    const id = parseId(req.params.id, 'task');
    if (!(await moveTask(req.staff!.id, id, 'claimed', 'agent_task.released')))
      throw new ApiError(409, 'not_claimed_by_you', 'You do not hold this task');
    res.json({ taskId: id, status: 'open' });
  });

  /**
   * Records the call's outcome. The note stays in Postgres; the workflow receives only the outcome, through an
   * update that it rejects unless this is the task it is waiting for.
   */
  router.post('/api/agent/tasks/:id/outcome', async (req, res) => {
    const me = req.staff!.id;
    const body = parseBody(outcomeSchema, req.body, 'invalid_outcome', 'The outcome is not valid');
    const task = await myTask(me, req.params.id, 'outbound_verification');
    await keepNote(task.id, body.note);
    await tellWorkflow(() =>
      temporal.workflow
        .getHandle(pinRequestWorkflowId(task.pin_request_id!))
        .executeUpdate(recordVerificationOutcomeUpdate, {
          args: [{ taskId: task.id, outcome: body.outcome, staffId: me }],
        }),
    );
    res.json({ taskId: task.id, status: 'completed', outcome: body.outcome });
  });

  /** The review's decision. Approved, the PIN is dispositivo by the time this answers. */
  router.post('/api/agent/tasks/:id/review', async (req, res) => {
    const me = req.staff!.id;
    const body = parseBody(reviewSchema, req.body, 'invalid_review', 'Approve, or reject with a reason');
    const task = await myTask(me, req.params.id, 'document_review');
    await keepNote(task.id, body.note);
    const decision =
      body.decision === 'approved'
        ? { decision: 'approved' as const, taskId: task.id, staffId: me }
        : { decision: 'rejected' as const, reason: body.reason, taskId: task.id, staffId: me };
    await tellWorkflow(() =>
      temporal.workflow
        .getHandle(conversionWorkflowId(task.conversion_id!))
        .executeUpdate(reviewDecisionUpdate, { args: [decision] }),
    );
    res.json({ taskId: task.id, status: 'completed', decision: body.decision });
  });

  /** Attaches an unreadable fax to the conversion whose code the agent read on it. */
  router.post('/api/agent/tasks/:id/attachment', async (req, res) => {
    const me = req.staff!.id;
    const body = parseBody(attachmentSchema, req.body, 'invalid_attachment', 'Type the request code on the form');
    const task = await myTask(me, req.params.id, 'fax_attachment');
    const conversion = await db
      .selectFrom('conversions')
      .select(['id', 'status'])
      .where('request_code', '=', body.requestCode)
      .executeTakeFirst();
    if (!conversion || conversion.status !== 'awaiting_documents')
      throw new ApiError(
        422,
        'no_conversion_awaiting_documents',
        conversion
          ? 'That conversion request is not waiting for documents any more'
          : 'No conversion request has this code',
        { requestCode: conversion ? 'not waiting for documents' : 'no request with this code' },
      );
    await tellWorkflow(() =>
      temporal.workflow
        .getHandle(inboundFaxWorkflowId(FAX_PROVIDER, task.provider_fax_id!))
        .executeUpdate(attachFaxUpdate, { args: [{ taskId: task.id, conversionId: conversion.id, staffId: me }] }),
    );
    res.json({ taskId: task.id, status: 'completed', conversionId: conversion.id });
  });

  return router;
}

const person = (p: {
  fiscal_code: string;
  first_name: string;
  last_name: string;
  birth_date: string;
  sex: string;
  birth_place: string;
  birth_province: string;
  street: string;
  postal_code: string;
  city: string;
  province: string;
  phone: string | null;
  email: string | null;
}) => ({
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

/** Per kind: the declared data beside the registry's (a call), or the documents beside the registry (a review). */
async function taskDetail(db: Db, task: TaskRow) {
  const documents = async (column: 'conversion_id' | 'inbound_fax_id', id: string) =>
    (
      await db
        .selectFrom('documents')
        .select(['id', 'role', 'content_type', 'byte_size', 'created_at'])
        .where(column, '=', id)
        .orderBy('created_at')
        .execute()
    ).map((d) => ({
      documentId: d.id,
      role: d.role,
      contentType: d.content_type,
      byteSize: d.byte_size,
      url: `/api/agent/tasks/${task.id}/documents/${d.id}`,
    }));
  switch (task.kind) {
    case 'outbound_verification': {
      const request = await db
        .selectFrom('pin_requests')
        .selectAll()
        .where('id', '=', task.pin_request_id!)
        .executeTakeFirstOrThrow();
      const registry = await db
        .selectFrom('persons')
        .selectAll()
        .where('fiscal_code', '=', request.fiscal_code)
        .executeTakeFirst();
      return { declared: person(request), registry: registry ? person(registry) : null };
    }
    case 'document_review': {
      const registry = await db
        .selectFrom('conversions')
        .innerJoin('persons', 'persons.id', 'conversions.person_id')
        .selectAll('persons')
        .where('conversions.id', '=', task.conversion_id!)
        .executeTakeFirstOrThrow();
      return { registry: person(registry), documents: await documents('conversion_id', task.conversion_id!) };
    }
    case 'fax_attachment':
      return { documents: await documents('inbound_fax_id', task.inbound_fax_id!) };
  }
}
