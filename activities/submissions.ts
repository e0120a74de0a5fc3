// Taking in what a citizen submitted online (a PIN request, a lost PIN) after they were answered: matched against the
// registry, the requests under way and the PINs held, here, out of the stranger's sight (brief, "Identity proofing").
// One transaction per submission; a retry finds it taken in and gets the same outcome.
import { ApplicationFailure } from '@temporalio/common';
import type { Transaction } from 'kysely';
import { z } from 'zod';
import type { LostPinInput, RequestLookupInput } from '../domain/credential-input';
import type { PinRequestInput } from '../domain/pin-request-input';
import type { Db } from '../infra/db';
import { contactsOnRecord } from '../repositories/contacts';
import { holdsUsablePin, latestUsablePinOf } from '../repositories/credentials';
import { pinIssuanceDecision } from '../domain/issuance-policy';
import {
  findOrInsertPinRequest,
  insertLostPinRequest,
  lostPinAskedSince,
  requestToFindAgain,
} from '../repositories/pin-requests';
import { personByFiscalCode } from '../repositories/registry';
import { lockSubmission, recordTakenIn, submissionOutcome } from '../repositories/submissions';
import { createStatusLink } from '../repositories/status-links';
import { type Database } from '../infra/db/schema';
import { statusLinksOpenEndedSince, type SubmissionOutcome } from '../domain/pin-request';
import type { Vault } from '../infra/vault';

/** What the workflow goes on with: which process to start, if any. Ids and outcomes only. */
export type SubmissionTaken = { outcome: SubmissionOutcome; requestId?: string };

type Taken = {
  outcome: SubmissionOutcome;
  pinRequestId?: string;
  personId?: string;
  statusLinkId?: string;
};

/** A first PIN: a new request, the one under way (a fresh link to its own contact), or the PIN already held. */
async function takeInPinRequest(trx: Transaction<Database>, vault: Vault, input: PinRequestInput): Promise<Taken> {
  const holder = await personByFiscalCode(trx, input.fiscalCode);
  if (holder && (await holdsUsablePin(trx, { personId: holder.id })))
    return { outcome: 'pin_already_held', personId: holder.id };
  const { row, created } = await findOrInsertPinRequest(trx, input, { channel: 'online' });
  return {
    outcome: created ? 'new_request' : 'request_in_progress',
    pinRequestId: row.id,
    statusLinkId: await createStatusLink(trx, vault, row.id),
  };
}

/**
 * A lost PIN (brief, "Lost PIN"): a new PIN when the codice fiscale belongs to a citizen holding a PIN, the contact is
 * one on record, no lost PIN was asked for recently and the switch-off rule still lets this person get a new PIN;
 * otherwise nothing happens, and nobody is told which. An intermediary's PIN is replaced only at the office.
 */
async function takeInLostPin(
  trx: Transaction<Database>,
  input: LostPinInput,
  rules: { minIntervalMs: number; switchOffDate: string },
): Promise<Taken> {
  const nothing = { outcome: 'nothing_to_do' } as const;
  const person = await personByFiscalCode(trx, input.fiscalCode);
  if (!person || !(await latestUsablePinOf(trx, person.id))) return nothing;
  const decision = pinIssuanceDecision(
    { birthDate: person.birth_date, citizenship: person.citizenship },
    new Date(),
    rules.switchOffDate,
  );
  if (!decision.allowed) return nothing;
  const contacts = await contactsOnRecord(trx, person.id);
  const onRecord = input.phone ? contacts.phones.includes(input.phone) : contacts.emails.includes(input.email!);
  if (!onRecord) return nothing;
  if (await lostPinAskedSince(trx, { personId: person.id, since: new Date(Date.now() - rules.minIntervalMs) }))
    return nothing;
  const pinRequestId = await insertLostPinRequest(trx, {
    person,
    phone: input.phone ?? null,
    email: input.email ?? null,
  });
  return pinRequestId ? { outcome: 'lost_pin_issued', pinRequestId, personId: person.id } : nothing;
}

/**
 * "Find my request": a fresh status link for the newest request with that codice fiscale that gave that phone or
 * email, while its link may still open it; it goes to that request's own contact. Otherwise nothing, and nobody is
 * told which.
 */
async function takeInRequestLookup(
  trx: Transaction<Database>,
  vault: Vault,
  input: RequestLookupInput,
  rules: { statusLinkDaysAfterEnd: number },
): Promise<Taken> {
  const request = await requestToFindAgain(trx, {
    ...input,
    endedSince: statusLinksOpenEndedSince(new Date(), rules.statusLinkDaysAfterEnd),
  });
  if (!request) return { outcome: 'nothing_to_do' };
  return {
    outcome: 'request_found',
    pinRequestId: request.id,
    statusLinkId: await createStatusLink(trx, vault, request.id),
  };
}

/** Starts a request's own workflow (idempotently: a second start finds it running). */
export type StartRequestProcess = (request: { requestId: string; purpose: 'first_pin' | 'lost_pin' }) => Promise<void>;

export function createSubmissionActivities({
  db,
  vault,
  lostPinMinIntervalMs,
  switchOffDate,
  startRequestProcess,
  housekeeping,
}: {
  db: Db;
  vault: Vault;
  lostPinMinIntervalMs: number;
  /** How long after its request ended a status link still opens it. */
  housekeeping: { statusLinkDaysAfterEnd: number };
  /** From this day (Italian time) new PINs, lost PINs' replacements too, go only to minors and non-EU citizens. */
  switchOffDate: string;
  startRequestProcess: StartRequestProcess;
}) {
  return {
    /** The process of the request a submission made (a first PIN's, a lost PIN's): its own workflow, by its id. */
    async startRequestProcess({ submissionId }: { submissionId: string }): Promise<void> {
      const { outcome, pin_request_id } = await submissionOutcome(db, submissionId);
      if (!pin_request_id || (outcome !== 'new_request' && outcome !== 'lost_pin_issued')) return;
      await startRequestProcess({
        requestId: pin_request_id,
        purpose: outcome === 'lost_pin_issued' ? 'lost_pin' : 'first_pin',
      });
    },

    async takeInSubmission({ submissionId }: { submissionId: string }): Promise<SubmissionTaken> {
      if (!z.uuid().safeParse(submissionId).success)
        throw ApplicationFailure.nonRetryable(`not a submission id: ${submissionId}`, 'NoSuchSubmission');
      return db.transaction().execute(async (trx) => {
        const submission = await lockSubmission(trx, submissionId);
        // A start nobody made through the citizen service (Temporal is not a trust boundary): nothing to take in.
        if (!submission) throw ApplicationFailure.nonRetryable(`no submission ${submissionId}`, 'NoSuchSubmission');
        const reply = (t: { outcome: SubmissionOutcome; pinRequestId?: string | null }): SubmissionTaken =>
          t.outcome === 'new_request' || t.outcome === 'lost_pin_issued'
            ? { outcome: t.outcome, requestId: t.pinRequestId! }
            : { outcome: t.outcome };
        if (submission.taken_in_at)
          return reply({ outcome: submission.outcome!, pinRequestId: submission.pin_request_id });
        const taken =
          submission.kind === 'pin_request'
            ? await takeInPinRequest(trx, vault, submission.input as PinRequestInput)
            : submission.kind === 'request_lookup'
              ? await takeInRequestLookup(trx, vault, submission.input as RequestLookupInput, housekeeping)
              : await takeInLostPin(trx, submission.input as LostPinInput, {
                  minIntervalMs: lostPinMinIntervalMs,
                  switchOffDate,
                });
        await recordTakenIn(trx, submissionId, taken);
        return reply(taken);
      });
    },
  };
}

export type SubmissionActivities = ReturnType<typeof createSubmissionActivities>;
