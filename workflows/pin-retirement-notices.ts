// The notices before the end of the transition (PIN_RETIREMENT_DATE), started by a Temporal Schedule
// (core/schedules.ts): each run tells a batch of holders whose PIN will stop working; nothing outside the month before.
import { proxyActivities } from '@temporalio/workflow';
import type { NotificationActivities } from '../activities/notifications';
import { PROVIDER_HEARTBEAT_TIMEOUT } from './step-options';

const { sendPinRetirementNotices } = proxyActivities<NotificationActivities>({
  startToCloseTimeout: '10 minutes',
  heartbeatTimeout: PROVIDER_HEARTBEAT_TIMEOUT,
  retry: { maximumAttempts: 3 },
});

/** Holders told per run: the Schedule runs often enough to reach everyone within the month. */
export const PIN_RETIREMENT_NOTICES_PER_RUN = 500;

export async function pinRetirementNoticesWorkflow(): Promise<{ told: number }> {
  return { told: await sendPinRetirementNotices({ limit: PIN_RETIREMENT_NOTICES_PER_RUN }) };
}
