// The pending-process sweep, as its Schedule runs it: one activity that starts what was stored but never started.
import { randomUUID } from 'node:crypto';
import type { TestWorkflowEnvironment } from '@temporalio/testing';
import type { ProcessSweepActivities } from '../../activities/processes';
import { pendingProcessSweepWorkflow } from '../../workflows/pending-processes';
import { createTimeSkippingEnv } from '../support/time-skipping';
import { withWorkflowWorker } from '../support/workflow-worker';

let env: TestWorkflowEnvironment;
beforeAll(async () => {
  env = await createTimeSkippingEnv();
});
afterAll(() => env?.teardown());

describe('pendingProcessSweepWorkflow', () => {
  it('starts what is pending once, and says how many starts it made', async () => {
    const mocks = { startPendingProcesses: jest.fn().mockResolvedValue(2) } satisfies Record<
      keyof ProcessSweepActivities,
      jest.Mock
    >;
    const result = await withWorkflowWorker(env, mocks, (taskQueue) =>
      env.client.workflow.execute(pendingProcessSweepWorkflow, { taskQueue, workflowId: randomUUID() }),
    );
    expect(result).toEqual({ started: 2 });
    expect(mocks.startPendingProcesses).toHaveBeenCalledTimes(1);
  });
});
