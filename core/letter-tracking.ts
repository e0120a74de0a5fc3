// The citizen's follow-up of a delivered PIN: a letter's tracking, from the provider's webhook to the letter's
// workflow; a new letter when one never came; the first half once more when the SMS never came. For the tracking: the event is kept in Postgres first
// (the truth), then the workflow is told to look again. A workflow that ended needs no telling; one not started yet
// is told by its starter, which reads where the letter is again once the start is made. Any other failure is the
// provider's cue to deliver again.
import { WorkflowNotFoundError, type Client } from '@temporalio/client';
import type { LetterJourney, LetterStatus } from '../domain/delivery';
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
import { startAfterStoring, startProcess } from './processes';
import { claimFirstHalfResend, releaseFirstHalfResend } from '../repositories/deliveries';
import { durationMs } from '../infra/config';
import { firstHalfAgainWorkflow } from '../workflows/first-half-again';
import { firstHalfAgainWorkflowId, letterWorkflowId } from '../workflows/ids';
import { letterMovedSignal, letterWorkflow } from '../workflows/letter';

/** Tells a letter's workflow to look again; one not running needs no telling. */
async function tellLetterWorkflow(temporal: Client, letterId: string): Promise<void> {
  try {
    await temporal.workflow.getHandle(letterWorkflowId(letterId)).signal(letterMovedSignal);
  } catch (err) {
    if (!(err instanceof WorkflowNotFoundError)) throw err;
  }
}

/**
 * A letter handed to the provider is followed by its own workflow from then on (`letter:<letterId>`); a second start
 * finds it (running or ended) and does nothing. Called by the letter activity, which retries until it is done.
 */
export async function startLetterWorkflow(
  temporal: Client,
  config: Config,
  letter: { letterId: string; requestId: string },
  journeyNow: () => Promise<LetterJourney>,
): Promise<void> {
  const journey = await journeyNow();
  await startProcess(temporal, config, letterWorkflow, {
    workflowId: letterWorkflowId(letter.letterId),
    args: [{ ...letter, journey }],
    requestId: letter.requestId,
    letterState: journey.status,
  });
  // A tracking event taken between that reading and the start was told to no workflow (there was none yet): read
  // again, and if the letter moved, tell the workflow, which then looks for itself.
  if ((await journeyNow()).status !== journey.status) await tellLetterWorkflow(temporal, letter.letterId);
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

export type FirstHalfAgain = 'sending' | 'not_now' | 'try_later';

/**
 * "The SMS never came": the one resend is claimed in Postgres (refused before FIRST_HALF_RESEND_AFTER, after the PIN
 * was used, or a second time), then its workflow sends it. A start Temporal does not take gives the claim back.
 */
export async function sendFirstHalfAgain(
  { db, temporal, config }: { db: Db; temporal: Client; config: Config },
  requestId: string,
): Promise<FirstHalfAgain> {
  const deliveryId = await claimFirstHalfResend(db, {
    requestId,
    now: new Date(),
    afterMs: durationMs(config.FIRST_HALF_RESEND_AFTER),
  });
  if (!deliveryId) return 'not_now';
  let started = true;
  await startAfterStoring(
    temporal,
    { kind: 'firstHalfAgain', id: deliveryId },
    () =>
      startProcess(temporal, config, firstHalfAgainWorkflow, {
        workflowId: firstHalfAgainWorkflowId(deliveryId),
        args: [{ requestId, deliveryId }],
        requestId,
      }),
    // Not taken: the claim is given back, so the citizen can simply ask again.
    async () => {
      started = false;
      await releaseFirstHalfResend(db, deliveryId);
    },
  );
  return started ? 'sending' : 'try_later';
}
