// The sweep of agent tasks whose claim ran out, started by a Temporal Schedule (core/schedules.ts): each claim past its
// end goes back to the queue, audited as the system's doing. Until the sweep runs, the console already shows the task
// open and refuses its late holder; the sweep makes Postgres and the audit trail say so too.
import { proxyActivities } from '@temporalio/workflow';
import type { AgentTaskActivities } from '../activities/agent-tasks';

const { expireTaskClaims } = proxyActivities<AgentTaskActivities>({
  startToCloseTimeout: '30 seconds',
  retry: { maximumAttempts: 3 },
});

export async function taskClaimSweepWorkflow(): Promise<{ expired: number }> {
  return { expired: await expireTaskClaims() };
}
