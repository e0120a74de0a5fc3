// Housekeeping, started by a Temporal Schedule (core/schedules.ts): expired sessions, sign-in guards past their
// window, finished OpenID Connect sign-ins, status links that open nothing any more, and old letter copies in the
// print-house drop are deleted. What was deleted (counts only) is the workflow's result, visible in Temporal Web.
import { proxyActivities } from '@temporalio/workflow';
import type { HousekeepingActivities } from '../activities/housekeeping';

const { deleteWhatHasServed } = proxyActivities<HousekeepingActivities>({
  startToCloseTimeout: '2 minutes',
  retry: { maximumAttempts: 3 },
});

export async function housekeepingWorkflow(): Promise<
  Awaited<ReturnType<HousekeepingActivities['deleteWhatHasServed']>>
> {
  return deleteWhatHasServed();
}
