// PIN requests in Postgres: the one live request a person may have, found or made (an online submission, a phone
// registration, a lost PIN), its validation against the registry, and where it stands. The status moves only as
// domain/pin-request.ts allows (PIN_REQUEST_TRANSITIONS); a retried step may enter the status it is in again.
import { NotYet } from './not-yet';
import { randomUUID } from 'node:crypto';
import type { Kysely, Transaction } from 'kysely';
import type { PinRequestInput } from '../domain/pin-request-input';
import { type Database, type PinRequestRow } from '../infra/db/schema';
import {
  LIVE_PIN_REQUEST_STATUSES,
  PIN_REQUEST_TRANSITIONS,
  rejectionRestsOn,
  type PinRequestStatus,
  type RejectionEvidence,
  type RejectionReason,
  type ValidationFailure,
} from '../domain/pin-request';
import { LIVE_AGENT_TASK_STATUSES } from '../domain/agent-task';
import type { PersonRow } from '../infra/db/schema';
import { statusesBefore, hasPassed } from '../domain/transitions';
import { audit } from './audit';
import { verificationCallsOf } from './agent-tasks';
import { opensByStatusLink } from './status-links';

type Conn = Kysely<Database> | Transaction<Database>;

export type RequestOrigin = { channel: 'online' } | { channel: 'contact_center'; registeredBy: string };

/**
 * The newest request with this codice fiscale that gave this phone or email and whose status link may still open it:
 * under way, or ended after `endedSince`.
 */
export async function requestToFindAgain(
  db: Conn,
  input: { fiscalCode: string; phone?: string; email?: string; endedSince: Date },
): Promise<PinRequestRow | undefined> {
  return db
    .selectFrom('pin_requests')
    .selectAll()
    .where('fiscal_code', '=', input.fiscalCode)
    .where((eb) =>
      input.phone ? eb('phone', '=', input.phone) : eb(eb.fn('lower', ['email']), '=', input.email!.toLowerCase()),
    )
    .where((eb) => opensByStatusLink(eb, input.endedSince))
    .orderBy('created_at', 'desc')
    .executeTakeFirst();
}

/**
 * "My letter never came" sends a request again as a new one: the link of the first opens the newest, so the citizen
 * follows (and, if need be, asks again about) the PIN that is on its way now.
 */
export async function newestReissueOf(db: Conn, request: PinRequestRow): Promise<PinRequestRow> {
  const newest = await db
    .selectFrom('pin_requests')
    .selectAll()
    .where('reissue_of', '=', request.reissue_of ?? request.id)
    .orderBy('created_at', 'desc')
    .executeTakeFirst();
  return newest && newest.created_at > request.created_at ? newest : request;
}

/** The person's request under way, if any. */
export async function findLiveRequest(db: Conn, fiscalCode: string): Promise<PinRequestRow | undefined> {
  return db
    .selectFrom('pin_requests')
    .selectAll()
    .where('fiscal_code', '=', fiscalCode)
    .where('status', 'in', LIVE_PIN_REQUEST_STATUSES)
    .executeTakeFirst();
}

/**
 * The person's live request: this one, stored now (`created`), or the one already under way, which a second
 * submission finds rather than duplicates. Call it in a transaction: a phone registration's audit row goes with it.
 */
export async function findOrInsertPinRequest(
  db: Conn,
  input: PinRequestInput,
  origin: RequestOrigin,
): Promise<{ row: PinRequestRow; created: boolean }> {
  const existing = await findLiveRequest(db, input.fiscalCode);
  if (existing) return { row: existing, created: false };
  const inserted = await db
    .insertInto('pin_requests')
    .values({
      id: randomUUID(),
      fiscal_code: input.fiscalCode,
      first_name: input.firstName,
      last_name: input.lastName,
      birth_date: input.birthDate,
      sex: input.sex,
      birth_place: input.birthPlace,
      birth_province: input.birthProvince,
      street: input.residence.street,
      city: input.residence.city,
      province: input.residence.province,
      postal_code: input.residence.postalCode,
      phone: input.phone,
      email: input.email,
      delivery_channel: input.deliveryChannel,
      status: 'received',
      channel: origin.channel,
      registered_by: origin.channel === 'contact_center' ? origin.registeredBy : null,
    })
    // Two submissions racing each other: the partial unique index lets one in, the other finds it below.
    .onConflict((oc) => oc.column('fiscal_code').where('status', 'in', LIVE_PIN_REQUEST_STATUSES).doNothing())
    .returningAll()
    .executeTakeFirst();
  if (inserted) {
    // A phone registration is the agent's act, on the record with the request it made.
    if (origin.channel === 'contact_center')
      await audit(db, {
        staffId: origin.registeredBy,
        action: 'pin_request.registered_by_phone',
        subjectType: 'pin_request',
        subjectId: inserted.id,
        requestId: inserted.id,
        details: { deliveryChannel: inserted.delivery_channel },
      });
    return { row: inserted, created: true };
  }
  const raced = await findLiveRequest(db, input.fiscalCode);
  if (!raced) throw new Error('live request vanished between insert and lookup');
  return { row: raced, created: false };
}

/** A lost PIN's request: the registry's own identity and address, the contact on record the citizen named. */
export async function insertLostPinRequest(
  db: Conn,
  input: { person: PersonRow; phone: string | null; email: string | null },
): Promise<string | undefined> {
  const { person } = input;
  const request = await db
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
      phone: input.phone,
      email: input.email,
      delivery_channel: input.phone ? 'sms' : 'email',
      status: 'received',
      person_id: person.id,
    })
    // A request already under way for this person (a first PIN, or this same report twice): that one stands.
    .onConflict((oc) => oc.column('fiscal_code').where('status', 'in', LIVE_PIN_REQUEST_STATUSES).doNothing())
    .returning('id')
    .executeTakeFirst();
  return request?.id;
}

/** Was a lost PIN asked for this person since `since`? Then a new report changes nothing. */
export async function lostPinAskedSince(db: Conn, input: { personId: string; since: Date }): Promise<boolean> {
  const recent = await db
    .selectFrom('pin_requests')
    .select('id')
    .where('person_id', '=', input.personId)
    .where('purpose', '=', 'lost_pin')
    .where('created_at', '>', input.since)
    .executeTakeFirst();
  return recent !== undefined;
}

export function pinRequestById(db: Conn, requestId: string) {
  return db.selectFrom('pin_requests').selectAll().where('id', '=', requestId).executeTakeFirstOrThrow();
}

/** What automatic validation found: the registry person (if any) and which checks failed. */
export async function recordValidation(
  db: Conn,
  input: { requestId: string; personId: string | null; failures: ValidationFailure[] },
): Promise<void> {
  await db
    .updateTable('pin_requests')
    .set({ person_id: input.personId, validation_failures: JSON.stringify(input.failures), updated_at: new Date() })
    .where('id', '=', input.requestId)
    .execute();
}

export class StatusMoveRefused extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'StatusMoveRefused';
  }
}

/** Moves the request to `status`; a move the rules do not allow is refused and changes nothing. */
export async function recordPinRequestStatus(
  db: Conn,
  input: { requestId: string; status: PinRequestStatus; rejectionReason?: RejectionReason },
): Promise<void> {
  // On its way to a PIN only once Postgres holds it cleared, whoever asks: no step moves it there on its own word.
  const mayMove =
    input.status !== 'delivering' || (await clearanceForPin(db, input.requestId)).cleared
      ? statusesBefore(PIN_REQUEST_TRANSITIONS, input.status)
      : [];
  const moved = await db
    .updateTable('pin_requests')
    .set({ status: input.status, rejection_reason: input.rejectionReason ?? null, updated_at: new Date() })
    .where('id', '=', input.requestId)
    .where('status', 'in', [...mayMove, input.status])
    .executeTakeFirst();
  if (moved.numUpdatedRows > 0n) return;
  // A stage on the way that the request has already passed is a step run again (a workflow task re-run after its
  // worker died): it changes nothing, and the request never goes back. A final stage is never "passed".
  const { status } = await db
    .selectFrom('pin_requests')
    .select('status')
    .where('id', '=', input.requestId)
    .executeTakeFirstOrThrow();
  const onTheWay = PIN_REQUEST_TRANSITIONS[input.status].length > 0;
  if (onTheWay && hasPassed(PIN_REQUEST_TRANSITIONS, status, input.status)) return;
  throw new StatusMoveRefused(`request ${input.requestId} may not move to ${input.status} from ${status}`);
}

/**
 * Rejects the request for `reason` only if what Postgres holds supports it (domain `rejectionRestsOn`): whoever started
 * the step that asks, and whatever call policy it was given, the registry's answer, an agent's recorded outcome or a
 * call's run-out time must be here. The request row is locked while the evidence is read. Refuses with
 * StatusMoveRefused, or NotYet (saying how long to wait) while the call's time has not run out.
 */
export async function recordRejection(
  db: Kysely<Database>,
  input: { requestId: string; reason: RejectionReason; at: number; taskDeadlineMs: number },
): Promise<void> {
  await db.transaction().execute(async (trx) => {
    const request = await trx
      .selectFrom('pin_requests')
      .select(['channel', 'validation_failures'])
      .where('id', '=', input.requestId)
      .forUpdate()
      .executeTakeFirstOrThrow();
    const calls = await verificationCallsOf(trx, input.requestId);
    const evidence: RejectionEvidence = {
      channel: request.channel,
      validationFailures: request.validation_failures,
      calls: calls.map((call) => ({
        outcome: call.outcome,
        live: (LIVE_AGENT_TASK_STATUSES as readonly string[]).includes(call.status),
        openedAt: call.created_at,
      })),
    };
    const rests = rejectionRestsOn(input.reason, evidence, input);
    if (typeof rests === 'object')
      throw new NotYet(`request ${input.requestId}: its call's time has not run out`, rests.notUntil - input.at);
    if (rests === 'no')
      throw new StatusMoveRefused(`request ${input.requestId}: nothing in Postgres supports "${input.reason}"`);
    await recordPinRequestStatus(trx, {
      requestId: input.requestId,
      status: 'rejected',
      rejectionReason: input.reason,
    });
  });
}

/**
 * May a PIN be issued for this request? Its registry person, and whether Postgres says it was cleared: by the contact
 * on record (a lost PIN), the registry (validation passed) or an agent's recorded "verified".
 */
export async function clearanceForPin(db: Conn, requestId: string) {
  const request = await db
    .selectFrom('pin_requests')
    .select(['person_id', 'purpose', 'channel', 'validation_failures'])
    .where('id', '=', requestId)
    .executeTakeFirstOrThrow();
  const passed = request.validation_failures !== null && request.validation_failures.length === 0;
  const verified =
    request.purpose === 'lost_pin' || passed
      ? true
      : (await db
          .selectFrom('agent_tasks')
          .innerJoin('staff_decisions', 'staff_decisions.id', 'agent_tasks.decision_id')
          .select('agent_tasks.id')
          .where('agent_tasks.pin_request_id', '=', requestId)
          .where('agent_tasks.outcome', '=', 'verified')
          .executeTakeFirst()) !== undefined;
  return { personId: request.person_id, purpose: request.purpose, channel: request.channel, cleared: verified };
}

/** The request, if it is this person's. */
export function pinRequestOfPerson(db: Conn, input: { requestId: string; personId: string }) {
  return db
    .selectFrom('pin_requests')
    .selectAll()
    .where('id', '=', input.requestId)
    .where('person_id', '=', input.personId)
    .executeTakeFirst();
}

/** Requests stored (before `storedBefore`, if given) whose process has not moved them on: maybe never started. */
export function requestsNeverStarted(db: Conn, storedBefore?: Date) {
  return db
    .selectFrom('pin_requests')
    .select(['id', 'purpose', 'channel'])
    .where('status', '=', 'received')
    .$if(storedBefore !== undefined, (q) => q.where('created_at', '<', storedBefore!))
    .execute();
}
