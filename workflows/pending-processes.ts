// The sweep of requests stored but never started (their start was lost to a crash or a Temporal outage), run every
// minute by a Temporal Schedule (core/schedules.ts), so a request stored while Temporal was down goes on its way as
// soon as Temporal is back, not at the next restart.
import { proxyActivities } from '@temporalio/workflow';
import type { ProcessSweepActivities } from '../activities/processes';

const { startPendingProcesses } = proxyActivities<ProcessSweepActivities>({
  startToCloseTimeout: '1 minute',
  retry: { maximumAttempts: 3 },
});

export async function pendingProcessSweepWorkflow(): Promise<{ started: number }> {
  return { started: await startPendingProcesses() };
}
