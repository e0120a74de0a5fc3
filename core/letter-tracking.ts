// A PIN letter's tracking, from the provider's webhook to the letter's workflow: the event is kept in Postgres first
// (the truth), then the workflow is told to look again. A workflow not running (not started yet, or ended) needs no
// telling: it reads where the letter is when it starts. Any other failure is the provider's cue to deliver again.
import { WorkflowNotFoundError, type Client } from '@temporalio/client';
import type { LetterStatus } from '../domain/delivery';
import type { Db } from '../infra/db';
import type { Config } from '../infra/config';
import {
  letterByProviderReference,
  recordLetterEvent,
  reissueUnreceivedLetter,
  type LetterReissue,
} from '../repositories/letters';
import { tellRevoked } from './credential-lifecycle-processes';
import { startLostPinWorkflow } from './pin-request-processes';
import { startAfterStoring } from './processes';
import { letterWorkflowId } from '../workflows/ids';
import { letterMovedSignal } from '../workflows/letter';

/** Tells a letter's workflow to look again; one not running needs no telling. */
async function tellLetterWorkflow(temporal: Client, letterId: string): Promise<void> {
  try {
    await temporal.workflow.getHandle(letterWorkflowId(letterId)).signal(letterMovedSignal);
  } catch (err) {
    if (!(err instanceof WorkflowNotFoundError)) throw err;
  }
}

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
  await tellLetterWorkflow(temporal, letter.id);
  return duplicate ? 'duplicate' : 'recorded';
}

/**
 * "My letter never came", asked from the request's page: the old PIN dies and a new one leaves (repositories/letters.ts
 * decides whether it may); then its workflow starts (or, with Temporal slow, the pending-process sweep starts it), and
 * the old PIN's lifecycle and letter workflow are told, best effort: both find the data when they next look.
 */
export async function askForNewLetter(
  { db, temporal, config }: { db: Db; temporal: Client; config: Config },
  requestId: string,
): Promise<LetterReissue> {
  const reissue = await reissueUnreceivedLetter(db, {
    requestId,
    maxReissues: config.LETTER_REISSUES_MAX,
    now: new Date(),
  });
  if (reissue.outcome !== 'reissued') return reissue;
  await startAfterStoring(temporal, { kind: 'pinRequest', id: reissue.newRequestId }, () =>
    startLostPinWorkflow(temporal, config, reissue.newRequestId),
  );
  await tellRevoked(temporal, config, reissue.revokedCredentialId);
  await tellLetterWorkflow(temporal, reissue.oldLetterId).catch(() => undefined);
  return reissue;
}
