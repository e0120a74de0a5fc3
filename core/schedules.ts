// The product's Temporal Schedules: work that runs on the clock rather than because someone asked. Made at start-up,
// or brought up to date if they exist (a changed interval or task queue takes effect at the next start).
import {
  ScheduleAlreadyRunning,
  ScheduleOverlapPolicy,
  ServiceError,
  type Client,
  type ScheduleOptions,
} from '@temporalio/client';
import type { Workflow } from '@temporalio/common';
import { durationMs, type Config } from '../infra/config';
import { logger } from '../infra/logger';
import { housekeepingWorkflow } from '../workflows/housekeeping';
import { pendingProcessSweepWorkflow } from '../workflows/pending-processes';
import { pinRetirementNoticesWorkflow } from '../workflows/pin-retirement-notices';
import { retentionWorkflow } from '../workflows/retention';
import { taskClaimSweepWorkflow } from '../workflows/task-claims';

export const TASK_CLAIM_SWEEP_SCHEDULE_ID = 'task-claim-sweep';
export const PENDING_PROCESS_SWEEP_SCHEDULE_ID = 'pending-process-sweep';
export const HOUSEKEEPING_SCHEDULE_ID = 'housekeeping';
export const PIN_RETIREMENT_NOTICES_SCHEDULE_ID = 'pin-retirement-notices';
export const RETENTION_SCHEDULE_ID = 'retention';
/** Notices before PIN_RETIREMENT_DATE: a batch an hour reaches everyone in the month before. */
const PIN_RETIREMENT_NOTICES_EVERY_MS = 3_600_000;

/** gRPC's status code for a method the server does not have. */
const GRPC_UNIMPLEMENTED = 12;

/**
 * A sweep every `everyMs`. One still pending when the next is due (no worker was polling, or the task queue changed)
 * is replaced: each sweep is idempotent, and a stuck one must not make every later one skip.
 */
function sweep(config: Config, scheduleId: string, workflowType: Workflow, everyMs: number) {
  return {
    scheduleId,
    spec: { intervals: [{ every: everyMs }] },
    action: {
      type: 'startWorkflow',
      workflowType,
      workflowId: scheduleId,
      taskQueue: config.TEMPORAL_TASK_QUEUE,
      workflowExecutionTimeout: everyMs,
    },
    policies: { overlap: ScheduleOverlapPolicy.TERMINATE_OTHER, catchupWindow: '1 minute' },
  } satisfies ScheduleOptions;
}

export async function ensureSchedules(client: Client, config: Config): Promise<void> {
  const schedules = [
    sweep(config, TASK_CLAIM_SWEEP_SCHEDULE_ID, taskClaimSweepWorkflow, durationMs(config.TASK_CLAIM_SWEEP_EVERY)),
    sweep(
      config,
      PENDING_PROCESS_SWEEP_SCHEDULE_ID,
      pendingProcessSweepWorkflow,
      durationMs(config.PENDING_PROCESS_SWEEP_EVERY),
    ),
    sweep(config, HOUSEKEEPING_SCHEDULE_ID, housekeepingWorkflow, durationMs(config.HOUSEKEEPING_EVERY)),
    sweep(config, PIN_RETIREMENT_NOTICES_SCHEDULE_ID, pinRetirementNoticesWorkflow, PIN_RETIREMENT_NOTICES_EVERY_MS),
    sweep(config, RETENTION_SCHEDULE_ID, retentionWorkflow, durationMs(config.RETENTION_EVERY)),
  ];
  for (const schedule of schedules) {
    try {
      await client.schedule.create(schedule);
    } catch (err) {
      if (err instanceof ScheduleAlreadyRunning) {
        await client.schedule.getHandle(schedule.scheduleId).update((previous) => ({
          ...previous,
          spec: schedule.spec,
          action: schedule.action,
          policies: schedule.policies,
        }));
        continue;
      }
      // Temporal's time-skipping test server has no schedules; nothing in the product depends on a sweep having run.
      if (err instanceof ServiceError && (err.cause as { code?: number } | undefined)?.code === GRPC_UNIMPLEMENTED) {
        logger.warn('this Temporal server has no schedules: the sweeps run only at start-up or when taken over');
        return;
      }
      throw err;
    }
  }
}
