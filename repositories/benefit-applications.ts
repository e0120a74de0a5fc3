// Benefit applications (brief, "PIN dispositivo"): filed by the citizen with their filing date fixed at once, waiting
// while the applicant lacks the rights of a PIN dispositivo, handed to the back office once they have them. Each change
// here, once, with its audit row.
import { sql, type Kysely, type Transaction } from 'kysely';
import type { BenefitApplicationStatus } from '../domain/benefit-application';
import { USABLE_CREDENTIAL_STATUSES } from '../domain/credential';
import type { Database } from '../infra/db/schema';
import { recordAudit } from './audit';

type Executor = Kysely<Database> | Transaction<Database>;

/** A person's applications, as their page shows them. */
export function applicationsOfPerson(db: Executor, personId: string) {
  return db
    .selectFrom('benefit_applications')
    .select(['id', 'protocol_number', 'service_id', 'status', 'filed_at', 'processed_at'])
    .where('person_id', '=', personId);
}

/** Files the application now, with the next protocol number; audited as the citizen's own act. */
export async function fileApplication(
  db: Kysely<Database>,
  input: {
    id: string;
    personId: string;
    credentialId: string | null;
    serviceId: string;
    status: Extract<BenefitApplicationStatus, 'processing' | 'waiting_for_pin_dispositivo'>;
    filedWithDispositivoRights: boolean;
  },
): Promise<void> {
  await db.transaction().execute(async (trx) => {
    const { seq } = await sql<{ seq: string }>`select nextval('benefit_application_protocol_seq') as seq`
      .execute(trx)
      .then((r) => r.rows[0]!);
    const filedAt = new Date();
    await trx
      .insertInto('benefit_applications')
      .values({
        id: input.id,
        protocol_number: `INPS.${filedAt.getUTCFullYear()}.${seq.padStart(9, '0')}`,
        person_id: input.personId,
        credential_id: input.credentialId,
        filed_with_dispositivo_rights: input.filedWithDispositivoRights,
        service_id: input.serviceId,
        status: input.status,
        filed_at: filedAt,
      })
      .execute();
    await recordAudit(trx, {
      actorType: 'citizen',
      actorId: input.personId,
      action: 'benefit_application.filed',
      subjectType: 'benefit_application',
      subjectId: input.id,
      details: { serviceId: input.serviceId },
    });
  });
}

/**
 * May the application be processed now? Filed with the rights of a PIN dispositivo (SPID level 2 or 3, CIE, CNS), or
 * its applicant has them now: a usable PIN dispositivo (whichever credential they filed with), or a sign-in as strong
 * since. Read from Postgres whatever told the process to look again: a signal only says "look again".
 */
export async function applicantHasDispositivoRights(db: Executor, applicationId: string): Promise<boolean> {
  const filed = await db
    .selectFrom('benefit_applications')
    .innerJoin('persons', 'persons.id', 'benefit_applications.person_id')
    .select(['benefit_applications.filed_with_dispositivo_rights', 'persons.strong_sign_in_at'])
    .where('benefit_applications.id', '=', applicationId)
    .executeTakeFirstOrThrow();
  if (filed.filed_with_dispositivo_rights || filed.strong_sign_in_at) return true;
  const row = await db
    .selectFrom('benefit_applications')
    .innerJoin('credentials', 'credentials.person_id', 'benefit_applications.person_id')
    .select('credentials.id')
    .where('benefit_applications.id', '=', applicationId)
    .where('credentials.kind', '=', 'dispositivo')
    .where('credentials.status', 'in', USABLE_CREDENTIAL_STATUSES)
    .executeTakeFirst();
  return row !== undefined;
}

export async function markApplicationWaiting(db: Executor, applicationId: string): Promise<void> {
  await db
    .updateTable('benefit_applications')
    .set({ status: 'waiting_for_pin_dispositivo' })
    .where('id', '=', applicationId)
    .where('status', '=', 'processing')
    .execute();
}

/** A person's applications still waiting for a PIN dispositivo, oldest filed first. */
export async function applicationsWaitingOf(db: Executor, personId: string): Promise<string[]> {
  const rows = await db
    .selectFrom('benefit_applications')
    .select('id')
    .where('person_id', '=', personId)
    .where('status', '=', 'waiting_for_pin_dispositivo')
    .orderBy('filed_at')
    .execute();
  return rows.map((r) => r.id);
}

/** The applications of a conversion's holder still waiting for a PIN dispositivo, oldest filed first. */
export async function applicationsWaitingForConversion(db: Executor, conversionId: string): Promise<string[]> {
  const rows = await db
    .selectFrom('benefit_applications')
    .innerJoin('conversions', 'conversions.person_id', 'benefit_applications.person_id')
    .select('benefit_applications.id')
    .where('conversions.id', '=', conversionId)
    .where('benefit_applications.status', '=', 'waiting_for_pin_dispositivo')
    .orderBy('benefit_applications.filed_at')
    .execute();
  return rows.map((r) => r.id);
}

/**
 * Hands the application to the back office, keeping its filing date: the date the citizen filed it, not the date it
 * was released. Recorded once, however often it is retried.
 */
/** An application whose applicant lacks the rights of a PIN dispositivo: it waits, it is not processed. */
export class NoDispositivoRights extends Error {
  constructor(applicationId: string) {
    super(`application ${applicationId}: its applicant has no PIN dispositivo's rights yet`);
    this.name = 'NoDispositivoRights';
  }
}

export async function handToBackOffice(
  db: Kysely<Database>,
  applicationId: string,
): Promise<{ backOfficeReference: string }> {
  return db.transaction().execute(async (trx) => {
    const application = await trx
      .selectFrom('benefit_applications')
      .select(['status', 'protocol_number', 'back_office_reference'])
      .where('id', '=', applicationId)
      .forUpdate()
      .executeTakeFirstOrThrow();
    if (application.back_office_reference) return { backOfficeReference: application.back_office_reference };
    // Processed only with the rights of a PIN dispositivo (brief), whoever asks for the hand-over.
    if (!(await applicantHasDispositivoRights(trx, applicationId))) throw new NoDispositivoRights(applicationId);
    const backOfficeReference = `BO-${application.protocol_number}`;
    await trx
      .updateTable('benefit_applications')
      .set({ status: 'processed', processed_at: new Date(), back_office_reference: backOfficeReference })
      .where('id', '=', applicationId)
      .execute();
    await recordAudit(trx, {
      actorType: 'system',
      actorId: null,
      action: 'benefit_application.handed_to_back_office',
      subjectType: 'benefit_application',
      subjectId: applicationId,
      details: { backOfficeReference },
    });
    return { backOfficeReference };
  });
}

/** Applications not yet handed to the back office: their processes are resumed at start-up. */
export function applicationsNotProcessed(db: Executor) {
  return db.selectFrom('benefit_applications').select('id').where('status', '!=', 'processed').execute();
}
