// What several places ask of or do to the credentials table: does this person already hold a PIN that works or can
// be renewed (then no second PIN is issued, and a lost PIN can be replaced)? And retiring all of a person's PINs.
import type { Kysely, Transaction } from 'kysely';
import { recordAudit } from './audit';
import { type Database } from '../infra/db/schema';
import { USABLE_CREDENTIAL_STATUSES, type RevocationReason } from '../domain/credential';

export async function holdsUsablePin(
  db: Kysely<Database> | Transaction<Database>,
  who: { personId: string } | { fiscalCode: string },
): Promise<boolean> {
  const row = await db
    .selectFrom('credentials')
    .innerJoin('persons', 'persons.id', 'credentials.person_id')
    .select('credentials.id')
    .where('credentials.status', 'in', USABLE_CREDENTIAL_STATUSES)
    .where((eb) =>
      'personId' in who ? eb('persons.id', '=', who.personId) : eb('persons.fiscal_code', '=', who.fiscalCode),
    )
    .executeTakeFirst();
  return row !== undefined;
}

/** Revokes every usable PIN of a person (but one, if named), audited as the person's own act; returns their ids. */
export async function revokePinsOf(
  trx: Transaction<Database>,
  input: { personId: string; except?: string; reason: RevocationReason; details?: Record<string, unknown> },
): Promise<string[]> {
  let update = trx
    .updateTable('credentials')
    .set({ status: 'revoked', revoked_at: new Date(), revocation_reason: input.reason })
    .where('person_id', '=', input.personId)
    .where('status', 'in', USABLE_CREDENTIAL_STATUSES);
  if (input.except) update = update.where('id', '!=', input.except);
  const revoked = await update.returning('id').execute();
  for (const { id } of revoked)
    await recordAudit(trx, {
      actorType: 'citizen',
      actorId: input.personId,
      action: 'credential.revoked',
      subjectType: 'credential',
      subjectId: id,
      details: { reason: input.reason, ...input.details },
    });
  return revoked.map((r) => r.id);
}
