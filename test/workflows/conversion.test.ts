// The conversion workflow with its activities mocked, on the time-skipping test server: the form not returned in
// time lapses; returned, it is reviewed, escalated if nobody decides in time; approved, the waiting applications are
// released and the holder told; rejected, the holder is told why. The review's decision is believed only from
// "Postgres" (the mocked activity), never from the update's message. An office conversion only announces.
import { randomUUID } from 'node:crypto';
import type { TestWorkflowEnvironment } from '@temporalio/testing';
import { ApplicationFailure } from '@temporalio/common';
import type { ConversionActivities, ReviewVerdict } from '../../activities/conversions';
import type { ConversionStatus } from '../../domain/conversion';
import { benefitApplicationWorkflow } from '../../workflows/benefit-application';
import {
  conversionProgressQuery,
  conversionWorkflow,
  documentsReturnedSignal,
  reviewDecisionUpdate,
  type ConversionWorkflowInput,
} from '../../workflows/conversion';
import { benefitApplicationWorkflowId } from '../../workflows/ids';
import { createTimeSkippingEnv } from '../support/time-skipping';
import { withWorkflowWorker } from '../support/workflow-worker';

let env: TestWorkflowEnvironment;
beforeAll(async () => {
  env = await createTimeSkippingEnv();
});
afterAll(() => env?.teardown());

const DAY = 86_400_000;
const CREDENTIAL_ID = randomUUID();
const POLICY: ConversionWorkflowInput['policy'] = { returnDeadline: 30 * DAY, reviewEscalationAfter: 2 * DAY };

/** Decisions "recorded in Postgres" by the console: decision id → verdict. */
const recorded = new Map<string, ReviewVerdict>();
const decide = (verdict: ReviewVerdict) => {
  const id = randomUUID();
  recorded.set(id, verdict);
  return id;
};

/** The activities, over a conversion "in Postgres" that starts `initially` and moves as the real ones move it. */
function mocks(waitingApplications: string[] = [], initially: ConversionStatus = 'awaiting_documents') {
  const postgres = { status: initially };
  return {
    // "Postgres" holds the documents returned: the signal saying so is borne out.
    documentsReturned: jest.fn().mockResolvedValue(true),
    openReviewTask: jest.fn().mockResolvedValue(undefined),
    escalateReviewTask: jest.fn().mockResolvedValue(undefined),
    applyReviewDecision: jest.fn(async ({ decisionId }: { decisionId: string }) => {
      const verdict = recorded.get(decisionId);
      if (!verdict) throw ApplicationFailure.nonRetryable(`no decision ${decisionId}`, 'DecisionNotValid');
      postgres.status = verdict.decision;
      return verdict;
    }),
    recordReviewDecision: jest.fn(),
    // A conversion already decided does not lapse.
    expireConversion: jest.fn(async () => {
      if (postgres.status === 'awaiting_documents' || postgres.status === 'in_review') postgres.status = 'expired';
    }),
    conversionSummary: jest.fn(async () => ({
      credentialId: CREDENTIAL_ID,
      requestCode: 'CNV-7K3M-Q9XH',
      status: postgres.status,
    })),
    applicationsWaitingForDispositivo: jest.fn().mockResolvedValue(waitingApplications),
    sendCredentialNews: jest.fn().mockResolvedValue('sent'),
    // The released applications' own workflows, started in the test: each finds no rights when filed (its first
    // look) and, told by the conversion, finds the PIN now dispositivo (as Postgres would say once it is approved).
    applicantHoldsPinDispositivo: jest
      .fn()
      .mockResolvedValueOnce(false)
      .mockResolvedValueOnce(false)
      .mockResolvedValue(true),
    markApplicationWaiting: jest.fn().mockResolvedValue(undefined),
    handToBackOffice: jest.fn().mockResolvedValue({ backOfficeReference: 'BO-1' }),
  } satisfies Partial<Record<keyof ConversionActivities | string, jest.Mock>>;
}

async function startOnline(taskQueue: string) {
  return env.client.workflow.start(conversionWorkflow, {
    args: [{ conversionId: randomUUID(), channel: 'online', policy: POLICY }],
    taskQueue,
    workflowId: randomUUID(),
  });
}

/** An office conversion's run, to its end. */
const runAtTheDesk = (activities: object) =>
  withWorkflowWorker(env, activities, (taskQueue) =>
    env.client.workflow.execute(conversionWorkflow, {
      args: [{ conversionId: randomUUID(), channel: 'office', policy: POLICY }],
      taskQueue,
      workflowId: randomUUID(),
    }),
  );

async function reviewTaskOf(handle: Awaited<ReturnType<typeof startOnline>>) {
  for (;;) {
    const progress = await handle.query(conversionProgressQuery);
    if (progress.reviewTaskId) return progress.reviewTaskId;
    await env.sleep('1 minute');
  }
}

describe('conversionWorkflow', () => {
  it('lapses when the signed form does not come back in time, and tells the holder so', async () => {
    const m = mocks();
    const result = await withWorkflowWorker(env, m, async (taskQueue) => (await startOnline(taskQueue)).result());
    expect(result).toEqual({ outcome: 'expired' });
    expect(m.expireConversion).toHaveBeenCalledTimes(1);
    expect(m.openReviewTask).not.toHaveBeenCalled();
    expect(m.sendCredentialNews).toHaveBeenCalledWith(
      expect.objectContaining({ news: { kind: 'conversion_lapsed', requestCode: 'CNV-7K3M-Q9XH' } }),
    );
  });

  it('takes "documents returned" only when Postgres holds them: told so before, it goes on waiting', async () => {
    const m = mocks();
    m.documentsReturned.mockResolvedValueOnce(false);
    await withWorkflowWorker(env, m, async (taskQueue) => {
      const handle = await startOnline(taskQueue);
      await env.sleep('1 day');
      await handle.signal(documentsReturnedSignal);
      await env.sleep('1 day');
      expect(m.documentsReturned).toHaveBeenCalledTimes(1);
      expect((await handle.query(conversionProgressQuery)).status).toBe('awaiting_documents');
      expect(m.openReviewTask).not.toHaveBeenCalled();
      // The documents come, within the same 30 days (not 30 more): the review opens.
      await env.sleep('20 days');
      await handle.signal(documentsReturnedSignal);
      const taskId = await reviewTaskOf(handle);
      expect(m.openReviewTask).toHaveBeenCalledTimes(1);
      await handle.executeUpdate(reviewDecisionUpdate, {
        args: [{ taskId, decisionId: decide({ decision: 'approved' }) }],
      });
      expect(await handle.result()).toEqual({ outcome: 'approved' });
    });
    expect(m.expireConversion).not.toHaveBeenCalled();
  });

  it('lapses on the deadline set at the start, whatever it was told that Postgres did not bear out', async () => {
    const m = mocks();
    m.documentsReturned.mockResolvedValue(false);
    const started = await env.currentTimeMs();
    let lapsedAt = 0;
    const expire = m.expireConversion.getMockImplementation()!;
    m.expireConversion.mockImplementation(async () => {
      lapsedAt = await env.currentTimeMs();
      await expire();
    });
    const result = await withWorkflowWorker(env, m, async (taskQueue) => {
      const handle = await startOnline(taskQueue);
      await env.sleep('10 days');
      await handle.signal(documentsReturnedSignal);
      return handle.result();
    });
    expect(result).toEqual({ outcome: 'expired' });
    expect(m.openReviewTask).not.toHaveBeenCalled();
    expect(lapsedAt - started).toBeGreaterThanOrEqual(30 * DAY);
    expect(lapsedAt - started).toBeLessThan(30 * DAY + 60_000);
  });

  it('approved: releases every application that was waiting, and tells the holder', async () => {
    const applications = [randomUUID(), randomUUID()];
    const m = mocks(applications);
    await withWorkflowWorker(env, m, async (taskQueue) => {
      for (const applicationId of applications)
        await env.client.workflow.start(benefitApplicationWorkflow, {
          args: [{ applicationId }],
          taskQueue,
          workflowId: benefitApplicationWorkflowId(applicationId),
        });
      const handle = await startOnline(taskQueue);
      await handle.signal(documentsReturnedSignal);
      const taskId = await reviewTaskOf(handle);
      await handle.executeUpdate(reviewDecisionUpdate, {
        args: [{ taskId, decisionId: decide({ decision: 'approved' }) }],
      });
      expect(await handle.result()).toEqual({ outcome: 'approved' });
      expect((await handle.query(conversionProgressQuery)).applicationsReleased).toBe(2);
      for (const applicationId of applications)
        expect(await env.client.workflow.getHandle(benefitApplicationWorkflowId(applicationId)).result()).toEqual({
          backOfficeReference: 'BO-1',
        });
    });
    expect(m.escalateReviewTask).not.toHaveBeenCalled();
    expect(m.sendCredentialNews).toHaveBeenCalledWith(
      expect.objectContaining({ news: { kind: 'conversion_approved' } }),
    );
  });

  it('escalates a review undecided after two days, and a rejection tells the holder why', async () => {
    const m = mocks();
    await withWorkflowWorker(env, m, async (taskQueue) => {
      const handle = await startOnline(taskQueue);
      await handle.signal(documentsReturnedSignal);
      const taskId = await reviewTaskOf(handle);
      await env.sleep('3 days');
      expect(m.escalateReviewTask).toHaveBeenCalledWith({ taskId });
      await handle.executeUpdate(reviewDecisionUpdate, {
        args: [{ taskId, decisionId: decide({ decision: 'rejected', reason: 'illegible' }) }],
      });
      expect(await handle.result()).toEqual({ outcome: 'rejected' });
    });
    expect(m.sendCredentialNews).toHaveBeenCalledWith(
      expect.objectContaining({
        news: { kind: 'conversion_rejected', reason: 'illegible', requestCode: 'CNV-7K3M-Q9XH' },
      }),
    );
    expect(m.applicationsWaitingForDispositivo).not.toHaveBeenCalled();
  });

  it('refuses a decision for another task, or one Postgres does not hold, and keeps waiting', async () => {
    const m = mocks();
    await withWorkflowWorker(env, m, async (taskQueue) => {
      const handle = await startOnline(taskQueue);
      await handle.signal(documentsReturnedSignal);
      const taskId = await reviewTaskOf(handle);
      await expect(
        handle.executeUpdate(reviewDecisionUpdate, {
          args: [{ taskId: randomUUID(), decisionId: decide({ decision: 'approved' }) }],
        }),
      ).rejects.toThrow();
      await expect(
        handle.executeUpdate(reviewDecisionUpdate, { args: [{ taskId, decisionId: randomUUID() }] }),
      ).rejects.toThrow();
      expect((await handle.query(conversionProgressQuery)).status).toBe('in_review');
      await handle.executeUpdate(reviewDecisionUpdate, {
        args: [{ taskId, decisionId: decide({ decision: 'approved' }) }],
      });
      expect(await handle.result()).toEqual({ outcome: 'approved' });
    });
  });

  it('an office conversion, decided at the desk, only announces it', async () => {
    const m = mocks([], 'approved');
    const result = await runAtTheDesk(m);
    expect(result).toEqual({ outcome: 'approved' });
    expect(m.openReviewTask).not.toHaveBeenCalled();
    expect(m.sendCredentialNews).toHaveBeenCalledTimes(1);
  });

  it('announces no approval Postgres does not hold: an "office" run nobody decided tells nobody, releases nothing', async () => {
    const m = mocks([randomUUID()], 'awaiting_documents');
    const result = await runAtTheDesk(m);
    expect(result).toEqual({ outcome: 'not_recorded' });
    expect(m.sendCredentialNews).not.toHaveBeenCalled();
    expect(m.applicationsWaitingForDispositivo).not.toHaveBeenCalled();
  });

  it('announces no lapse Postgres does not hold: a run started again on a decided conversion tells nobody', async () => {
    const m = mocks([], 'approved');
    const result = await withWorkflowWorker(env, m, async (taskQueue) => (await startOnline(taskQueue)).result());
    expect(m.expireConversion).toHaveBeenCalledTimes(1);
    expect(result).toEqual({ outcome: 'not_recorded' });
    expect(m.sendCredentialNews).not.toHaveBeenCalled();
  });
});
