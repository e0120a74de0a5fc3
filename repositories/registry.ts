// Corrections to the registry of persons made by staff (an agent who confirmed the residence on the phone, an office
// operator who compared it with an identity document): only the fields that really change are written, and each is
// audited with keyed fingerprints of its value before and after (never the values: the audit log keeps who did what,
// not personal data; domain/retention.ts), who changed it and why, in the caller's transaction.
import type { Kysely, Transaction } from 'kysely';
import { audit } from './audit';
import type { Database, PersonRow } from '../infra/db/schema';

/** The registry fields staff may correct from a document or a call; never the codice fiscale itself. */
export const CORRECTABLE_FIELDS = [
  'first_name',
  'last_name',
  'birth_date',
  'sex',
  'birth_place',
  'birth_province',
  'street',
  'city',
  'province',
  'postal_code',
  'email',
] as const;
export type CorrectableField = (typeof CORRECTABLE_FIELDS)[number];
export type RegistryCorrections = Partial<Pick<PersonRow, CorrectableField>>;

export interface RegistryChange {
  field: CorrectableField;
  before: string | null;
  after: string | null;
}

export async function correctRegistry(
  trx: Transaction<Database>,
  input: {
    personId: string;
    corrections: RegistryCorrections;
    staffId: string;
    /** Why, e.g. `{ source: 'mv35_issuance' }` or `{ pinRequestId }`: kept with every change. */
    context: Record<string, unknown>;
    /** The request the correction was made for, if any. */
    requestId?: string;
    /** A keyed fingerprint of a value (the vault's): what the audit row keeps of the values before and after. */
    fingerprint: (value: string) => string;
  },
): Promise<RegistryChange[]> {
  const person = await trx
    .selectFrom('persons')
    .select(CORRECTABLE_FIELDS)
    .where('id', '=', input.personId)
    .forUpdate()
    .executeTakeFirstOrThrow();
  const changes: RegistryChange[] = [];
  for (const field of CORRECTABLE_FIELDS) {
    const after = input.corrections[field];
    if (after === undefined || after === person[field]) continue;
    changes.push({ field, before: person[field], after });
  }
  if (!changes.length) return changes;
  await trx
    .updateTable('persons')
    .set(Object.fromEntries(changes.map((c) => [c.field, c.after])))
    .where('id', '=', input.personId)
    .execute();
  for (const change of changes)
    await audit(trx, {
      staffId: input.staffId,
      action: 'registry.corrected',
      subjectType: 'person',
      subjectId: input.personId,
      requestId: input.requestId,
      details: {
        field: change.field,
        before: change.before === null ? null : input.fingerprint(change.before),
        after: change.after === null ? null : input.fingerprint(change.after),
        ...input.context,
      },
    });
  return changes;
}

/** Who the person is to INPS, as their home page shows it. */
export function personProfile(db: Kysely<Database>, personId: string) {
  return db
    .selectFrom('persons')
    .select(['fiscal_code', 'first_name', 'last_name', 'profile', 'fund'])
    .where('id', '=', personId)
    .executeTakeFirstOrThrow();
}

/** The registry's record of a codice fiscale, if INPS holds one. */
export function personByFiscalCode(db: Kysely<Database> | Transaction<Database>, fiscalCode: string) {
  return db.selectFrom('persons').selectAll().where('fiscal_code', '=', fiscalCode).executeTakeFirst();
}

export function personById(db: Kysely<Database> | Transaction<Database>, personId: string) {
  return db.selectFrom('persons').selectAll().where('id', '=', personId).executeTakeFirstOrThrow();
}

/** A person's registry record, locked for the rest of the transaction (two desks serving one person at once). */
export function lockPerson(trx: Transaction<Database>, fiscalCode: string) {
  return trx.selectFrom('persons').selectAll().where('fiscal_code', '=', fiscalCode).forUpdate().executeTakeFirst();
}
