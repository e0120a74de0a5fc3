// "The SMS never came" (issue "The letter's life and the citizen's follow-up"): the first half of a PIN sent once more,
// the same 8 characters, to the contact the request gave. One workflow per delivery, so it happens once however often
// it is asked; the citizen service has already claimed the one resend in Postgres.
import { proxyActivities, uuid4 } from '@temporalio/workflow';
import type { NotificationActivities } from '../activities/notifications';
import { PROVIDER_CALL } from './step-options';

const notifications = proxyActivities<NotificationActivities>(PROVIDER_CALL);

export async function firstHalfAgainWorkflow(input: { requestId: string; deliveryId: string }): Promise<void> {
  await notifications.sendPinFirstHalfAgain({ ...input, notificationId: uuid4() });
}
