// A PIN letter's tracking, from the provider's webhook to the letter's workflow: the event is kept in Postgres first
// (the truth), then the workflow is told to look again. A workflow not running (not started yet, or ended) needs no
// telling: it reads where the letter is when it starts. Any other failure is the provider's cue to deliver again.
import { WorkflowNotFoundError, type Client } from '@temporalio/client';
import type { LetterStatus } from '../domain/delivery';
import type { Db } from '../infra/db';
import { letterByProviderReference, recordLetterEvent } from '../repositories/letters';
import { letterWorkflowId } from '../workflows/ids';
import { letterMovedSignal } from '../workflows/letter';

export type TrackingOutcome = 'recorded' | 'duplicate' | 'unknown_letter';

export async function takeLetterEvent(
  db: Db,
  temporal: Client,
  event: { provider: string; reference: string; eventId: string; eventType: string; status: LetterStatus; at: Date },
): Promise<TrackingOutcome> {
  const letter = await letterByProviderReference(db, event.provider, event.reference);
  if (!letter) return 'unknown_letter';
  const { duplicate } = await recordLetterEvent(db, {
    eventId: event.eventId,
    letterId: letter.id,
    eventType: event.eventType,
    status: event.status,
    occurredAt: event.at,
  });
  // Told again on a duplicate too: the first delivery may have been kept and then failed to tell.
  try {
    await temporal.workflow.getHandle(letterWorkflowId(letter.id)).signal(letterMovedSignal);
  } catch (err) {
    if (!(err instanceof WorkflowNotFoundError)) throw err;
  }
  return duplicate ? 'duplicate' : 'recorded';
}
