// Postgres side of a benefit application: whether its applicant may have it processed yet (a PIN dispositivo), and
// the hand-over to the back office that processes it. The benefit's own rules are the back office's, not ours.
import type { Db } from '../infra/db';
import { ApplicationFailure } from '@temporalio/common';
import {
  applicantHasDispositivoRights,
  handToBackOffice,
  markApplicationWaiting,
  NoDispositivoRights,
} from '../repositories/benefit-applications';

export function createBenefitApplicationActivities({ db }: { db: Db }) {
  return {
    /**
     * True when the application may be processed now: filed with the rights of a PIN dispositivo (SPID level 2 or
     * 3, CIE), or its applicant holds a usable PIN dispositivo now (whichever credential they filed with).
     */
    async applicantHoldsPinDispositivo({ applicationId }: { applicationId: string }): Promise<boolean> {
      return applicantHasDispositivoRights(db, applicationId);
    },

    async markApplicationWaiting({ applicationId }: { applicationId: string }): Promise<void> {
      await markApplicationWaiting(db, applicationId);
    },

    /** Hands the application to the back office, keeping its filing date; recorded once, however often retried. */
    async handToBackOffice({ applicationId }: { applicationId: string }): Promise<{ backOfficeReference: string }> {
      try {
        return await handToBackOffice(db, applicationId);
      } catch (err) {
        if (err instanceof NoDispositivoRights) throw ApplicationFailure.nonRetryable(err.message, err.name);
        throw err;
      }
    },
  };
}

export type BenefitApplicationActivities = ReturnType<typeof createBenefitApplicationActivities>;
