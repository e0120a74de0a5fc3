// Housekeeping, as its Schedule runs it: one activity, and what it deleted (counts only) is the result.
import { randomUUID } from 'node:crypto';
import type { TestWorkflowEnvironment } from '@temporalio/testing';
import type { HousekeepingActivities } from '../../activities/housekeeping';
import { housekeepingWorkflow } from '../../workflows/housekeeping';
import { createTimeSkippingEnv } from '../support/time-skipping';
import { withWorkflowWorker } from '../support/workflow-worker';

let env: TestWorkflowEnvironment;
beforeAll(async () => {
  env = await createTimeSkippingEnv();
});
afterAll(() => env?.teardown());

describe('housekeepingWorkflow', () => {
  it('deletes once what has served its purpose, and says how much of each', async () => {
    const counts = {
      citizenSessions: 4,
      staffSessions: 1,
      signInGuards: 2,
      oidcSignIns: 7,
      statusLinks: 0,
      letterCopies: 3,
    };
    const mocks = { deleteWhatHasServed: jest.fn().mockResolvedValue(counts) } satisfies Record<
      keyof HousekeepingActivities,
      jest.Mock
    >;
    const result = await withWorkflowWorker(env, mocks, (taskQueue) =>
      env.client.workflow.execute(housekeepingWorkflow, { taskQueue, workflowId: randomUUID() }),
    );
    expect(result).toEqual(counts);
    expect(mocks.deleteWhatHasServed).toHaveBeenCalledTimes(1);
  });
});
