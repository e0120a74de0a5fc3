// The print-and-post provider's webhook (Lob's tracking events for letters): the signature over the raw body is
// checked before anything is read, then the event is kept once and the letter's workflow told. Answered 2xx only once
// kept, so the provider delivers again anything we did not keep; an event for a letter not yet recorded (the webhook
// can outrun the letter activity) is answered 409 so it comes again.
import express from 'express';
import { z } from 'zod';
import type { Client } from '@temporalio/client';
import { takeLetterEvent } from '../../../core/letter-tracking';
import type { Config } from '../../../infra/config';
import type { Db } from '../../../infra/db';
import {
  isValidLobSignature,
  LOB_EVENT_STATUS,
  LOB_PROVIDER,
  LOB_SIGNATURE_HEADER,
  LOB_TIMESTAMP_HEADER,
  lobWebhookSecret,
} from '../../../infra/lob';
import { ApiError } from '../../shared/errors';
import { routes } from '../../shared/input';

export const LETTER_WEBHOOK_PATH = '/webhooks/letters';

const lobEventSchema = z.object({
  id: z.string().regex(/^evt_\w{1,64}$/),
  date_created: z.iso.datetime({ offset: true }),
  event_type: z.object({ id: z.string().max(64) }),
  body: z.object({ id: z.string().regex(/^ltr_\w{1,64}$/), object: z.literal('letter') }),
});

export function letterTrackingRoutes({ db, temporal, config }: { db: Db; temporal: Client; config: Config }) {
  const router = routes();
  router.post(LETTER_WEBHOOK_PATH, express.raw({ type: () => true, limit: '64kb' }), async (req, res) => {
    const rawBody = Buffer.isBuffer(req.body) ? req.body : Buffer.alloc(0);
    const signed = isValidLobSignature(lobWebhookSecret(config), {
      signature: req.get(LOB_SIGNATURE_HEADER),
      timestamp: req.get(LOB_TIMESTAMP_HEADER),
      rawBody,
      now: Date.now(),
    });
    if (!signed) throw new ApiError(403, 'invalid_signature', 'The webhook signature is missing, wrong or too old');
    let event: z.infer<typeof lobEventSchema>;
    try {
      event = lobEventSchema.parse(JSON.parse(rawBody.toString('utf8')));
    } catch {
      throw new ApiError(400, 'invalid_event', 'The body is not a Lob letter event');
    }
    const status = LOB_EVENT_STATUS[event.event_type.id];
    if (!status) return res.status(200).json({ ignored: true });
    const outcome = await takeLetterEvent(db, temporal, {
      provider: LOB_PROVIDER,
      reference: event.body.id,
      eventId: event.id,
      eventType: event.event_type.id,
      status,
      at: new Date(event.date_created),
    });
    if (outcome === 'unknown_letter')
      throw new ApiError(409, 'unknown_letter', 'No letter of ours has this reference (yet): deliver it again');
    res.status(200).json({ outcome });
  });
  return router;
}
