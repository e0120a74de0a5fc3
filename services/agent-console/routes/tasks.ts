// The contact-center task queue: list, claim, release, and finish the three kinds of task: an outbound
// verification call (record its outcome), a document review (approve, or reject with a reason) and an unreadable
// fax (attach it to its conversion request by the code printed on it).
import { contentSecurityPolicy } from '../../shared/middleware';
import { routes } from '../../shared/input';
import type { Client } from '@temporalio/client';
import { WorkflowUpdateFailedError } from '@temporalio/client';
import { Router } from 'express';
import { z } from 'zod';
import { requestCodeSchema } from '../../../domain/conversion-code';
import type { Db } from '../../../infra/db';
import { audit, auditTaskViewed } from '../../../repositories/audit';
import { verificationAttempts } from '../../../repositories/agent-tasks';
import { conversionByCode, registryRecordOfConversion } from '../../../repositories/conversions';
import { documentsOf, openDocument } from '../../../repositories/documents';
import { pinRequestById } from '../../../repositories/pin-requests';
import type { Config } from '../../../infra/config';
import { FAX_PROVIDER } from '../../../infra/fax';
import { FAX_DISCARD_REASONS, VERIFICATION_OUTCOMES, type StaffDecisionContent } from '../../../domain/agent-task';
import { CONVERSION_REJECTION_REASONS } from '../../../domain/conversion';
import { oneOf } from '../../../domain/field-errors';
import { checkAnswersOnTask, MAX_ANSWER_CHECKS, recordStaffDecision } from '../../../repositories/staff-decisions';
import type { Vault } from '../../../infra/vault';
import { reviewDecisionUpdate } from '../../../workflows/conversion';
import { conversionWorkflowId, inboundFaxWorkflowId, pinRequestWorkflowId } from '../../../workflows/ids';
import { attachFaxUpdate, discardFaxUpdate } from '../../../workflows/inbound-fax';
import { recordVerificationOutcomeUpdate } from '../../../workflows/pin-request';
import { ApiError, parseBody } from '../../shared/errors';
import { requireRole } from '../auth';
import {
  claimNextTask,
  claimTask,
  listQueue,
  queueFilterSchema,
  queueRow,
  releaseTask,
  requestIdOf,
  claimedTask,
  parseId,
  type TaskRow,
} from '../queue';

/** "Not verified" needs the reason, for the case file; the other outcomes may carry a note. */
export const outcomeSchema = z
  .object({
    outcome: z.enum(VERIFICATION_OUTCOMES, oneOf(VERIFICATION_OUTCOMES)),
    note: z.string().trim().max(1000, 'at most 1000 characters').optional(),
  })
  .refine((b) => b.outcome !== 'not_verified' || (b.note && b.note.length >= 3), {
    path: ['note'],
    message: 'say why the identity could not be verified',
  });

export const reviewSchema = z.discriminatedUnion(
  'decision',
  [
    z.object({ decision: z.literal('approved'), note: z.string().trim().max(1000).optional() }),
    z.object({
      decision: z.literal('rejected'),
      reason: z.enum(CONVERSION_REJECTION_REASONS, oneOf(CONVERSION_REJECTION_REASONS)),
      note: z.string().trim().max(1000).optional(),
    }),
  ],
  'approved, or rejected with a reason',
);

export const attachmentSchema = z.object({ requestCode: requestCodeSchema });
export const faxDiscardSchema = z.object({ reason: z.enum(FAX_DISCARD_REASONS, oneOf(FAX_DISCARD_REASONS)) });

const answer = z.string().trim().min(1, 'type what the caller said').max(120);
export const answersSchema = z
  .object({
    birthPlace: answer.optional(),
    birthDate: z.iso.date('a date as YYYY-MM-DD').optional(),
    residence: z.object({ street: answer, postalCode: answer, city: answer }).optional(),
  })
  .refine((a) => a.birthPlace !== undefined || a.birthDate !== undefined || a.residence !== undefined, {
    message: 'type at least one answer',
    path: ['birthPlace'],
  });

export function taskRoutes({
  db,
  temporal,
  vault,
  config,
}: {
  db: Db;
  temporal: Client;
  vault: Vault;
  config: Config;
}): Router {
  const router = routes();
  router.use('/api/agent/tasks', requireRole('outbound_verification', 'document_review', 'supervisor'));

  /**
   * Records what the agent decided, in Postgres, checked against the task they hold; the workflow is then told only the
   * decision's id, and acts on what Postgres holds (brief, "Identity proofing").
   */
  async function recordDecision(
    staffId: string,
    taskId: string,
    content: StaffDecisionContent,
    note?: string,
  ): Promise<string> {
    const recorded = await recordStaffDecision(db, { staffId, taskId, content, note });
    if (recorded.ok) return recorded.decisionId;
    switch (recorded.refusal) {
      case 'not_claimed_by_you':
        throw new ApiError(409, 'not_claimed_by_you', 'Claim the task first');
      case 'no_call_made':
        throw new ApiError(
          409,
          'no_call_made',
          'Call the citizen from this screen first: an outcome is recorded only after a call placed through the console',
        );
      case 'call_not_answered':
        throw new ApiError(
          409,
          'call_not_answered',
          'No call on this task was answered: "verified" needs a conversation with the citizen',
        );
      case 'residence_not_confirmed':
        throw new ApiError(
          409,
          'residence_not_confirmed',
          'Ask the caller where they live and check the answer on this screen: "verified" needs the residence INPS holds. If they moved, choose "Not verified" and tell them to have their comune update their residence, or to go to an INPS office.',
        );
    }
  }

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

  /** The queue: open and claimed tasks of my kinds, filtered by kind, state and assignee; most urgent, then oldest. */
  router.get('/api/agent/tasks', async (req, res) => {
    const filter = parseBody(queueFilterSchema, req.query, 'invalid_filter', 'The queue filter is not valid');
    const rows = await listQueue(db, req.staff!, filter);
    res.json({ tasks: rows.map((r) => queueRow(r, req.staff!, config)), claimTimeout: config.TASK_CLAIM_TIMEOUT });
  });

  /** "Next task": the one I still hold, or the most urgent I may work, claimed for me; 204 when there is none. */
  router.post('/api/agent/tasks/next', async (req, res) => {
    const next = await claimNextTask(db, config, req.staff!);
    if (!next) return res.status(204).end();
    res.json({ taskId: next.taskId, status: 'claimed', alreadyHeld: next.alreadyHeld });
  });

  /** What the agent needs for the task; only its holder sees the citizen's data, and seeing it is audited. */
  router.get('/api/agent/tasks/:id', async (req, res) => {
    const me = req.staff!;
    const task = await claimedTask(db, me, req.params.id);
    await auditTaskViewed(db, {
      staffId: me.id,
      taskId: task.id,
      claimedAt: task.claimed_at ?? new Date(0),
      requestId: requestIdOf(task),
    });
    res.json({
      ...queueRow(task, me, config),
      fiscalCode: task.fiscal_code,
      ...(await taskDetail(db, task)),
    });
  });

  /** A document of the task, inline, for the side-by-side review. */
  router.get('/api/agent/tasks/:id/documents/:documentId', async (req, res) => {
    const me = req.staff!.id;
    const task = await claimedTask(db, req.staff!, req.params.id);
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
      requestId: requestIdOf(task),
      details: { taskId: task.id, role: doc.role },
    });
    res
      .type(doc.contentType)
      .set('Content-Disposition', `inline; filename="${doc.role}"`)
      // Shown framed beside the other document, in this console only.
      .set('X-Frame-Options', 'SAMEORIGIN')
      .set('Content-Security-Policy', contentSecurityPolicy("'self'"))
      .send(doc.content);
  });

  router.post('/api/agent/tasks/:id/claim', async (req, res) => {
    const id = parseId(req.params.id, 'task');
    await claimTask(db, config, req.staff!, id);
    res.json({ taskId: id, status: 'claimed' });
  });

  router.post('/api/agent/tasks/:id/release', async (req, res) => {
    const id = parseId(req.params.id, 'task');
    await releaseTask(db, req.staff!, id);
    res.json({ taskId: id, status: 'open' });
  });

  /**
   * What the caller answered to the agent's questions, checked against the registry: the screen says right or wrong,
   * never the registry's value, so the agent asks questions only the registry's person can answer.
   */
  router.post('/api/agent/tasks/:id/answers', async (req, res) => {
    const id = parseId(req.params.id, 'task');
    const answers = parseBody(answersSchema, req.body, 'invalid_answers', "Type at least one of the caller's answers");
    const checked = await checkAnswersOnTask(db, { staffId: req.staff!.id, taskId: id, answers });
    if (!checked.ok)
      throw checked.refusal === 'too_many_checks'
        ? new ApiError(
            429,
            'too_many_checks',
            `Each answer can be checked ${MAX_ANSWER_CHECKS} times on a call: choose "Not verified" if the caller cannot say it`,
          )
        : new ApiError(409, 'not_claimed_by_you', 'Claim the verification task first');
    res.json({ taskId: id, checks: checked.checks });
  });

  /**
   * Records the call's outcome. The note stays in Postgres; the workflow receives only the outcome, through an
   * update that it rejects unless this is the task it is waiting for.
   */
  router.post('/api/agent/tasks/:id/outcome', async (req, res) => {
    const me = req.staff!.id;
    const body = parseBody(outcomeSchema, req.body, 'invalid_outcome', 'The outcome is not valid');
    const task = await claimedTask(db, req.staff!, req.params.id, 'outbound_verification');
    const decisionId = await recordDecision(
      me,
      task.id,
      { kind: 'verification_outcome', outcome: body.outcome },
      body.note,
    );
    await tellWorkflow(() =>
      temporal.workflow
        .getHandle(pinRequestWorkflowId(task.pin_request_id!))
        .executeUpdate(recordVerificationOutcomeUpdate, { args: [{ taskId: task.id, decisionId }] }),
    );
    res.json({ taskId: task.id, status: 'completed', outcome: body.outcome });
  });

  /** The review's decision. Approved, the PIN is dispositivo by the time this answers. */
  router.post('/api/agent/tasks/:id/review', async (req, res) => {
    const me = req.staff!.id;
    const body = parseBody(reviewSchema, req.body, 'invalid_review', 'Approve, or reject with a reason');
    const task = await claimedTask(db, req.staff!, req.params.id, 'document_review');
    const decisionId = await recordDecision(
      me,
      task.id,
      body.decision === 'approved'
        ? { kind: 'review_decision', decision: 'approved' }
        : { kind: 'review_decision', decision: 'rejected', reason: body.reason },
      body.note,
    );
    await tellWorkflow(() =>
      temporal.workflow
        .getHandle(conversionWorkflowId(task.conversion_id!))
        .executeUpdate(reviewDecisionUpdate, { args: [{ taskId: task.id, decisionId }] }),
    );
    res.json({ taskId: task.id, status: 'completed', decision: body.decision });
  });

  /** Attaches an unreadable fax to the conversion whose code the agent read on it. */
  router.post('/api/agent/tasks/:id/attachment', async (req, res) => {
    const me = req.staff!.id;
    const body = parseBody(attachmentSchema, req.body, 'invalid_attachment', 'Type the request code on the form');
    const task = await claimedTask(db, req.staff!, req.params.id, 'fax_attachment');
    const conversion = await conversionByCode(db, body.requestCode);
    if (!conversion || conversion.status !== 'awaiting_documents')
      throw new ApiError(
        422,
        'no_conversion_awaiting_documents',
        conversion
          ? 'That conversion request is not waiting for documents any more'
          : 'No conversion request has this code',
        { requestCode: conversion ? 'not waiting for documents' : 'no request with this code' },
      );
    const decisionId = await recordDecision(me, task.id, { kind: 'fax_attachment', conversionId: conversion.id });
    await tellWorkflow(() =>
      temporal.workflow
        .getHandle(inboundFaxWorkflowId(FAX_PROVIDER, task.provider_fax_id!))
        .executeUpdate(attachFaxUpdate, { args: [{ taskId: task.id, decisionId }] }),
    );
    res.json({ taskId: task.id, status: 'completed', conversionId: conversion.id });
  });

  /** Discards a fax nobody can attach (unreadable, not a conversion form, junk), with the reason; its content goes. */
  router.post('/api/agent/tasks/:id/discard', async (req, res) => {
    const me = req.staff!.id;
    const body = parseBody(faxDiscardSchema, req.body, 'invalid_discard', 'Choose why the fax is discarded');
    const task = await claimedTask(db, req.staff!, req.params.id, 'fax_attachment');
    const decisionId = await recordDecision(me, task.id, { kind: 'fax_attachment', discarded: body.reason });
    await tellWorkflow(() =>
      temporal.workflow
        .getHandle(inboundFaxWorkflowId(FAX_PROVIDER, task.provider_fax_id!))
        .executeUpdate(discardFaxUpdate, { args: [{ taskId: task.id, decisionId }] }),
    );
    res.json({ taskId: task.id, status: 'completed', discarded: body.reason });
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
  const documents = async (of: { conversionId: string } | { inboundFaxId: string }) =>
    (await documentsOf(db, of)).map((d) => ({
      documentId: d.id,
      role: d.role,
      contentType: d.content_type,
      byteSize: d.byte_size,
      url: `/api/agent/tasks/${task.id}/documents/${d.id}`,
    }));
  switch (task.kind) {
    case 'outbound_verification': {
      const request = await pinRequestById(db, task.pin_request_id!);
      // The registry's data are not shown: the agent asks, and checks each answer (POST .../answers).
      return {
        declared: person(request),
        registryChecks: task.registry_checks,
        callHistory: await callHistory(db, request.id),
      };
    }
    case 'document_review': {
      const registry = await registryRecordOfConversion(db, task.conversion_id!);
      return { registry: person(registry), documents: await documents({ conversionId: task.conversion_id! }) };
    }
    case 'fax_attachment':
      return { documents: await documents({ inboundFaxId: task.inbound_fax_id! }) };
  }
}

/** Every attempt to reach the citizen for this request: each task's outcome and each call placed, oldest first. */
async function callHistory(db: Db, pinRequestId: string) {
  const { attempts, calls } = await verificationAttempts(db, pinRequestId);
  return attempts.map((a) => ({
    attempt: a.attempt,
    status: a.status,
    outcome: a.outcome,
    completedAt: a.completed_at?.toISOString() ?? null,
    agent: a.display_name,
    calls: calls
      .filter((c) => c.task_id === a.id)
      .map((c) => ({
        callId: c.id,
        status: c.status,
        placedAt: c.created_at.toISOString(),
        answeredAt: c.answered_at?.toISOString() ?? null,
        endedAt: c.ended_at?.toISOString() ?? null,
        durationSeconds: c.duration_seconds,
        agent: c.display_name,
      })),
  }));
}
