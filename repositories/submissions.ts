// What citizens submitted online, kept until its workflow takes it in (brief, "Identity proofing"): stored as typed,
// then emptied of what was typed once taken in, with what became of it.
import { sql, type Kysely, type Transaction } from 'kysely';
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

/**
 * Claims the oldest stored submissions for their start, as many as `budget` leaves room for: the claimed and not yet
 * taken in are the submissions Temporal holds, and however many processes claim, together they never hold more than
 * `budget` (one lock serialises the count and the claim). `waiting` says whether unclaimed ones are left behind.
 */
export async function claimSubmissionsToStart(
  db: Kysely<Database>,
  { budget, max }: { budget: number; max: number },
): Promise<{ ids: string[]; waiting: boolean }> {
  return db.transaction().execute(async (trx) => {
    await sql`select pg_advisory_xact_lock(hashtext('submission-start-claims'))`.execute(trx);
    const { inTemporal } = await trx
      .selectFrom('submissions')
      .select((eb) => eb.fn.countAll<string>().as('inTemporal'))
      .where('taken_in_at', 'is', null)
      .where('start_claimed_at', 'is not', null)
      .executeTakeFirstOrThrow();
    const room = Math.max(0, Math.min(max, budget - Number(inTemporal)));
    const unclaimed = await trx
      .selectFrom('submissions')
      .select('id')
      .where('taken_in_at', 'is', null)
      .where('start_claimed_at', 'is', null)
      .orderBy('created_at')
      .limit(room + 1)
      .execute();
    const ids = unclaimed.slice(0, room).map((row) => row.id);
    if (ids.length)
      await trx.updateTable('submissions').set({ start_claimed_at: new Date() }).where('id', 'in', ids).execute();
    return { ids, waiting: unclaimed.length > ids.length };
  });
}

/** Claims given back by a starter that stops before Temporal took them: another starter claims them again. */
export async function releaseSubmissionClaims(db: Executor, ids: string[]): Promise<void> {
  if (!ids.length) return;
  await db
    .updateTable('submissions')
    .set({ start_claimed_at: null })
    .where('id', 'in', ids)
    .where('taken_in_at', 'is', null)
    .execute();
}

/**
 * Submissions claimed for their start (before `claimedBefore`, if given) but not taken in yet: maybe never started,
 * if the process that claimed them died first. The unclaimed ones are left to the starters, which keep the pace.
 */
export function claimedSubmissionsNotTakenIn(db: Executor, claimedBefore?: Date) {
  return db
    .selectFrom('submissions')
    .select('id')
    .where('taken_in_at', 'is', null)
    .where('start_claimed_at', 'is not', null)
    .$if(claimedBefore !== undefined, (q) => q.where('start_claimed_at', '<', claimedBefore!))
    .execute();
}
