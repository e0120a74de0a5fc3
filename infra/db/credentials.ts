// The one question several places ask of the credentials table: does this person already hold a PIN that works or
// can be renewed? Then no second PIN is issued (online request, office), and a lost PIN can be replaced.
import type { Kysely, Transaction } from 'kysely';
import { USABLE_CREDENTIAL_STATUSES, type Database } from './schema';

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
