// POST /api/pin-requests and GET /api/pin-requests/:id: the online request, parsed at the edge, stored, started.
import type { Client } from '@temporalio/client';
import { Router } from 'express';
import { z } from 'zod';
import { parsePinRequestInput } from '../../../domain/pin-request-input';
import type { Config } from '../../../infra/config';
import type { Db } from '../../../infra/db';
import type { PinRequestRow } from '../../../infra/db/schema';
import { ApiError } from '../../shared/errors';
import { admitPinRequest } from '../../shared/pin-request-intake';
import { startPinRequestWorkflow } from '../../shared/pin-request-workflow';
import { describeStatus, type LetterProgress } from '../views/status-text';

const requestIdSchema = z.uuid();

export function pinRequestView(
  row: Pick<PinRequestRow, 'id' | 'status' | 'delivery_channel' | 'rejection_reason' | 'created_at' | 'updated_at'>,
  letter?: LetterProgress,
) {
  const text = describeStatus(row.status, row.rejection_reason, row.delivery_channel, letter);
  return {
    requestId: row.id,
    status: row.status,
    title: text.title,
    detail: text.detail,
    rejectionReason: row.rejection_reason,
    deliveryChannel: row.delivery_channel,
    letter: letter ? { status: letter.status, sentAt: letter.sentAt.toISOString() } : null,
    submittedAt: row.created_at.toISOString(),
    updatedAt: row.updated_at.toISOString(),
    statusUrl: `/api/pin-requests/${row.id}`,
    statusPage: `/requests/${row.id}`,
  };
}

/** The request's status as the citizen reads it, with where its letter is. */
export async function pinRequestStatus(db: Db, row: PinRequestRow) {
  const letter = await db
    .selectFrom('letters')
    .select(['status', 'created_at'])
    .where('pin_request_id', '=', row.id)
    .orderBy('created_at', 'desc')
    .executeTakeFirst();
  return pinRequestView(row, letter && { status: letter.status, sentAt: letter.created_at });
}

/** The request with this id, or the 400 / 404 the citizen should see. */
export async function findPinRequest(db: Db, rawId: string): Promise<PinRequestRow> {
  const id = requestIdSchema.safeParse(rawId);
  if (!id.success) throw new ApiError(400, 'invalid_request_id', 'A request id is a UUID', { id: 'not a UUID' });
  const row = await db.selectFrom('pin_requests').selectAll().where('id', '=', id.data).executeTakeFirst();
  if (!row) throw new ApiError(404, 'not_found', 'No PIN request with this id');
  return row;
}

/** The request as the citizen submits it (the API's JSON or the page's form): parsed, stored, its workflow started. */
export async function submitPinRequest(
  { db, temporal, config }: { db: Db; temporal: Client; config: Config },
  body: unknown,
): Promise<{ row: PinRequestRow; created: boolean }> {
  const parsed = parsePinRequestInput(body);
  if (!parsed.ok) throw new ApiError(400, 'invalid_request', 'Some fields are missing or not valid', parsed.fields);
  const { row, created } = await admitPinRequest(db, config, parsed.value, { channel: 'online' });
  // Also for an existing request: if an earlier start was lost to a crash, this one starts it.
  await startPinRequestWorkflow(temporal, config, row.id, row.channel);
  return { row, created };
}

export function pinRequestRoutes({ db, temporal, config }: { db: Db; temporal: Client; config: Config }): Router {
  const router = Router();

  router.post('/api/pin-requests', async (req, res) => {
    // "I will use SPID" (brief, "The switch to SPID"): said when asking, it means no PIN; nothing is stored.
    if (req.body?.useSpid === true)
      return res.status(200).json({
        pinIssued: false,
        message: 'No PIN will be issued: sign in with SPID, CIE or CNS, which open the same services.',
        links: { spid: '/login/spid' },
      });
    const { row, created } = await submitPinRequest({ db, temporal, config }, req.body);
    res
      .status(created ? 202 : 200)
      .location(`/api/pin-requests/${row.id}`)
      .json({ ...pinRequestView(row), existing: !created });
  });

  router.get('/api/pin-requests/:id', async (req, res) => {
    res.json(await pinRequestStatus(db, await findPinRequest(db, req.params.id)));
  });

  return router;
}
