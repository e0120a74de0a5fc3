// A PIN dispositivo issued in person at an INPS office from form MV35 (brief, "Three ways to request a PIN", 3):
// the PIN was handed over at the desk; what remains is to start the PIN's lifecycle and tell the holder by email.
import { proxyActivities, uuid4 } from '@temporalio/workflow';
import type { NotificationActivities } from '../activities/notifications';
import { startCredentialLifecycleChild } from './pin-delivery';
import { PROVIDER_HEARTBEAT_TIMEOUT } from './step-options';

const notifications = proxyActivities<NotificationActivities>({
  startToCloseTimeout: '2 minutes',
  heartbeatTimeout: PROVIDER_HEARTBEAT_TIMEOUT,
  retry: { initialInterval: '5 seconds', maximumInterval: '30 minutes' },
});

export async function officeIssuanceWorkflow({ credentialId }: { credentialId: string }): Promise<void> {
  await startCredentialLifecycleChild(credentialId, credentialId);
  await notifications.sendCredentialNews({ credentialId, news: { kind: 'issued_at_office' }, notificationId: uuid4() });
}
