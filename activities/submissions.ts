// Taking in what a citizen submitted online (a PIN request, a lost PIN) after they were answered: matched against the
// registry, the requests under way and the PINs held, here, out of the stranger's sight (brief, "Identity proofing").
// One transaction per submission; a retry finds it taken in and gets the same outcome.
import { randomUUID } from 'node:crypto';
import { ApplicationFailure } from '@temporalio/common';
import type { Transaction } from 'kysely';
import { z } from 'zod';
import type { LostPinInput } from '../domain/credential-input';
import type { PinRequestInput } from '../domain/pin-request-input';
import type { Db } from '../infra/db';
import { contactsOnRecord } from '../repositories/contacts';
import { holdsUsablePin } from '../repositories/credentials';
import { findOrInsertPinRequest } from '../repositories/pin-requests';
import { createStatusLink } from '../repositories/status-links';
import { type Database } from '../infra/db/schema';
import { LIVE_PIN_REQUEST_STATUSES, type SubmissionOutcome } from '../domain/pin-request';
import type { PinVault } from '../infra/vault';

/** What the workflow goes on with: which process to start, if any. Ids and outcomes only. */
export type SubmissionTaken = { outcome: SubmissionOutcome; requestId?: string };

type Taken = {
  outcome: SubmissionOutcome;
  pinRequestId?: string;
  personId?: string;
  statusLinkId?: string;
};

/** A first PIN: a new request, the one under way (a fresh link to its own contact), or the PIN already held. */
async function takeInPinRequest(trx: Transaction<Database>, vault: PinVault, input: PinRequestInput): Promise<Taken> {
  const holder = await trx
    .selectFrom('persons')
    .select('id')
    .where('fiscal_code', '=', input.fiscalCode)
    .executeTakeFirst();
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
 * A lost PIN (brief, "Lost PIN"): a new PIN when the codice fiscale belongs to a PIN holder, the contact is one on
 * record and no lost PIN was asked for recently; otherwise nothing happens, and nobody is told which.
 */
async function takeInLostPin(trx: Transaction<Database>, input: LostPinInput, minIntervalMs: number): Promise<Taken> {
  const nothing = { outcome: 'nothing_to_do' } as const;
  const person = await trx
    .selectFrom('persons')
    .selectAll()
    .where('fiscal_code', '=', input.fiscalCode)
    .executeTakeFirst();
  if (!person || !(await holdsUsablePin(trx, { personId: person.id }))) return nothing;
  const contacts = await contactsOnRecord(trx, person.id);
  const onRecord = input.phone ? contacts.phones.includes(input.phone) : contacts.emails.includes(input.email!);
  if (!onRecord) return nothing;
  const recent = await trx
    .selectFrom('pin_requests')
    .select('id')
    .where('person_id', '=', person.id)
    .where('purpose', '=', 'lost_pin')
    .where('created_at', '>', new Date(Date.now() - minIntervalMs))
    .executeTakeFirst();
  if (recent) return nothing;
  const request = await trx
    .insertInto('pin_requests')
    .values({
      id: randomUUID(),
      purpose: 'lost_pin',
      fiscal_code: person.fiscal_code,
      first_name: person.first_name,
      last_name: person.last_name,
      birth_date: person.birth_date,
      sex: person.sex,
      birth_place: person.birth_place,
      birth_province: person.birth_province,
      street: person.street,
      city: person.city,
      province: person.province,
      postal_code: person.postal_code,
      phone: input.phone ?? null,
      email: input.email ?? null,
      delivery_channel: input.phone ? 'sms' : 'email',
      status: 'received',
      person_id: person.id,
    })
    // A request already under way for this person (a first PIN, or this same report twice): that one stands.
    .onConflict((oc) => oc.column('fiscal_code').where('status', 'in', LIVE_PIN_REQUEST_STATUSES).doNothing())
    .returning('id')
    .executeTakeFirst();
  return request ? { outcome: 'lost_pin_issued', pinRequestId: request.id, personId: person.id } : nothing;
}

/** Starts a request's own workflow (idempotently: a second start finds it running). */
export type StartRequestProcess = (request: { requestId: string; purpose: 'first_pin' | 'lost_pin' }) => Promise<void>;

export function createSubmissionActivities({
  db,
  vault,
  lostPinMinIntervalMs,
  startRequestProcess,
}: {
  db: Db;
  vault: PinVault;
  lostPinMinIntervalMs: number;
  startRequestProcess: StartRequestProcess;
}) {
  return {
    /** The process of the request a submission made (a first PIN's, a lost PIN's): its own workflow, by its id. */
    async startRequestProcess({ submissionId }: { submissionId: string }): Promise<void> {
      const { outcome, pin_request_id } = await db
        .selectFrom('submissions')
        .select(['outcome', 'pin_request_id'])
        .where('id', '=', submissionId)
        .executeTakeFirstOrThrow();
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
        const submission = await trx
          .selectFrom('submissions')
          .selectAll()
          .where('id', '=', submissionId)
          .forUpdate()
          .executeTakeFirst();
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
            : await takeInLostPin(trx, submission.input as LostPinInput, lostPinMinIntervalMs);
        await trx
          .updateTable('submissions')
          .set({
            // What was typed is kept where it belongs (the request) or nowhere.
            input: null,
            outcome: taken.outcome,
            pin_request_id: taken.pinRequestId ?? null,
            person_id: taken.personId ?? null,
            status_link_id: taken.statusLinkId ?? null,
            taken_in_at: new Date(),
          })
          .where('id', '=', submissionId)
          .execute();
        return reply(taken);
      });
    },
  };
}

export type SubmissionActivities = ReturnType<typeof createSubmissionActivities>;
