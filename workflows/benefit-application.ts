// A benefit application (brief, "Two kinds of PIN"): filed with a PIN dispositivo it goes to the back office at
// once; filed with a PIN ordinario it is accepted, with its filing date fixed so deadlines stop running, and waits
// for as long as it takes until the PIN becomes dispositivo; then it is processed without being filed again.
import {
  condition,
  defineSignal,
  patched,
  proxyActivities,
  setHandler,
  upsertSearchAttributes,
} from '@temporalio/workflow';
import type { BenefitApplicationActivities } from '../activities/benefit-applications';
import type { BenefitApplicationStatus } from '../domain/benefit-application';
import { SEARCH_ATTRIBUTES } from './search-attributes';
import { DATABASE_STEP } from './step-options';

export interface BenefitApplicationInput {
  applicationId: string;
}

/**
 * Sent when the applicant may have gained the rights of a PIN dispositivo (a conversion approved, a strong sign-in).
 * It only says "look again": the rights are read from Postgres, so a signal from anyone else releases nothing.
 */
export const pinDispositivoGrantedSignal = defineSignal('pinDispositivoGranted');

const database = proxyActivities<BenefitApplicationActivities>(DATABASE_STEP);

export async function benefitApplicationWorkflow({
  applicationId,
}: BenefitApplicationInput): Promise<{ backOfficeReference: string }> {
  let granted = false;
  setHandler(pinDispositivoGrantedSignal, () => {
    granted = true;
  });
  const enter = (status: BenefitApplicationStatus) =>
    upsertSearchAttributes([{ key: SEARCH_ATTRIBUTES.applicationState, value: status }]);

  enter('processing');
  // A signal is a wake-up, never proof: one that came with the start (or ahead of the first step) once let the
  // application through unread; since this patch the rights are read from Postgres first, whatever arrived.
  const signalTakenOnTrust = !patched('rights-read-first-even-if-signalled') && granted;
  if (!signalTakenOnTrust && !(await database.applicantHoldsPinDispositivo({ applicationId }))) {
    await database.markApplicationWaiting({ applicationId });
    enter('waiting_for_pin_dispositivo');
    await condition(() => granted);
    if (patched('rights-read-again-after-signal'))
      while (!(await database.applicantHoldsPinDispositivo({ applicationId }))) {
        granted = false;
        await condition(() => granted);
      }
    enter('processing');
  }
  const result = await database.handToBackOffice({ applicationId });
  enter('processed');
  return result;
}
