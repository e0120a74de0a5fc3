// PIN requests in Postgres: the one live request a person may have, found or made. Shared by whatever takes a request
// in: an online submission (in its workflow) and a phone registration (in the agent's call).
import { randomUUID } from 'node:crypto';
import type { Kysely, Transaction } from 'kysely';
import type { PinRequestInput } from '../domain/pin-request-input';
import { type Database, type PinRequestRow } from '../infra/db/schema';
import { LIVE_PIN_REQUEST_STATUSES } from '../domain/pin-request';

type Conn = Kysely<Database> | Transaction<Database>;

export type RequestOrigin = { channel: 'online' } | { channel: 'contact_center'; registeredBy: string };

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
 * submission finds rather than duplicates.
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
  if (inserted) return { row: inserted, created: true };
  const raced = await findLiveRequest(db, input.fiscalCode);
  if (!raced) throw new Error('live request vanished between insert and lookup');
  return { row: raced, created: false };
}
