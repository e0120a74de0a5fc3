// Delivering a PIN and telling citizens things (brief, "Two halves, two channels"): the sealed halves waiting to leave,
// the letters handed to the print house, and every message sent, each recorded under the workflow's idempotency key.
// A half is wiped in the same transaction that records it left, so a delivered PIN exists nowhere but with the citizen.
import { sql, type Kysely, type Transaction } from 'kysely';
import { USABLE_CREDENTIAL_STATUSES } from '../domain/credential';
import { firstHalfMayBeSentAgain, type LetterProgress, type NotificationKind } from '../domain/delivery';
import type { DeliveryChannel } from '../domain/person';
import type { HolderNotice } from '../domain/notices';
import type { Database } from '../infra/db/schema';
import { audit } from './audit';

type Executor = Kysely<Database> | Transaction<Database>;

/** What a message is about: a request, or (a reminder, news about a PIN) a credential. */
export type MessageSubject = { requestId: string } | { credentialId: string };

/** A message under this idempotency key: only intended (no provider id yet), or sent. */
export function messageOnRecord(db: Executor, notificationId: string) {
  return db
    .selectFrom('notifications')
    .select(['provider_message_id', 'attempted_at'])
    .where('id', '=', notificationId)
    .executeTakeFirst();
}

/** The intent to send, recorded before the provider is called: a retry then knows to ask the provider first. */
export async function messageIntended(
  db: Executor,
  input: { id: string; about: MessageSubject; kind: NotificationKind; channel: DeliveryChannel },
): Promise<void> {
  await db
    .insertInto('notifications')
    .values({
      id: input.id,
      pin_request_id: 'requestId' in input.about ? input.about.requestId : null,
      credential_id: 'credentialId' in input.about ? input.about.credentialId : null,
      kind: input.kind,
      channel: input.channel,
    })
    .onConflict((oc) => oc.column('id').doNothing())
    .execute();
}

/** The message left: the provider's id, and how many copies of it the provider holds (more than one: a duplicate). */
export async function messageLeft(
  db: Executor,
  input: { id: string; providerMessageId: string; copies: number },
): Promise<void> {
  await db
    .updateTable('notifications')
    .set({ provider_message_id: input.providerMessageId, provider_copies: input.copies })
    .where('id', '=', input.id)
    .execute();
}

/** How many messages left more than once: the duplicates that still happen, for ops to see. */
export async function duplicatedMessageCount(db: Executor): Promise<number> {
  const row = await db
    .selectFrom('notifications')
    .select((eb) => eb.fn.countAll<string>().as('n'))
    .where('provider_copies', '>', 1)
    .executeTakeFirstOrThrow();
  return Number(row.n);
}

/** Whether a message of this kind went about this request or PIN since `since` (then another is not sent). */
export async function messageSentSince(
  db: Executor,
  input: { kind: NotificationKind; about: MessageSubject; since: Date; except: string },
): Promise<boolean> {
  const { about } = input;
  const row = await db
    .selectFrom('notifications')
    .select('id')
    .where('kind', '=', input.kind)
    .where('created_at', '>', input.since)
    .where('id', '!=', input.except)
    .where((eb) =>
      'requestId' in about ? eb('pin_request_id', '=', about.requestId) : eb('credential_id', '=', about.credentialId),
    )
    .executeTakeFirst();
  return row !== undefined;
}

/** The usable PIN of a person and their name: whom "someone asked for a PIN with your data" is about. */
export function pinHolder(db: Executor, personId: string) {
  return db
    .selectFrom('persons')
    .innerJoin('credentials', 'credentials.person_id', 'persons.id')
    .select(['persons.first_name', 'persons.last_name', 'credentials.id'])
    .where('persons.id', '=', personId)
    .where('credentials.status', 'in', USABLE_CREDENTIAL_STATUSES)
    .executeTakeFirst();
}

/** Has a notice of this kind about this credential been given (sent, or kept for the home page) in any run? */
export async function credentialNoticeGiven(
  db: Executor,
  credentialId: string,
  kind: NotificationKind & HolderNotice['kind'],
): Promise<boolean> {
  const sent = await db
    .selectFrom('notifications')
    .select('id')
    .where('credential_id', '=', credentialId)
    .where('kind', '=', kind)
    .where('provider_message_id', 'is not', null)
    .unionAll(
      db
        .selectFrom('home_page_notices')
        .select('id')
        .where('credential_id', '=', credentialId)
        .where('kind', '=', kind),
    )
    .executeTakeFirst();
  return sent !== undefined;
}

/** The holder of a PIN, with the state of its term: what a reminder or news about the PIN needs. */
export function credentialHolder(db: Executor, credentialId: string) {
  return db
    .selectFrom('credentials')
    .innerJoin('persons', 'persons.id', 'credentials.person_id')
    .select([
      'credentials.status',
      'credentials.term_started_at',
      'credentials.expires_at',
      'credentials.revocation_reason',
      'persons.id as personId',
      'persons.first_name',
      'persons.last_name',
    ])
    .where('credentials.id', '=', credentialId)
    .executeTakeFirstOrThrow();
}

/** Where a request's messages go: the channel the citizen chose and their contacts, and their name. */
export function requestContact(db: Executor, requestId: string) {
  return db
    .selectFrom('pin_requests')
    .select(['delivery_channel', 'phone', 'email', 'first_name', 'last_name', 'status', 'rejection_reason'])
    .where('id', '=', requestId)
    .executeTakeFirstOrThrow();
}

/** The first half, sealed (its first copy, or the one kept for a resend), and where it goes: the request's contact. */
export function firstHalfToSend(db: Executor, deliveryId: string, copy: 'first' | 'resend' = 'first') {
  return db
    .selectFrom('pin_requests')
    .innerJoin('credentials', 'credentials.pin_request_id', 'pin_requests.id')
    .innerJoin('pin_deliveries', 'pin_deliveries.credential_id', 'credentials.id')
    .select([
      'pin_requests.id as requestId',
      'pin_requests.delivery_channel',
      'pin_requests.phone',
      'pin_requests.email',
      copy === 'first'
        ? 'pin_deliveries.first_half_ciphertext as sealed'
        : 'pin_deliveries.resend_ciphertext as sealed',
      'pin_deliveries.second_half_channel',
      /** When the citizen claimed the one resend (`claimFirstHalfResend`); null while nobody has. */
      'pin_deliveries.first_half_resent_at',
    ])
    .where('pin_deliveries.id', '=', deliveryId)
    .executeTakeFirstOrThrow();
}

const SEALED_COPY_COLUMN = {
  first: 'first_half_ciphertext',
  second: 'second_half_ciphertext',
  resend: 'resend_ciphertext',
} as const;

/**
 * A sealed copy of a half is wiped: it left (in the transaction that records the message left), or it is no longer
 * needed. The first half, the second (gone by email), or the copy kept for one resend.
 */
export async function sealedCopyWiped(
  db: Executor,
  deliveryId: string,
  copy: keyof typeof SEALED_COPY_COLUMN,
): Promise<void> {
  await db
    .updateTable('pin_deliveries')
    .set({ [SEALED_COPY_COLUMN[copy]]: null })
    .where('id', '=', deliveryId)
    .execute();
}

/** The letter already handed over under this id, if it was. */
export function dispatchedLetter(db: Executor, letterId: string) {
  return db.selectFrom('letters').select('provider_reference').where('id', '=', letterId).executeTakeFirst();
}

/**
 * The second half, sealed, which way it goes, and where the registry says it goes: the residence for a letter, the
 * registry's own email (never one a request gave) when it goes by email.
 */
export function secondHalfToSend(db: Executor, deliveryId: string) {
  return db
    .selectFrom('pin_deliveries')
    .innerJoin('credentials', 'credentials.id', 'pin_deliveries.credential_id')
    .innerJoin('persons', 'persons.id', 'credentials.person_id')
    .select([
      'pin_deliveries.second_half_ciphertext as sealed',
      'pin_deliveries.second_half_channel',
      'persons.first_name',
      'persons.last_name',
      'persons.email',
      'persons.street',
      'persons.postal_code',
      'persons.city',
      'persons.province',
    ])
    .where('pin_deliveries.id', '=', deliveryId)
    .executeTakeFirstOrThrow();
}

/** The letter is with the print house: recorded, and the sealed second half wiped, together. */
export async function letterDispatched(
  db: Kysely<Database>,
  input: {
    letterId: string;
    deliveryId: string;
    requestId: string;
    provider: string;
    reference: string;
    expectedDelivery?: string;
  },
): Promise<void> {
  await db.transaction().execute(async (trx) => {
    await trx
      .insertInto('letters')
      .values({
        id: input.letterId,
        pin_delivery_id: input.deliveryId,
        pin_request_id: input.requestId,
        provider: input.provider,
        provider_reference: input.reference,
        status: 'created',
        expected_delivery_date: input.expectedDelivery ?? null,
      })
      .execute();
    await trx
      .updateTable('pin_deliveries')
      .set({ second_half_ciphertext: null, letter_held_up_at: null })
      .where('id', '=', input.deliveryId)
      .execute();
  });
}

/** The print house refused the letter this time: the delivery records since when (the first refusal) it waits. */
export async function letterHeldUp(db: Executor, deliveryId: string): Promise<void> {
  await db
    .updateTable('pin_deliveries')
    .set((eb) => ({ letter_held_up_at: eb.fn.coalesce('letter_held_up_at', sql<Date>`now()`) }))
    .where('id', '=', deliveryId)
    .execute();
}

/**
 * The half a phone registration's agent reads out to the caller: taken (and its sealed copy wiped, audited) in one
 * transaction, so whoever asks second finds it gone. Only the agent who registered the caller may take it.
 */
export async function takeReadOutHalf(
  db: Kysely<Database>,
  input: { requestId: string; deliveryId: string; staffId: string },
): Promise<{ outcome: 'taken'; sealed: Buffer } | { outcome: 'not_registered_by_you' | 'already_read_out' }> {
  return db.transaction().execute(async (trx) => {
    const delivery = await trx
      .selectFrom('pin_deliveries')
      .innerJoin('credentials', 'credentials.id', 'pin_deliveries.credential_id')
      .innerJoin('pin_requests', 'pin_requests.id', 'credentials.pin_request_id')
      .select(['pin_deliveries.read_out_ciphertext as sealed', 'pin_requests.registered_by'])
      .where('pin_deliveries.id', '=', input.deliveryId)
      .where('pin_requests.id', '=', input.requestId)
      .forUpdate()
      .executeTakeFirst();
    if (delivery?.registered_by !== input.staffId) return { outcome: 'not_registered_by_you' } as const;
    if (!delivery.sealed) return { outcome: 'already_read_out' } as const;
    await trx
      .updateTable('pin_deliveries')
      .set({ read_out_ciphertext: null })
      .where('id', '=', input.deliveryId)
      .execute();
    await audit(trx, {
      staffId: input.staffId,
      action: 'pin.first_half_read_out',
      subjectType: 'pin_delivery',
      subjectId: input.deliveryId,
      requestId: input.requestId,
    });
    return { outcome: 'taken', sealed: delivery.sealed } as const;
  });
}

/** Where a request's letter is: handed over (and what happened to it since), held up at the print house, or neither. */
export async function letterProgressOf(db: Executor, requestId: string): Promise<LetterProgress | undefined> {
  const letter = await db
    .selectFrom('letters')
    .select((eb) => [
      'status',
      'created_at',
      'status_changed_at',
      'expected_delivery_date',
      eb
        .selectFrom('letter_events')
        .select((e) => e.fn.min('occurred_at').as('posted_at'))
        .whereRef('letter_events.letter_id', '=', 'letters.id')
        .where('letter_events.status', 'in', ['printed', 'in_transit', 'delivered'])
        .as('posted_at'),
    ])
    .where('pin_request_id', '=', requestId)
    .orderBy('created_at', 'desc')
    .executeTakeFirst();
  if (letter)
    return {
      status: letter.status,
      sentAt: letter.created_at,
      postedAt: letter.posted_at ?? undefined,
      statusAt: letter.status_changed_at,
      expectedBy: letter.expected_delivery_date ? new Date(`${letter.expected_delivery_date}T12:00:00Z`) : undefined,
    };
  const emailed = await db
    .selectFrom('notifications')
    .select('created_at')
    .where('pin_request_id', '=', requestId)
    .where('kind', '=', 'pin_second_half')
    .where('provider_message_id', 'is not', null)
    .executeTakeFirst();
  if (emailed) return { status: 'emailed', sentAt: emailed.created_at };
  const heldUp = await db
    .selectFrom('pin_deliveries')
    .innerJoin('credentials', 'credentials.id', 'pin_deliveries.credential_id')
    .select('pin_deliveries.letter_held_up_at')
    .where('credentials.pin_request_id', '=', requestId)
    .where('pin_deliveries.letter_held_up_at', 'is not', null)
    .executeTakeFirst();
  return heldUp?.letter_held_up_at ? { status: 'held_up', since: heldUp.letter_held_up_at } : undefined;
}

/** A notice for someone INPS can reach neither by email nor by SMS: kept for their home page, once per notice id. */
export async function noticeKeptForHomePage(
  db: Executor,
  input: { id: string; personId: string; credentialId: string; notice: HolderNotice },
): Promise<void> {
  await db
    .insertInto('home_page_notices')
    .values({
      id: input.id,
      person_id: input.personId,
      credential_id: input.credentialId,
      kind: input.notice.kind,
      facts: input.notice,
    })
    .onConflict((oc) => oc.column('id').doNothing())
    .execute();
}

/** The notices kept for a person's home page, newest first. */
export async function homePageNoticesOf(db: Executor, personId: string, limit = 10) {
  return db
    .selectFrom('home_page_notices')
    .select(['id', 'facts', 'created_at'])
    .where('person_id', '=', personId)
    .orderBy('created_at', 'desc')
    .limit(limit)
    .execute();
}

/** Where a request's first half stands for "send it again": when it left, whether it went again, whether a copy waits. */
export async function firstHalfResendState(db: Executor, requestId: string) {
  const row = await db
    .selectFrom('pin_deliveries')
    .innerJoin('credentials', 'credentials.id', 'pin_deliveries.credential_id')
    .select((eb) => [
      'pin_deliveries.id as deliveryId',
      'pin_deliveries.first_half_resent_at as resentAt',
      eb('pin_deliveries.resend_ciphertext', 'is not', null).as('copyKept'),
      'credentials.status as credentialStatus',
      eb
        .selectFrom('notifications')
        .select('notifications.created_at')
        .whereRef('notifications.pin_request_id', '=', 'credentials.pin_request_id')
        .where('notifications.kind', '=', 'pin_first_half')
        .where('notifications.provider_message_id', 'is not', null)
        .limit(1)
        .as('sentAt'),
    ])
    .where('credentials.pin_request_id', '=', requestId)
    .executeTakeFirst();
  if (!row) return undefined;
  return {
    deliveryId: row.deliveryId,
    sentAt: row.sentAt ?? undefined,
    resentAt: row.resentAt,
    copyKept: Boolean(row.copyKept) && row.credentialStatus === 'initial',
  };
}

/**
 * The one resend of the first half, claimed (so a second ask finds it taken) if the rule allows it now; the delivery
 * to send it from, or undefined. `releaseFirstHalfResend` gives the claim back when the send could not be started.
 */
export async function claimFirstHalfResend(
  db: Kysely<Database>,
  input: { requestId: string; now: Date; afterMs: number },
): Promise<string | undefined> {
  return db.transaction().execute(async (trx) => {
    const state = await firstHalfResendState(trx, input.requestId);
    if (!state || !firstHalfMayBeSentAgain(state, input.now, input.afterMs)) return undefined;
    const claimed = await trx
      .updateTable('pin_deliveries')
      .set({ first_half_resent_at: input.now })
      .where('id', '=', state.deliveryId)
      .where('first_half_resent_at', 'is', null)
      .returning('id')
      .executeTakeFirst();
    return claimed?.id;
  });
}

export async function releaseFirstHalfResend(db: Executor, deliveryId: string): Promise<void> {
  await db.updateTable('pin_deliveries').set({ first_half_resent_at: null }).where('id', '=', deliveryId).execute();
}
