// The lost PIN workflow with its activities mocked: a new PIN issued at once and delivered on two channels, the
// request recorded delivering, then delivered.
import { randomUUID } from 'node:crypto';
import { Context } from '@temporalio/activity';
import type { TestWorkflowEnvironment } from '@temporalio/testing';
import { lostPinWorkflow } from '../../workflows/lost-pin';
import { createTimeSkippingEnv } from '../support/time-skipping';
import { withWorkflowWorker } from '../support/workflow-worker';

let env: TestWorkflowEnvironment;
beforeAll(async () => {
  env = await createTimeSkippingEnv();
});
afterAll(() => env?.teardown());

describe('lostPinWorkflow', () => {
  it('issues a new PIN and sends its first half and its letter, recording each stage', async () => {
    const requestId = randomUUID();
    const mocks = {
      recordStatus: jest.fn().mockResolvedValue(undefined),
      issueInitialPin: jest.fn(async (i: { credentialId: string; deliveryId: string }) => i),
      sendPinFirstHalf: jest.fn().mockResolvedValue(undefined),
      dispatchPinLetter: jest.fn().mockResolvedValue({ reference: 'PH-1' }),
      beginCredentialTerm: jest.fn().mockResolvedValue({ status: 'revoked' }),
      credentialRevoked: jest.fn().mockResolvedValue(true),
      sendRevocationNotice: jest.fn().mockResolvedValue('nothing_to_tell'),
    };
    const result = await withWorkflowWorker(env, mocks, (taskQueue) =>
      env.client.workflow.execute(lostPinWorkflow, { args: [{ requestId }], taskQueue, workflowId: randomUUID() }),
    );
    const issued = await mocks.issueInitialPin.mock.results[0]!.value;
    expect(result).toEqual({ credentialId: issued.credentialId });
    expect(mocks.recordStatus.mock.calls.map(([c]) => c.status)).toEqual(['delivering', 'delivered']);
    expect(mocks.sendPinFirstHalf).toHaveBeenCalledWith(
      expect.objectContaining({ requestId, deliveryId: issued.deliveryId }),
    );
    expect(mocks.dispatchPinLetter).toHaveBeenCalledWith(
      expect.objectContaining({ requestId, deliveryId: issued.deliveryId }),
    );
  });
});

describe('the second half by email (SECOND_HALF_BY_EMAIL)', () => {
  it('goes by email when the PIN was issued to go that way, and then no letter is posted', async () => {
    const mocks = {
      recordStatus: jest.fn().mockResolvedValue(undefined),
      issueInitialPin: jest.fn(async (i: { credentialId: string; deliveryId: string }) => ({
        ...i,
        secondHalfBy: 'email',
      })),
      sendPinFirstHalf: jest.fn().mockResolvedValue(undefined),
      sendPinSecondHalf: jest.fn().mockResolvedValue(undefined),
      dispatchPinLetter: jest.fn().mockResolvedValue({ reference: 'PH-1' }),
      beginCredentialTerm: jest.fn().mockResolvedValue({ status: 'revoked' }),
      credentialRevoked: jest.fn().mockResolvedValue(true),
      sendRevocationNotice: jest.fn().mockResolvedValue('nothing_to_tell'),
    };
    const requestId = randomUUID();
    await withWorkflowWorker(env, mocks, (taskQueue) =>
      env.client.workflow.execute(lostPinWorkflow, { args: [{ requestId }], taskQueue, workflowId: randomUUID() }),
    );
    const issued = await mocks.issueInitialPin.mock.results[0]!.value;
    expect(mocks.sendPinSecondHalf).toHaveBeenCalledWith(
      expect.objectContaining({ requestId, deliveryId: issued.deliveryId }),
    );
    expect(mocks.dispatchPinLetter).not.toHaveBeenCalled();
  });
});

describe('a worker that dies while a provider is called', () => {
  it('is noticed within seconds by the missing heartbeat, and the message retried, not after two minutes', async () => {
    const calls: number[] = [];
    const mocks = {
      recordStatus: jest.fn().mockResolvedValue(undefined),
      issueInitialPin: jest.fn(async (i: { credentialId: string; deliveryId: string }) => i),
      // The first attempt hangs without a heartbeat, as on a worker killed mid-call; the retry goes through.
      sendPinFirstHalf: jest.fn(async () => {
        calls.push(await env.currentTimeMs());
        if (calls.length === 1) await Context.current().cancelled;
      }),
      dispatchPinLetter: jest.fn().mockResolvedValue({ reference: 'PH-1' }),
      beginCredentialTerm: jest.fn().mockResolvedValue({ status: 'revoked' }),
      credentialRevoked: jest.fn().mockResolvedValue(true),
      sendRevocationNotice: jest.fn().mockResolvedValue('nothing_to_tell'),
    };
    await withWorkflowWorker(env, mocks, (taskQueue) =>
      env.client.workflow.execute(lostPinWorkflow, {
        args: [{ requestId: randomUUID() }],
        taskQueue,
        workflowId: randomUUID(),
      }),
    );
    expect(calls).toHaveLength(2);
    expect(calls[1]! - calls[0]!).toBeLessThan(60_000);
  });
});
