// What citizens submitted online, kept until its workflow takes it in (brief, "Identity proofing"): stored as typed,
// then emptied of what was typed once taken in, with what became of it.
import type { Kysely, Transaction } from 'kysely';
import type { LostPinInput, RequestLookupInput } from '../domain/credential-input';
import type { SubmissionOutcome } from '../domain/pin-request';
import type { PinRequestInput } from '../domain/pin-request-input';
import type { Database } from '../infra/db/schema';

type Executor = Kysely<Database> | Transaction<Database>;

export type Submission =
  | { kind: 'pin_request'; input: PinRequestInput }
  | { kind: 'lost_pin'; input: LostPinInput }
  | { kind: 'request_lookup'; input: RequestLookupInput };

export async function storeSubmissionRow(db: Executor, input: { id: string } & Submission): Promise<void> {
  await db
    .insertInto('submissions')
    .values({ id: input.id, kind: input.kind, input: JSON.stringify(input.input) })
    .execute();
}

/** The submission, locked while it is taken in; undefined if nobody stored it. */
export function lockSubmission(trx: Transaction<Database>, id: string) {
  return trx.selectFrom('submissions').selectAll().where('id', '=', id).forUpdate().executeTakeFirst();
}

export function submissionOutcome(db: Executor, id: string) {
  return db
    .selectFrom('submissions')
    .select(['outcome', 'pin_request_id', 'person_id', 'status_link_id'])
    .where('id', '=', id)
    .executeTakeFirstOrThrow();
}

/** Taken in: what was typed is kept where it belongs (the request) or nowhere. */
export async function recordTakenIn(
  trx: Transaction<Database>,
  id: string,
  taken: { outcome: SubmissionOutcome; pinRequestId?: string; personId?: string; statusLinkId?: string },
): Promise<void> {
  await trx
    .updateTable('submissions')
    .set({
      input: null,
      outcome: taken.outcome,
      pin_request_id: taken.pinRequestId ?? null,
      person_id: taken.personId ?? null,
      status_link_id: taken.statusLinkId ?? null,
      taken_in_at: new Date(),
    })
    .where('id', '=', id)
    .execute();
}

/** Submissions stored (before `storedBefore`, if given) but not taken in yet: maybe never started. */
export function submissionsNotTakenIn(db: Executor, storedBefore?: Date) {
  return db
    .selectFrom('submissions')
    .select('id')
    .where('taken_in_at', 'is', null)
    .$if(storedBefore !== undefined, (q) => q.where('created_at', '<', storedBefore!))
    .execute();
}
