// The product's Temporal Schedules: work that runs on the clock rather than because someone asked. Made at start-up,
// once: a second start finds the schedule there and leaves it as it is.
import { ScheduleAlreadyRunning, ScheduleOverlapPolicy, type Client } from '@temporalio/client';
import { durationMs, type Config } from '../infra/config';
import { taskClaimSweepWorkflow } from '../workflows/task-claims';

export const TASK_CLAIM_SWEEP_SCHEDULE_ID = 'task-claim-sweep';

export async function ensureSchedules(client: Client, config: Config): Promise<void> {
  try {
    await client.schedule.create({
      scheduleId: TASK_CLAIM_SWEEP_SCHEDULE_ID,
      spec: { intervals: [{ every: durationMs(config.TASK_CLAIM_SWEEP_EVERY) }] },
      action: {
        type: 'startWorkflow',
        workflowType: taskClaimSweepWorkflow,
        workflowId: TASK_CLAIM_SWEEP_SCHEDULE_ID,
        taskQueue: config.TEMPORAL_TASK_QUEUE,
        workflowExecutionTimeout: '5 minutes',
      },
      policies: { overlap: ScheduleOverlapPolicy.SKIP, catchupWindow: '1 minute' },
    });
  } catch (err) {
    if (!(err instanceof ScheduleAlreadyRunning)) throw err;
  }
}
