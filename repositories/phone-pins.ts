// The temporary phone PIN (brief, "PIN telefonico"): made by the citizen, checked by the contact center, ended by its
// holder or its timer. Each change here, once, with its audit row; only the PIN's hash is kept.
import type { Kysely, Transaction } from 'kysely';
import { MAX_ACTIVE_PHONE_PINS, type PhonePinValidity } from '../domain/phone-pin';
import type { Database } from '../infra/db/schema';
import { recordAudit } from './audit';

type Executor = Kysely<Database> | Transaction<Database>;

/** A new phone PIN, unless the person already has the most that may be at work at once. */
export async function createPhonePin(
  db: Kysely<Database>,
  input: { id: string; personId: string; pinHash: string; validity: PhonePinValidity; expiresAt: Date },
): Promise<'created' | 'too_many'> {
  return db.transaction().execute(async (trx) => {
    // One creation per person at a time, so two at once cannot both pass the count.
    await trx.selectFrom('persons').select('id').where('id', '=', input.personId).forUpdate().execute();
    const { n } = await trx
      .selectFrom('phone_pins')
      .select((eb) => eb.fn.countAll<string>().as('n'))
      .where('person_id', '=', input.personId)
      .where('status', '=', 'active')
      .where('expires_at', '>', new Date())
      .executeTakeFirstOrThrow();
    if (Number(n) >= MAX_ACTIVE_PHONE_PINS) return 'too_many';
    await trx
      .insertInto('phone_pins')
      .values({
        id: input.id,
        person_id: input.personId,
        pin_hash: input.pinHash,
        validity: input.validity,
        status: 'active',
        expires_at: input.expiresAt,
      })
      .execute();
    await recordAudit(trx, {
      actorType: 'citizen',
      actorId: input.personId,
      action: 'phone_pin.created',
      subjectType: 'phone_pin',
      subjectId: input.id,
      details: { validity: input.validity },
    });
    return 'created';
  });
}

/** The person's latest phone PINs, newest first. */
export function phonePinsOf(db: Executor, personId: string) {
  return db
    .selectFrom('phone_pins')
    .select(['id', 'validity', 'status', 'expires_at', 'created_at'])
    .where('person_id', '=', personId)
    .orderBy('created_at', 'desc')
    .limit(20)
    .execute();
}

/** A phone PIN's status as recorded: what its workflow, told of a revocation, acts on. */
export async function phonePinStatus(db: Executor, id: string) {
  const row = await db.selectFrom('phone_pins').select('status').where('id', '=', id).executeTakeFirstOrThrow();
  return row.status;
}

/** The phone PINs a caller may be identified by: active, and not past the time written on them. */
export function activePhonePinsOf(db: Executor, input: { fiscalCode: string; at: Date }) {
  return db
    .selectFrom('phone_pins')
    .innerJoin('persons', 'persons.id', 'phone_pins.person_id')
    .select(['phone_pins.id', 'phone_pins.pin_hash', 'phone_pins.expires_at', 'persons.id as personId'])
    .select(['persons.first_name', 'persons.last_name', 'persons.fiscal_code'])
    .where('persons.fiscal_code', '=', input.fiscalCode)
    .where('phone_pins.status', '=', 'active')
    .where('phone_pins.expires_at', '>', input.at)
    .execute();
}

/**
 * Ends an active phone PIN: revoked by its holder, or expired by its timer, and then only once the time written on it
 * has come (`at`, the clock of the step asking). Returns false if it had ended already, or its time has not come.
 */
export async function endPhonePin(
  db: Kysely<Database>,
  input: { id: string; as: 'revoked'; personId: string } | { id: string; as: 'expired'; at: Date },
): Promise<boolean> {
  return db.transaction().execute(async (trx) => {
    let update = trx
      .updateTable('phone_pins')
      .set({ status: input.as, ended_at: new Date() })
      .where('id', '=', input.id)
      .where('status', '=', 'active');
    if (input.as === 'revoked') update = update.where('person_id', '=', input.personId);
    else update = update.where('expires_at', '<=', input.at);
    const row = await update.returning('id').executeTakeFirst();
    if (row)
      await recordAudit(trx, {
        ...(input.as === 'revoked'
          ? { actorType: 'citizen', actorId: input.personId, action: 'phone_pin.revoked' }
          : { actorType: 'system', actorId: null, action: 'phone_pin.expired' }),
        subjectType: 'phone_pin',
        subjectId: input.id,
      });
    return row !== undefined;
  });
}
