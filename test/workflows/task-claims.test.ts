// The sweep of expired task claims, as its Schedule runs it: one activity, and what it found is the result.
import { randomUUID } from 'node:crypto';
import type { TestWorkflowEnvironment } from '@temporalio/testing';
import type { AgentTaskActivities } from '../../activities/agent-tasks';
import { taskClaimSweepWorkflow } from '../../workflows/task-claims';
import { createTimeSkippingEnv } from '../support/time-skipping';
import { withWorkflowWorker } from '../support/workflow-worker';

let env: TestWorkflowEnvironment;
beforeAll(async () => {
  env = await createTimeSkippingEnv();
});
afterAll(() => env?.teardown());

describe('taskClaimSweepWorkflow', () => {
  it('expires the claims past their end once, and says how many', async () => {
    const mocks = { expireTaskClaims: jest.fn().mockResolvedValue(3) } satisfies Record<
      keyof AgentTaskActivities,
      jest.Mock
    >;
    const result = await withWorkflowWorker(env, mocks, (taskQueue) =>
      env.client.workflow.execute(taskClaimSweepWorkflow, { taskQueue, workflowId: randomUUID() }),
    );
    expect(result).toEqual({ expired: 3 });
    expect(mocks.expireTaskClaims).toHaveBeenCalledTimes(1);
  });
});
