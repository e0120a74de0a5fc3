// The contacts INPS has on record for a person: the registry's own, and those the person gave on a PIN request
// that was delivered (the first half of their PIN went there, so they are proven to reach them).
import type { Kysely, Transaction } from 'kysely';
import type { Database } from '../infra/db/schema';

interface ContactsOnRecord {
  phones: string[];
  emails: string[];
}

export async function contactsOnRecord(
  db: Kysely<Database> | Transaction<Database>,
  personId: string,
): Promise<ContactsOnRecord> {
  const person = await db
    .selectFrom('persons')
    .select(['phone', 'email'])
    .where('id', '=', personId)
    .executeTakeFirstOrThrow();
  const requests = await db
    .selectFrom('pin_requests')
    .select(['phone', 'email'])
    .where('person_id', '=', personId)
    .where('status', '=', 'delivered')
    .orderBy('updated_at', 'desc')
    .execute();
  const unique = (values: Array<string | null>) => [...new Set(values.filter((v): v is string => Boolean(v)))];
  return {
    phones: unique([person.phone, ...requests.map((r) => r.phone)]),
    emails: unique([person.email, ...requests.map((r) => r.email)].map((e) => e?.toLowerCase() ?? null)),
  };
}
