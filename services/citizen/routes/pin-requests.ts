// POST /api/pin-requests: the online request, parsed at the edge, stored and answered the same way whoever it names;
// GET /api/pin-request-status: where it stands, for whoever holds its status link; GET /api/pin-requests/:id: the same,
// for its owner signed in.
import { routes } from '../../shared/input';
import { firstHalfResendState, letterProgressOf } from '../../../repositories/deliveries';
import { durationMs } from '../../../infra/config';
import { firstHalfMayBeSentAgain, newLetterMayBeAskedFor, type LetterProgress } from '../../../domain/delivery';
import { newestReissueOf, pinRequestOfPerson } from '../../../repositories/pin-requests';
import { openVerificationTaskOpenedAt } from '../../../repositories/agent-tasks';
import type { Client } from '@temporalio/client';
import { Router } from 'express';
import type { IntakeDeps } from '../intake-throttle';
import { z } from 'zod';
import { parsePinRequestInput } from '../../../domain/pin-request-input';
import type { Config } from '../../../infra/config';
import type { Db } from '../../../infra/db';
import { type PinRequestRow } from '../../../infra/db/schema';
import { statusLinksOpenEndedSince } from '../../../domain/pin-request';
import { contactCenterInShort } from '../../../domain/contact-center';
import { requestByStatusToken } from '../../../repositories/status-links';
import { ApiError } from '../../shared/errors';
import { assertPinMayBeIssued } from '../../../core/issuance-check';
import { storeSubmission } from '../../../core/submissions';
import { askForNewLetter, sendFirstHalfAgain, type FirstHalfAgain } from '../../../core/letter-tracking';
import type { LetterReissue } from '../../../repositories/letters';
import type { CitizenSession } from '../account';
import { describeStatus, letterAsJson, type VerificationCallPlan } from '../../shared/status-text';

const requestIdSchema = z.uuid();

export function pinRequestView(
  row: Pick<PinRequestRow, 'id' | 'status' | 'delivery_channel' | 'rejection_reason' | 'created_at' | 'updated_at'>,
  letter?: LetterProgress,
  firstHalfAgain = false,
  verificationCall: VerificationCallPlan | null = null,
) {
  const text = describeStatus({
    status: row.status,
    rejectionReason: row.rejection_reason,
    deliveryChannel: row.delivery_channel,
    letter,
    verificationCall,
  });
  return {
    requestId: row.id,
    status: row.status,
    title: text.title,
    detail: text.detail,
    rejectionReason: row.rejection_reason,
    deliveryChannel: row.delivery_channel,
    letter: letterAsJson(letter),
    /** "My letter never came": whether a new PIN by a new letter may be asked for now. */
    newLetterMayBeAskedFor: row.status === 'delivered' && newLetterMayBeAskedFor(letter, new Date()),
    /** "The SMS never came": whether the first half may be sent again now. */
    firstHalfMayBeSentAgain: firstHalfAgain,
    /** When the verification call comes, while the request waits for one. */
    verificationCall,
    submittedAt: row.created_at.toISOString(),
    updatedAt: row.updated_at.toISOString(),
    statusUrl: `/api/pin-requests/${row.id}`,
    statusPage: `/requests/${row.id}`,
  };
}

/** The request's status as the citizen reads it, with where its letter is. */
export async function pinRequestStatus(db: Db, config: Config, row: PinRequestRow) {
  const resend = row.status === 'delivered' ? await firstHalfResendState(db, row.id) : undefined;
  return pinRequestView(
    row,
    await letterProgressOf(db, row.id),
    firstHalfMayBeSentAgain(resend, new Date(), durationMs(config.FIRST_HALF_RESEND_AFTER)),
    verificationCallPlan(
      config,
      row,
      row.status === 'awaiting_verification_call' ? await openVerificationTaskOpenedAt(db, row.id) : undefined,
    ),
  );
}

/**
 * While a request waits for its verification call: the hours, the attempts, and the last day of the attempt under
 * way, from the configuration the workflow runs on. Each attempt is a task of its own with its own deadline
 * (workflows/pin-request.ts): the call is due by the open task's opening plus VERIFICATION_TASK_DEADLINE; after a
 * missed call (the status's own time), the next task opens once the retry delay has passed, and its deadline runs from
 * then.
 */
export function verificationCallPlan(
  config: Config,
  row: Pick<PinRequestRow, 'status' | 'updated_at'>,
  openTaskOpenedAt: Date | undefined,
): VerificationCallPlan | null {
  if (row.status !== 'awaiting_verification_call' && row.status !== 'verification_call_scheduled') return null;
  const retryMs = durationMs(config.VERIFICATION_RETRY_DELAY);
  const deadlineMs = durationMs(config.VERIFICATION_TASK_DEADLINE);
  const plan = {
    hours: config.VERIFICATION_CALL_HOURS,
    attempts: config.VERIFICATION_MAX_CALL_ATTEMPTS,
    retryAfterHours: Math.max(1, Math.round(retryMs / 3_600_000)),
  };
  if (row.status === 'awaiting_verification_call') {
    // The stage is entered just after the task opens; the task's own time is the one the workflow counts from.
    const opened = openTaskOpenedAt ?? row.updated_at;
    return { ...plan, by: new Date(opened.getTime() + deadlineMs).toISOString() };
  }
  const nextFrom = new Date(row.updated_at.getTime() + retryMs);
  return {
    ...plan,
    by: new Date(nextFrom.getTime() + deadlineMs).toISOString(),
    missedAt: row.updated_at.toISOString(),
    nextFrom: nextFrom.toISOString(),
  };
}

/** The request with this id, for its owner signed in; anyone else gets the 404 an unknown id gets. */
export async function findOwnPinRequest(
  db: Db,
  session: CitizenSession | undefined,
  rawId: string,
): Promise<PinRequestRow> {
  const id = requestIdSchema.safeParse(rawId);
  if (!id.success) throw new ApiError(400, 'invalid_request_id', 'A request id is a UUID', { id: 'not a UUID' });
  const row = session ? await pinRequestOfPerson(db, { requestId: id.data, personId: session.personId }) : undefined;
  if (!row) throw new ApiError(404, 'not_found', 'No PIN request of yours has this id');
  return row;
}

const statusTokenSchema = z.string().regex(/^[A-Za-z0-9_-]{43}$/);

/**
 * The request a status link opens: while it is under way, and for STATUS_LINK_DAYS_AFTER_END days after it ended.
 * A wrong, expired or malformed link gets one and the same 404.
 */
export async function findPinRequestByLink(db: Db, config: Config, rawToken: unknown): Promise<PinRequestRow> {
  const notFound = new ApiError(
    404,
    'status_link_not_valid',
    'This link is not valid or has expired. Use the latest link INPS sent you, or sign in to see your requests.',
  );
  const token = statusTokenSchema.safeParse(rawToken);
  if (!token.success) throw notFound;
  const endedSince = statusLinksOpenEndedSince(new Date(), config.STATUS_LINK_DAYS_AFTER_END);
  const row = await requestByStatusToken(db, token.data, endedSince);
  if (!row) throw notFound;
  return newestReissueOf(db, row);
}

export const FIRST_HALF_AGAIN: Record<FirstHalfAgain, string> = {
  sending: 'The first 8 characters are on their way again, the same ones, to the contact of your request.',
  not_now:
    'The first 8 characters can be sent again only once, a little while after they left, and only before the PIN is first used.',
  try_later: 'We could not send them just now: try again in a few minutes.',
};
export const NEW_LETTER_SENT =
  'A new PIN is on its way: the first 8 characters to the contact of your request, the other 8 by letter to your residence address. The previous PIN no longer works.';
export const NEW_LETTER_REFUSED: Record<Exclude<LetterReissue['outcome'], 'reissued'>, string> = {
  not_yet: 'A new letter can be asked for only once the day the letter was expected has passed without it arriving.',
  too_many: `New letters have already been sent for this request as many times as allowed: call ${contactCenterInShort().en}, or go to an INPS office.`,
  pin_already_used: 'This PIN has already been used, so its letter did arrive: there is nothing to send again.',
  request_under_way: 'Another PIN request of yours is already under way: follow that one.',
};

/** What every accepted submission is told, whoever it names: a request, one under way, or a PIN already held. */
export const SUBMISSION_RECEIVED =
  'Thank you. The link to follow your request is on its way, by SMS or email, to the contact you gave. If a request of yours is already under way, or you already hold a PIN, we have written instead to the contact INPS has on record.';

/**
 * The request as the citizen submits it (the API's JSON or the page's form): parsed, checked against the switch-off
 * rule, stored, and answered. Whether the person is new, has a request under way or holds a PIN is found out after
 * the answer, by the submission's workflow: the answer, and the time it takes, are the same in every case.
 */
export async function submitPinRequest(
  { db, temporal, config }: { db: Db; temporal: Client; config: Config },
  body: unknown,
): Promise<void> {
  const parsed = parsePinRequestInput(body);
  if (!parsed.ok) throw new ApiError(400, 'invalid_request', 'Some fields are missing or not valid', parsed.fields);
  await assertPinMayBeIssued(db, config, {
    fiscalCode: parsed.value.fiscalCode,
    declaredBirthDate: parsed.value.birthDate,
  });
  await storeSubmission({ db, temporal, config }, { kind: 'pin_request', input: parsed.value });
}

export function pinRequestRoutes({ db, temporal, config, intakeThrottle }: IntakeDeps): Router {
  const router = routes();

  router.post('/api/pin-requests', intakeThrottle, async (req, res) => {
    // "I will use SPID" (brief, "The switch to SPID"): said when asking, it means no PIN; nothing is stored.
    if (req.body?.useSpid === true)
      return res.status(200).json({
        pinIssued: false,
        message: 'No PIN will be issued: sign in with SPID, CIE or CNS, which open the same services.',
        links: { spid: '/login/spid' },
      });
    await submitPinRequest({ db, temporal, config }, req.body);
    res.status(202).json({ message: SUBMISSION_RECEIVED });
  });

  /** The request a status link opens (`t`, the token the link carries). */
  router.get('/api/pin-request-status', async (req, res) => {
    res
      .set('Cache-Control', 'no-store')
      .json(await pinRequestStatus(db, config, await findPinRequestByLink(db, config, req.query.t)));
  });

  /** "My letter never came": a new PIN by a new letter, for whoever holds the request's status link. */
  router.post('/api/pin-request-status/new-letter', async (req, res) => {
    const row = await findPinRequestByLink(db, config, req.query.t);
    const answer = await askForNewLetter({ db, temporal, config }, row.id);
    if (answer.outcome !== 'reissued')
      throw new ApiError(409, `new_letter_${answer.outcome}`, NEW_LETTER_REFUSED[answer.outcome]);
    res.status(202).json({ message: NEW_LETTER_SENT });
  });

  /** "The SMS never came": the same first half, once more, to the request's own contact. */
  router.post('/api/pin-request-status/first-half-again', async (req, res) => {
    const row = await findPinRequestByLink(db, config, req.query.t);
    const answer = await sendFirstHalfAgain({ db, temporal, config }, row.id);
    if (answer === 'try_later') throw new ApiError(503, 'try_again_later', FIRST_HALF_AGAIN.try_later);
    if (answer === 'not_now') throw new ApiError(409, 'first_half_not_sent_again', FIRST_HALF_AGAIN.not_now);
    res.status(202).json({ message: FIRST_HALF_AGAIN.sending });
  });

  /** A signed-in citizen's own request. */
  router.get('/api/pin-requests/:id', async (req, res) => {
    res.json(await pinRequestStatus(db, config, await findOwnPinRequest(db, req.citizen, req.params.id)));
  });

  return router;
}
