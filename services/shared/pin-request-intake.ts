// Taking in a new PIN request, the same way whoever types it (the citizen on the web, an agent on the phone for a
// caller): the switch-off rule, no second PIN, at most one live request per codice fiscale.
import { randomUUID } from 'node:crypto';
import type { PinRequestInput } from '../../domain/pin-request-input';
import type { Config } from '../../infra/config';
import type { Db } from '../../infra/db';
import { holdsUsablePin } from '../../infra/db/credentials';
import { LIVE_PIN_REQUEST_STATUSES, type PinRequestRow } from '../../infra/db/schema';
import { ApiError } from './errors';
import { assertPinMayBeIssued } from './issuance-policy';

export type RequestOrigin = { channel: 'online' } | { channel: 'contact_center'; registeredBy: string };

/** The person's request under way, if any. */
export async function findLiveRequest(db: Db, fiscalCode: string) {
  return db
    .selectFrom('pin_requests')
    .selectAll()
    .where('fiscal_code', '=', fiscalCode)
    .where('status', 'in', LIVE_PIN_REQUEST_STATUSES)
    .executeTakeFirst();
}

/** Refuses (403 use_spid, 409 pin_already_held) someone who may not get a new PIN. */
export async function assertMayRequestPin(db: Db, config: Config, input: PinRequestInput): Promise<void> {
  await assertPinMayBeIssued(db, config, { fiscalCode: input.fiscalCode, declaredBirthDate: input.birthDate });
  if (await holdsUsablePin(db, { fiscalCode: input.fiscalCode }))
    throw new ApiError(
      409,
      'pin_already_held',
      'You already hold an INPS PIN. If you lost it, ask for a new one with "Lost PIN"; if it expired, sign in with it to renew it.',
      undefined,
      { lostPin: '/lost-pin', signIn: '/login' },
    );
}

/**
 * The person's live request: this one, stored now (`created`), or the one already under way, which a second
 * submission finds rather than duplicates.
 */
export async function admitPinRequest(
  db: Db,
  config: Config,
  input: PinRequestInput,
  origin: RequestOrigin,
): Promise<{ row: PinRequestRow; created: boolean }> {
  await assertMayRequestPin(db, config, input);
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
  if (inserted) return { row: inserted, created: true };
  const raced = await findLiveRequest(db, input.fiscalCode);
  if (!raced) throw new Error('live request vanished between insert and lookup');
  return { row: raced, created: false };
}
