// The submission workflow with its activities mocked: what a submission calls for starts, and nothing else. A new
// request or a lost PIN's reissue gets its own process; the requester (or the holder on record) gets the message the
// answer promised; a lost PIN that changes nothing sends nothing, so nobody learns from silence what a message tells.
import { randomUUID } from 'node:crypto';
import type { TestWorkflowEnvironment } from '@temporalio/testing';
import type { SubmissionActivities, SubmissionTaken } from '../../activities/submissions';
import { submissionWorkflow } from '../../workflows/submission';
import { createTimeSkippingEnv } from '../support/time-skipping';
import { withWorkflowWorker } from '../support/workflow-worker';

let env: TestWorkflowEnvironment;
beforeAll(async () => {
  env = await createTimeSkippingEnv();
});
afterAll(() => env?.teardown());

async function takeIn(taken: SubmissionTaken) {
  const mocks = {
    takeInSubmission: jest.fn().mockResolvedValue(taken),
    startRequestProcess: jest.fn().mockResolvedValue(undefined),
    sendSubmissionNotice: jest.fn().mockResolvedValue(undefined),
  } satisfies Partial<Record<keyof SubmissionActivities | 'sendSubmissionNotice', jest.Mock>>;
  const submissionId = randomUUID();
  const result = await withWorkflowWorker(env, mocks, (taskQueue) =>
    env.client.workflow.execute(submissionWorkflow, { args: [{ submissionId }], taskQueue, workflowId: randomUUID() }),
  );
  return { result, mocks, submissionId };
}

describe('submissionWorkflow', () => {
  it('a new request: starts its process and sends the link to follow it', async () => {
    const { result, mocks, submissionId } = await takeIn({ outcome: 'new_request', requestId: randomUUID() });
    expect(result).toEqual({ outcome: 'new_request' });
    expect(mocks.startRequestProcess).toHaveBeenCalledWith({ submissionId });
    expect(mocks.sendSubmissionNotice).toHaveBeenCalledWith(expect.objectContaining({ submissionId }));
  });

  it('a request already under way: starts nothing, sends its link again to its own contact', async () => {
    const { mocks } = await takeIn({ outcome: 'request_in_progress', requestId: randomUUID() });
    expect(mocks.startRequestProcess).not.toHaveBeenCalled();
    expect(mocks.sendSubmissionNotice).toHaveBeenCalledTimes(1);
  });

  it('someone who holds a PIN: starts nothing, tells the holder at the contact on record', async () => {
    const { mocks } = await takeIn({ outcome: 'pin_already_held' });
    expect(mocks.startRequestProcess).not.toHaveBeenCalled();
    expect(mocks.sendSubmissionNotice).toHaveBeenCalledTimes(1);
  });

  it('a lost PIN reissued: starts the lost PIN’s process; its first half is the message', async () => {
    const { mocks } = await takeIn({ outcome: 'lost_pin_issued', requestId: randomUUID() });
    expect(mocks.startRequestProcess).toHaveBeenCalledTimes(1);
    expect(mocks.sendSubmissionNotice).not.toHaveBeenCalled();
  });

  it('a lost PIN that changes nothing: starts nothing and sends nothing', async () => {
    const { result, mocks } = await takeIn({ outcome: 'nothing_to_do' });
    expect(result).toEqual({ outcome: 'nothing_to_do' });
    expect(mocks.startRequestProcess).not.toHaveBeenCalled();
    expect(mocks.sendSubmissionNotice).not.toHaveBeenCalled();
  });
});
