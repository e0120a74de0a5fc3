// A PIN letter after it left (brief, "What real means here": tracked, posted, delivered, returned to sender): the
// provider's tracking events, each kept once, move the letter forward only; a letter that came back or never arrived
// takes its unused PIN with it. Every change of a letter's state is audited here.
import type { Kysely, Transaction } from 'kysely';
import { letterMovesTo, newLetterMayBeAskedFor, type LetterStatus } from '../domain/delivery';
import type { Database } from '../infra/db/schema';
import { recordAudit } from './audit';
import { revokeCredentials } from './credentials';
import { letterProgressOf } from './deliveries';
import { insertLostPinRequest } from './pin-requests';

type Executor = Kysely<Database> | Transaction<Database>;

/** The letter a provider's reference names, if it is one of ours. */
export function letterByProviderReference(db: Executor, provider: string, reference: string) {
  return db
    .selectFrom('letters')
    .select(['id', 'status'])
    .where('provider', '=', provider)
    .where('provider_reference', '=', reference)
    .executeTakeFirst();
}

/** Moves the letter to `to` if that is forward, with the audit row; whether it moved. */
async function moveLetter(
  trx: Transaction<Database>,
  input: { letterId: string; to: LetterStatus; at: Date; why: Record<string, unknown> },
): Promise<boolean> {
  const letter = await trx
    .selectFrom('letters')
    .select(['status', 'pin_request_id'])
    .where('id', '=', input.letterId)
    .forUpdate()
    .executeTakeFirstOrThrow();
  if (!letterMovesTo(letter.status, input.to)) return false;
  await trx
    .updateTable('letters')
    .set({ status: input.to, status_changed_at: input.at, updated_at: new Date() })
    .where('id', '=', input.letterId)
    .execute();
  await recordAudit(trx, {
    actorType: 'system',
    actorId: null,
    action: 'letter.status_changed',
    subjectType: 'letter',
    subjectId: input.letterId,
    requestId: letter.pin_request_id,
    details: { from: letter.status, to: input.to, ...input.why },
  });
  return true;
}

/**
 * A tracking event from the provider: kept once under its id (a webhook delivered twice changes nothing), and the
 * letter moved forward if it says so (an event arriving late moves nothing back).
 */
export async function recordLetterEvent(
  db: Kysely<Database>,
  event: { eventId: string; letterId: string; eventType: string; status: LetterStatus; occurredAt: Date },
): Promise<{ duplicate: boolean; moved: boolean }> {
  return db.transaction().execute(async (trx) => {
    const kept = await trx
      .insertInto('letter_events')
      .values({
        id: event.eventId,
        letter_id: event.letterId,
        event_type: event.eventType,
        status: event.status,
        occurred_at: event.occurredAt,
      })
      .onConflict((oc) => oc.column('id').doNothing())
      .returning('id')
      .executeTakeFirst();
    if (!kept) return { duplicate: true, moved: false };
    const moved = await moveLetter(trx, {
      letterId: event.letterId,
      to: event.status,
      at: event.occurredAt,
      why: { providerEvent: event.eventId, eventType: event.eventType },
    });
    return { duplicate: false, moved };
  });
}

/** Where the letter is now, and since when it has been with the provider. */
export function letterStatus(db: Executor, letterId: string) {
  return db.selectFrom('letters').select(['status', 'created_at']).where('id', '=', letterId).executeTakeFirstOrThrow();
}

/** How the request's letter failed to arrive, as Postgres holds it: came back, given up as lost, or neither. */
export async function letterNotDeliveredFor(db: Executor, requestId: string): Promise<'returned' | 'lost' | undefined> {
  const letters = await db.selectFrom('letters').select('status').where('pin_request_id', '=', requestId).execute();
  return letters.map((l) => l.status).find((status) => status === 'returned' || status === 'lost');
}

/**
 * A letter that did not arrive (returned, or given up as lost now): the letter recorded so, and its PIN, if nobody
 * has used it yet, revoked with it, so its first half alone can never become usable. Returns the revoked PIN's id.
 */
export async function letterNotDelivered(
  db: Kysely<Database>,
  input: { letterId: string; lost: boolean },
): Promise<{ status: 'returned' | 'lost' | 'delivered'; revokedCredentialId?: string; requestId?: string }> {
  return db.transaction().execute(async (trx) => {
    if (input.lost)
      await moveLetter(trx, {
        letterId: input.letterId,
        to: 'lost',
        at: new Date(),
        why: { notDeliveredInTime: true },
      });
    const letter = await trx
      .selectFrom('letters')
      .innerJoin('pin_deliveries', 'pin_deliveries.id', 'letters.pin_delivery_id')
      .innerJoin('credentials', 'credentials.id', 'pin_deliveries.credential_id')
      .select([
        'letters.status',
        'letters.pin_request_id as requestId',
        'credentials.id as credentialId',
        'credentials.status as credentialStatus',
      ])
      .where('letters.id', '=', input.letterId)
      .executeTakeFirstOrThrow();
    if (letter.status !== 'returned' && letter.status !== 'lost') return { status: 'delivered' };
    // A PIN already used at its first access reached its holder whatever the post says: it stays.
    if (letter.credentialStatus !== 'initial') return { status: letter.status };
    const [revoked] = await revokeCredentials(trx, {
      which: { credentialId: letter.credentialId },
      reason: letter.status === 'returned' ? 'letter_returned' : 'letter_lost',
      actor: { type: 'system' },
      details: { letterId: input.letterId },
    });
    return { status: letter.status, revokedCredentialId: revoked, requestId: letter.requestId };
  });
}

export type LetterReissue =
  | { outcome: 'reissued'; newRequestId: string; revokedCredentialId: string; oldLetterId: string }
  | { outcome: 'not_yet' | 'too_many' | 'pin_already_used' | 'request_under_way' };

/**
 * "My letter never came" (a lost-PIN reissue the citizen asks for from the request's page): once the letter is
 * overdue, or lost, its PIN dies (so the halves already out there can never add up) and a new request sends a new PIN,
 * both halves new, the second to the same registry address; at most `maxReissues` times per first request. Audited
 * as the citizen's own act.
 */
export async function reissueUnreceivedLetter(
  db: Kysely<Database>,
  input: { requestId: string; maxReissues: number; now: Date },
): Promise<LetterReissue> {
  return db.transaction().execute(async (trx) => {
    const request = await trx
      .selectFrom('pin_requests')
      .selectAll()
      .where('id', '=', input.requestId)
      .forUpdate()
      .executeTakeFirstOrThrow();
    const letter = await trx
      .selectFrom('letters')
      .select('id')
      .where('pin_request_id', '=', request.id)
      .orderBy('created_at', 'desc')
      .forUpdate()
      .executeTakeFirst();
    if (!letter || !request.person_id || !newLetterMayBeAskedFor(await letterProgressOf(trx, request.id), input.now))
      return { outcome: 'not_yet' };
    const firstRequestId = request.reissue_of ?? request.id;
    // Only the newest of the chain may be sent again: an older one's PIN is dead already.
    const newer = await trx
      .selectFrom('pin_requests')
      .select('id')
      .where('reissue_of', '=', firstRequestId)
      .where('id', '!=', request.id)
      .where('created_at', '>=', request.created_at)
      .executeTakeFirst();
    if (newer) return { outcome: 'request_under_way' };
    const asked = await trx
      .selectFrom('pin_requests')
      .select((eb) => eb.fn.countAll<string>().as('n'))
      .where('reissue_of', '=', firstRequestId)
      .executeTakeFirstOrThrow();
    if (Number(asked.n) >= input.maxReissues) return { outcome: 'too_many' };
    const credential = await trx
      .selectFrom('credentials')
      .select(['id', 'status'])
      .where('pin_request_id', '=', request.id)
      .executeTakeFirstOrThrow();
    // A PIN used at its first access did arrive, whatever the post says: the citizen has it.
    if (credential.status !== 'initial' && credential.status !== 'revoked') return { outcome: 'pin_already_used' };

    const person = await trx
      .selectFrom('persons')
      .selectAll()
      .where('id', '=', request.person_id)
      .executeTakeFirstOrThrow();
    const newRequestId = await insertLostPinRequest(trx, {
      person,
      phone: request.delivery_channel === 'sms' ? request.phone : null,
      email: request.delivery_channel === 'email' ? request.email : null,
    });
    if (!newRequestId) return { outcome: 'request_under_way' };
    await trx.updateTable('pin_requests').set({ reissue_of: firstRequestId }).where('id', '=', newRequestId).execute();
    await revokeCredentials(trx, {
      which: { credentialId: credential.id },
      reason: 'letter_lost',
      actor: { type: 'citizen', id: person.id },
      details: { letterId: letter.id, reissuedBy: newRequestId },
    });
    await moveLetter(trx, { letterId: letter.id, to: 'lost', at: input.now, why: { reportedByCitizen: true } });
    await recordAudit(trx, {
      actorType: 'citizen',
      actorId: person.id,
      action: 'pin.reissued_letter_not_received',
      subjectType: 'pin_request',
      subjectId: newRequestId,
      requestId: request.id,
      details: { replacesRequest: request.id, letterId: letter.id, reissue: Number(asked.n) + 1 },
    });
    return { outcome: 'reissued', newRequestId, revokedCredentialId: credential.id, oldLetterId: letter.id };
  });
}
