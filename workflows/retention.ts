// Retention, started by a Temporal Schedule (core/schedules.ts) once a day: rejected requests' personal data erased
// and old documents destroyed (domain/retention.ts). The counts are its result, visible in Temporal Web, and in the
// audit row the run writes.
import { proxyActivities } from '@temporalio/workflow';
import type { RetentionActivities } from '../activities/retention';
import type { RetentionCounts } from '../domain/retention';

const { purgePersonalData } = proxyActivities<RetentionActivities>({
  startToCloseTimeout: '5 minutes',
  retry: { maximumAttempts: 3 },
});

export async function retentionWorkflow(): Promise<RetentionCounts> {
  // The run's moment is the workflow's own (the server's clock, written in its history), so a retried activity
  // applies the same boundaries, and a time-skipping test can move them.
  return purgePersonalData(new Date().toISOString());
}
