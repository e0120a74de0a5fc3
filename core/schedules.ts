// The product's Temporal Schedules: work that runs on the clock rather than because someone asked. Made at start-up,
// or brought up to date if it exists (a changed interval or task queue takes effect at the next start).
import {
  ScheduleAlreadyRunning,
  ScheduleOverlapPolicy,
  ServiceError,
  type Client,
  type ScheduleOptions,
} from '@temporalio/client';
import { durationMs, type Config } from '../infra/config';
import { logger } from '../infra/logger';
import { taskClaimSweepWorkflow } from '../workflows/task-claims';

export const TASK_CLAIM_SWEEP_SCHEDULE_ID = 'task-claim-sweep';

/** gRPC's status code for a method the server does not have. */
const GRPC_UNIMPLEMENTED = 12;

export async function ensureSchedules(client: Client, config: Config): Promise<void> {
  const sweep = {
    scheduleId: TASK_CLAIM_SWEEP_SCHEDULE_ID,
    spec: { intervals: [{ every: durationMs(config.TASK_CLAIM_SWEEP_EVERY) }] },
    action: {
      type: 'startWorkflow',
      workflowType: taskClaimSweepWorkflow,
      workflowId: TASK_CLAIM_SWEEP_SCHEDULE_ID,
      taskQueue: config.TEMPORAL_TASK_QUEUE,
      workflowExecutionTimeout: '1 minute',
    },
    // A sweep still pending when the next is due (no worker was polling, or the task queue changed) is replaced: the
    // sweep is idempotent, and a stuck one must not make every later one skip.
    policies: { overlap: ScheduleOverlapPolicy.TERMINATE_OTHER, catchupWindow: '1 minute' },
  } satisfies ScheduleOptions;
  try {
    await client.schedule.create(sweep);
  } catch (err) {
    if (err instanceof ScheduleAlreadyRunning) {
      await client.schedule
        .getHandle(sweep.scheduleId)
        .update((previous) => ({ ...previous, spec: sweep.spec, action: sweep.action, policies: sweep.policies }));
      return;
    }
    // Temporal's time-skipping test server has no schedules; the console never depends on the sweep having run.
    if (err instanceof ServiceError && (err.cause as { code?: number } | undefined)?.code === GRPC_UNIMPLEMENTED) {
      logger.warn('this Temporal server has no schedules: expired task claims are swept only when taken over');
      return;
    }
    throw err;
  }
}
