// The inbound fax workflow with its activities mocked: a fax whose code is read is attached by itself; one that
// cannot be read waits for an agent, whose attachment is believed only from "Postgres" (the mocked activity). Either
// way the conversion hears that its documents are back.
import { randomUUID } from 'node:crypto';
import type { TestWorkflowEnvironment } from '@temporalio/testing';
import { ApplicationFailure } from '@temporalio/common';
import type { FaxActivities, FaxMatch } from '../../activities/faxes';
import { conversionProgressQuery, conversionWorkflow } from '../../workflows/conversion';
import { conversionWorkflowId } from '../../workflows/ids';
import { attachFaxUpdate, discardFaxUpdate, faxProgressQuery, inboundFaxWorkflow } from '../../workflows/inbound-fax';
import { createTimeSkippingEnv } from '../support/time-skipping';
import { withWorkflowWorker } from '../support/workflow-worker';

let env: TestWorkflowEnvironment;
beforeAll(async () => {
  env = await createTimeSkippingEnv();
});
afterAll(() => env?.teardown());

const DAY = 86_400_000;

function mocks(match: FaxMatch, attachments = new Map<string, string>()) {
  return {
    matchFaxByCode: jest.fn().mockResolvedValue(match),
    openFaxAttachmentTask: jest.fn().mockResolvedValue(undefined),
    applyFaxAttachment: jest.fn(async ({ decisionId }: { decisionId: string }) => {
      const conversionId = attachments.get(decisionId);
      if (!conversionId) throw ApplicationFailure.nonRetryable(`no decision ${decisionId}`, 'DecisionNotValid');
      return { conversionId };
    }),
    attachFaxByAgent: jest.fn(),
    applyFaxDiscard: jest.fn(async ({ decisionId }: { decisionId: string }) => {
      if (attachments.get(decisionId) !== 'discard')
        throw ApplicationFailure.nonRetryable(`no discard ${decisionId}`, 'DecisionNotValid');
    }),
    // The conversion the fax belongs to, waiting for its documents (which "Postgres" holds once the fax is attached).
    documentsReturned: jest.fn().mockResolvedValue(true),
    openReviewTask: jest.fn().mockResolvedValue(undefined),
  } satisfies Partial<Record<keyof FaxActivities | string, jest.Mock>>;
}

/** A conversion waiting for its documents, to be told by the fax. */
async function waitingConversion(taskQueue: string) {
  const conversionId = randomUUID();
  const handle = await env.client.workflow.start(conversionWorkflow, {
    args: [{ conversionId, channel: 'online', policy: { returnDeadline: 30 * DAY, reviewEscalationAfter: 2 * DAY } }],
    taskQueue,
    workflowId: conversionWorkflowId(conversionId),
  });
  return { conversionId, handle };
}

async function inReview(handle: Awaited<ReturnType<typeof waitingConversion>>['handle']) {
  for (;;) {
    if ((await handle.query(conversionProgressQuery)).status === 'in_review') return true;
    await env.sleep('1 minute');
  }
}

/** A fax whose code could not be read, once its task for an agent is open. */
async function faxWaitingForAgent(taskQueue: string) {
  const fax = await env.client.workflow.start(inboundFaxWorkflow, {
    args: [{ faxId: randomUUID() }],
    taskQueue,
    workflowId: randomUUID(),
  });
  let taskId: string | undefined;
  while (!(taskId = (await fax.query(faxProgressQuery)).openTaskId)) await env.sleep('1 minute');
  return { fax, taskId };
}

describe('inboundFaxWorkflow', () => {
  it('attaches a fax by the code on its form, opening no task, and the conversion goes to review', async () => {
    const attachments = new Map<string, string>();
    const m = mocks({ outcome: 'unmatched', why: 'no_readable_code' }, attachments);
    await withWorkflowWorker(env, m, async (taskQueue) => {
      const { conversionId, handle } = await waitingConversion(taskQueue);
      m.matchFaxByCode.mockResolvedValue({ outcome: 'attached', conversionId });
      const result = await env.client.workflow.execute(inboundFaxWorkflow, {
        args: [{ faxId: randomUUID() }],
        taskQueue,
        workflowId: randomUUID(),
      });
      expect(result).toEqual({ attachedBy: 'code' });
      expect(await inReview(handle)).toBe(true);
    });
    expect(m.openFaxAttachmentTask).not.toHaveBeenCalled();
  });

  it('waits for an agent when the code cannot be read, refusing an attachment Postgres does not hold', async () => {
    const attachments = new Map<string, string>();
    const m = mocks({ outcome: 'unmatched', why: 'no_readable_code' }, attachments);
    await withWorkflowWorker(env, m, async (taskQueue) => {
      const { conversionId, handle: conversion } = await waitingConversion(taskQueue);
      const { fax, taskId } = await faxWaitingForAgent(taskQueue);
      await expect(
        fax.executeUpdate(attachFaxUpdate, { args: [{ taskId, decisionId: randomUUID() }] }),
      ).rejects.toThrow();
      await expect(fax.executeUpdate(attachFaxUpdate, { args: [{ taskId }] })).rejects.toThrow();
      expect((await fax.query(faxProgressQuery)).conversionId).toBeUndefined();
      const decisionId = randomUUID();
      attachments.set(decisionId, conversionId);
      await fax.executeUpdate(attachFaxUpdate, { args: [{ taskId, decisionId }] });
      expect(await fax.result()).toEqual({ attachedBy: 'agent' });
      expect(await inReview(conversion)).toBe(true);
    });
    expect(m.openFaxAttachmentTask).toHaveBeenCalledTimes(1);
  });

  it('ends when the agent discards the fax, on a discard Postgres holds, and takes no attachment after', async () => {
    const decisions = new Map<string, string>();
    const m = mocks({ outcome: 'unmatched', why: 'no_readable_code' }, decisions);
    await withWorkflowWorker(env, m, async (taskQueue) => {
      const { fax, taskId } = await faxWaitingForAgent(taskQueue);
      // A discard nobody recorded, and one for another task, change nothing.
      await expect(
        fax.executeUpdate(discardFaxUpdate, { args: [{ taskId, decisionId: randomUUID() }] }),
      ).rejects.toThrow();
      const recorded = randomUUID();
      decisions.set(recorded, 'discard');
      await expect(
        fax.executeUpdate(discardFaxUpdate, { args: [{ taskId: randomUUID(), decisionId: recorded }] }),
      ).rejects.toThrow();
      await fax.executeUpdate(discardFaxUpdate, { args: [{ taskId, decisionId: recorded }] });
      expect(await fax.result()).toEqual({ discarded: true });
    });
    expect(m.applyFaxAttachment).not.toHaveBeenCalled();
  });
});
