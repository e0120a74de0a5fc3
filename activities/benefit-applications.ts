// Postgres side of a benefit application: whether its applicant may have it processed yet (a PIN dispositivo), and
// the hand-over to the back office that processes it. The benefit's own rules are the back office's, not ours.
import type { Db } from '../infra/db';
import { recordAudit } from '../repositories/audit';
import { USABLE_CREDENTIAL_STATUSES } from '../domain/credential';

export function createBenefitApplicationActivities({ db }: { db: Db }) {
  return {
    /**
     * True when the application may be processed now: filed with the rights of a PIN dispositivo (SPID level 2 or
     * 3, CIE), or its applicant holds a usable PIN dispositivo now (whichever credential they filed with).
     */
    async applicantHoldsPinDispositivo({ applicationId }: { applicationId: string }): Promise<boolean> {
      const filed = await db
        .selectFrom('benefit_applications')
        .select('filed_with_dispositivo_rights')
        .where('id', '=', applicationId)
        .executeTakeFirstOrThrow();
      if (filed.filed_with_dispositivo_rights) return true;
      const row = await db
        .selectFrom('benefit_applications')
        .innerJoin('credentials', 'credentials.person_id', 'benefit_applications.person_id')
        .select('credentials.id')
        .where('benefit_applications.id', '=', applicationId)
        .where('credentials.kind', '=', 'dispositivo')
        .where('credentials.status', 'in', USABLE_CREDENTIAL_STATUSES)
        .executeTakeFirst();
      return row !== undefined;
    },

    async markApplicationWaiting({ applicationId }: { applicationId: string }): Promise<void> {
      await db
        .updateTable('benefit_applications')
        .set({ status: 'waiting_for_pin_dispositivo' })
        .where('id', '=', applicationId)
        .where('status', '=', 'processing')
        .execute();
    },

    /**
     * Hands the application to the back office, keeping its filing date: the date the citizen filed it, not the
     * date it was released. Recorded once, however often it is retried.
     */
    async handToBackOffice({ applicationId }: { applicationId: string }): Promise<{ backOfficeReference: string }> {
      return db.transaction().execute(async (trx) => {
        const application = await trx
          .selectFrom('benefit_applications')
          .select(['status', 'protocol_number', 'back_office_reference'])
          .where('id', '=', applicationId)
          .forUpdate()
          .executeTakeFirstOrThrow();
        if (application.back_office_reference) return { backOfficeReference: application.back_office_reference };
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
    },
  };
}

export type BenefitApplicationActivities = ReturnType<typeof createBenefitApplicationActivities>;
