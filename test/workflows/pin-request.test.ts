// The PIN request workflow's logic with its activities mocked, on the time-skipping test server: the real
// policy durations (hours between calls, days of deadline) pass in milliseconds.
import { randomUUID } from 'node:crypto';
import type { TestWorkflowEnvironment } from '@temporalio/testing';
import type { CredentialActivities } from '../../activities/credentials';
import type { LetterActivities } from '../../activities/letters';
import type { NotificationActivities } from '../../activities/notifications';
import type { PinRequestActivities, RegistryValidation } from '../../activities/pin-requests';
import { WorkflowUpdateStage } from '@temporalio/client';
import { ApplicationFailure } from '@temporalio/common';
import { temporal } from '@temporalio/proto';
import type { VerificationOutcome } from '../../domain/agent-task';
import {
  pinIssuedUpdate,
  pinRequestWorkflow,
  progressQuery,
  recordVerificationOutcomeUpdate,
  type PinRequestWorkflowInput,
} from '../../workflows/pin-request';
import { createTimeSkippingEnv } from '../support/time-skipping';
import { withWorkflowWorker } from '../support/workflow-worker';

const EventType = temporal.api.enums.v1.EventType;

/** Every activity a PIN request and its lifecycle child can call. */
type Activities = PinRequestActivities & CredentialActivities & NotificationActivities & LetterActivities;

let env: TestWorkflowEnvironment;
beforeAll(async () => {
  env = await createTimeSkippingEnv();
});
afterAll(() => env?.teardown());

/** The decisions "recorded in Postgres" by the console in these tests: decision id → outcome. */
const recorded = new Map<string, VerificationOutcome>();
function decide(outcome: VerificationOutcome): string {
  const decisionId = randomUUID();
  recorded.set(decisionId, outcome);
  return decisionId;
}

function mockActivities(validation: Awaited<ReturnType<Activities['validateAgainstRegistry']>>) {
  return {
    validateAgainstRegistry: jest.fn().mockResolvedValue(validation),
    recordStatus: jest.fn().mockResolvedValue(undefined),
    openVerificationTask: jest.fn().mockResolvedValue(undefined),
    // As the real one: only a decision Postgres holds is acted on.
    applyVerificationDecision: jest.fn().mockImplementation(async ({ decisionId }: { decisionId: string }) => {
      const outcome = recorded.get(decisionId);
      if (!outcome) throw ApplicationFailure.nonRetryable(`no decision ${decisionId}`, 'DecisionNotValid');
      return { outcome };
    }),
    completeVerificationTask: jest.fn().mockResolvedValue(undefined),
    cancelVerificationTask: jest.fn().mockResolvedValue(undefined),
    adoptDataConfirmedByPhone: jest.fn().mockResolvedValue(undefined),
    issueInitialPin: jest.fn().mockImplementation(async (i: { credentialId: string; deliveryId: string }) => i),
    sendPinFirstHalf: jest.fn().mockResolvedValue(undefined),
    dispatchPinLetter: jest.fn().mockResolvedValue({ reference: 'PH-1' }),
    sendPinSecondHalf: jest.fn(),
    sendPinFirstHalfAgain: jest.fn(),
    letterJourney: jest.fn(),
    recordLetterNotDelivered: jest.fn(),
    sendLetterNotDeliveredNotice: jest.fn(),
    sendRejectionNotice: jest.fn().mockResolvedValue(undefined),
    // The credential's lifecycle (a child workflow, tested on its own) ends at once here.
    beginCredentialTerm: jest.fn().mockResolvedValue({ status: 'revoked' }),
    expireCredential: jest.fn(),
    credentialRevoked: jest.fn().mockResolvedValue(true),
    credentialKind: jest.fn().mockResolvedValue('ordinario'),
    sendExpiryReminder: jest.fn(),
    sendComingOfAgeNotice: jest.fn(),
    sendPinRetirementNotices: jest.fn(),
    sendRevocationNotice: jest.fn().mockResolvedValue('nothing_to_tell'),
    retireAtComingOfAge: jest.fn(),
    sendCredentialNews: jest.fn(),
    sendSubmissionNotice: jest.fn(),
  } satisfies Record<keyof Activities, jest.Mock>;
}

const POLICY: PinRequestWorkflowInput['verification'] = {
  maxCallAttempts: 3,
  retryDelay: '4 hours',
  taskDeadline: '14 days',
};

async function run<T>(
  activities: ReturnType<typeof mockActivities>,
  body: (input: PinRequestWorkflowInput, taskQueue: string) => Promise<T>,
) {
  return withWorkflowWorker(env, activities, (taskQueue) =>
    body({ requestId: randomUUID(), verification: POLICY }, taskQueue),
  );
}

const FAILED: RegistryValidation = { outcome: 'failed', failures: ['address_mismatch'] };

async function startAndWaitForTask(input: PinRequestWorkflowInput, taskQueue: string) {
  const handle = await env.client.workflow.start(pinRequestWorkflow, {
    args: [input],
    taskQueue,
    workflowId: `pin-request:${input.requestId}`,
  });
  const waitForTask = async (attempt: number) => {
    for (;;) {
      const progress = await handle.query(progressQuery);
      if (progress.openTaskId && progress.callAttempts === attempt) return progress.openTaskId;
      await env.sleep('1 minute');
    }
  };
  return { handle, waitForTask };
}

describe('pinRequestWorkflow', () => {
  it('validated automatically: issues the PIN and sends both halves, opening no task', async () => {
    const activities = mockActivities({ outcome: 'passed' });
    const result = await run(activities, (input, taskQueue) =>
      env.client.workflow.execute(pinRequestWorkflow, { args: [input], taskQueue, workflowId: randomUUID() }),
    );
    expect(result).toMatchObject({ outcome: 'delivered', verifiedBy: 'registry' });
    expect(activities.openVerificationTask).not.toHaveBeenCalled();
    expect(activities.sendPinFirstHalf).toHaveBeenCalledTimes(1);
    expect(activities.dispatchPinLetter).toHaveBeenCalledTimes(1);
    const { deliveryId } = activities.issueInitialPin.mock.calls[0][0];
    expect(activities.sendPinFirstHalf.mock.calls[0][0].deliveryId).toBe(deliveryId);
    expect(activities.dispatchPinLetter.mock.calls[0][0].deliveryId).toBe(deliveryId);
    expect(activities.recordStatus.mock.calls.map((c) => c[0].status)).toEqual([
      'validating',
      'delivering',
      'delivered',
    ]);
  });

  it('confirmed by the registry: from "received" to both halves on their way in one workflow task', async () => {
    const activities = mockActivities({ outcome: 'passed' });
    const history = await run(activities, async (input, taskQueue) => {
      const handle = await env.client.workflow.start(pinRequestWorkflow, {
        args: [input],
        taskQueue,
        workflowId: randomUUID(),
      });
      await handle.result();
      return handle.fetchHistory();
    });
    const types = (history.events ?? []).map((e) => EventType[e.eventType!]!.replace(/^EVENT_TYPE_/, ''));
    const scheduled = (history.events ?? [])
      .filter((e) => e.activityTaskScheduledEventAttributes)
      .map((e) => e.activityTaskScheduledEventAttributes!.activityType!.name);
    // Only the providers are ordinary activities: Postgres's steps run inside the workflow task that asks for them.
    expect(scheduled.sort()).toEqual(['dispatchPinLetter', 'sendPinFirstHalf']);
    expect(
      types.slice(0, types.indexOf('ACTIVITY_TASK_SCHEDULED')).filter((t) => t === 'WORKFLOW_TASK_COMPLETED'),
    ).toEqual(['WORKFLOW_TASK_COMPLETED']);
    // The lifecycle is started by the step that issues the PIN, not as a child: no round trip to start it.
    expect(types).not.toContain('START_CHILD_WORKFLOW_EXECUTION_INITIATED');
    expect(activities.issueInitialPin.mock.calls[0][0]).toMatchObject({ startLifecycle: true });
    // Three workflow tasks at most (two when both providers answer together); 70 events in all before this change,
    // with the lifecycle's, and 10 workflow tasks (bench/README.md).
    expect(types.filter((t) => t === 'WORKFLOW_TASK_COMPLETED').length).toBeLessThanOrEqual(3);
    expect(types.length).toBeLessThanOrEqual(27);
  });

  it('verified on the phone: delivers after the agent says so', async () => {
    const activities = mockActivities(FAILED);
    const result = await run(activities, async (input, taskQueue) => {
      const { handle, waitForTask } = await startAndWaitForTask(input, taskQueue);
      const taskId = await waitForTask(1);
      await handle.executeUpdate(recordVerificationOutcomeUpdate, {
        args: [{ taskId, decisionId: decide('verified') }],
      });
      return handle.result();
    });
    expect(result).toMatchObject({ outcome: 'delivered', verifiedBy: 'agent' });
    expect(activities.applyVerificationDecision).toHaveBeenCalledTimes(1);
    expect(activities.completeVerificationTask).not.toHaveBeenCalled();
    expect(activities.openVerificationTask.mock.calls[0][0]).toMatchObject({
      attempt: 1,
      failures: ['address_mismatch'],
    });
  });

  it('goes on with the call already in the queue when a run someone else started opened it first', async () => {
    const activities = mockActivities(FAILED);
    activities.openVerificationTask.mockResolvedValue({ taskId: 'call-in-the-queue' });
    const result = await run(activities, async (input, taskQueue) => {
      const { handle, waitForTask } = await startAndWaitForTask(input, taskQueue);
      expect(await waitForTask(1)).toBe('call-in-the-queue');
      await handle.executeUpdate(recordVerificationOutcomeUpdate, {
        args: [{ taskId: 'call-in-the-queue', decisionId: decide('verified') }],
      });
      return handle.result();
    });
    expect(result).toMatchObject({ outcome: 'delivered', verifiedBy: 'agent' });
  });

  it('not verified: rejects and tells the citizen, issuing nothing', async () => {
    const activities = mockActivities(FAILED);
    const result = await run(activities, async (input, taskQueue) => {
      const { handle, waitForTask } = await startAndWaitForTask(input, taskQueue);
      await handle.executeUpdate(recordVerificationOutcomeUpdate, {
        args: [{ taskId: await waitForTask(1), decisionId: decide('not_verified') }],
      });
      return handle.result();
    });
    expect(result).toEqual({ outcome: 'rejected', reason: 'identity_not_verified' });
    expect(activities.issueInitialPin).not.toHaveBeenCalled();
    expect(activities.sendRejectionNotice).toHaveBeenCalledWith(
      expect.objectContaining({ reason: 'identity_not_verified' }),
    );
  });

  it('no answer: waits the retry delay between calls and gives up after the last attempt', async () => {
    const activities = mockActivities(FAILED);
    const { result, elapsedMs } = await run(activities, async (input, taskQueue) => {
      const started = await env.currentTimeMs();
      const { handle, waitForTask } = await startAndWaitForTask(input, taskQueue);
      for (let attempt = 1; attempt <= 3; attempt++) {
        const taskId = await waitForTask(attempt);
        await handle.executeUpdate(recordVerificationOutcomeUpdate, {
          args: [{ taskId, decisionId: decide('no_answer') }],
        });
      }
      const result = await handle.result();
      return { result, elapsedMs: (await env.currentTimeMs()) - started };
    });
    expect(result).toEqual({ outcome: 'rejected', reason: 'unreachable_by_phone' });
    expect(activities.openVerificationTask).toHaveBeenCalledTimes(3);
    // Two waits of four hours between the three calls: the real policy, crossed by the time-skipping server.
    expect(elapsedMs).toBeGreaterThanOrEqual(8 * 3_600_000);
    expect(activities.recordStatus.mock.calls.map((c) => c[0].status)).toContain('verification_call_scheduled');
  });

  it('nobody takes the task before the deadline: cancels it and rejects', async () => {
    const activities = mockActivities(FAILED);
    const result = await run(activities, (input, taskQueue) =>
      env.client.workflow.execute(pinRequestWorkflow, { args: [input], taskQueue, workflowId: randomUUID() }),
    );
    expect(result).toEqual({ outcome: 'rejected', reason: 'verification_not_completed' });
    expect(activities.cancelVerificationTask).toHaveBeenCalledTimes(1);
  });

  it('refuses an outcome for a task it is not waiting for', async () => {
    const activities = mockActivities(FAILED);
    // The SMS is held until the last refusal: a workflow that had already ended would answer "not found" instead.
    let letSmsGo!: () => void;
    const smsHeld = new Promise<void>((resolve) => (letSmsGo = resolve));
    activities.sendPinFirstHalf.mockImplementation(() => smsHeld);
    await run(activities, async (input, taskQueue) => {
      const { handle, waitForTask } = await startAndWaitForTask(input, taskQueue);
      const taskId = await waitForTask(1);
      await expect(
        handle.executeUpdate(recordVerificationOutcomeUpdate, {
          args: [{ taskId: randomUUID(), decisionId: decide('verified') }],
        }),
      ).rejects.toMatchObject({ cause: { type: 'TaskNotOpen' } });
      await handle.executeUpdate(recordVerificationOutcomeUpdate, {
        args: [{ taskId, decisionId: decide('verified') }],
      });
      await expect(
        handle.executeUpdate(recordVerificationOutcomeUpdate, {
          args: [{ taskId, decisionId: decide('not_verified') }],
        }),
      ).rejects.toMatchObject({ cause: { type: 'TaskNotOpen' } });
      letSmsGo();
      expect(await handle.result()).toMatchObject({ outcome: 'delivered' });
    });
    expect(activities.applyVerificationDecision).toHaveBeenCalledTimes(1);
  });

  it('a decision Postgres does not hold changes nothing: the task stays open until a recorded one arrives', async () => {
    const activities = mockActivities(FAILED);
    await run(activities, async (input, taskQueue) => {
      const { handle, waitForTask } = await startAndWaitForTask(input, taskQueue);
      const taskId = await waitForTask(1);
      await expect(
        handle.executeUpdate(recordVerificationOutcomeUpdate, { args: [{ taskId, decisionId: randomUUID() }] }),
      ).rejects.toThrow();
      // The legacy shape, an outcome and an agent in the message itself, is not believed either.
      await expect(
        handle.executeUpdate(recordVerificationOutcomeUpdate, {
          args: [{ taskId, outcome: 'verified', staffId: 'agent-1' }],
        }),
      ).rejects.toThrow();
      expect((await handle.query(progressQuery)).openTaskId).toBe(taskId);
      expect(activities.issueInitialPin).not.toHaveBeenCalled();
      await handle.executeUpdate(recordVerificationOutcomeUpdate, {
        args: [{ taskId, decisionId: decide('not_verified') }],
      });
      expect(await handle.result()).toEqual({ outcome: 'rejected', reason: 'identity_not_verified' });
    });
    expect(activities.completeVerificationTask).not.toHaveBeenCalled();
  });

  it('someone the registry does not hold is refused at once: no call, no PIN, and told where to go', async () => {
    const activities = mockActivities({ outcome: 'failed', failures: ['not_in_registry'], channel: 'online' });
    const result = await run(activities, (input, taskQueue) =>
      env.client.workflow.execute(pinRequestWorkflow, { args: [input], taskQueue, workflowId: randomUUID() }),
    );
    expect(result).toEqual({ outcome: 'rejected', reason: 'not_in_registry' });
    expect(activities.openVerificationTask).not.toHaveBeenCalled();
    expect(activities.issueInitialPin).not.toHaveBeenCalled();
    expect(activities.sendRejectionNotice).toHaveBeenCalledWith(expect.objectContaining({ reason: 'not_in_registry' }));
  });

  it('registered by phone: opens no task, writes nothing to the registry, and tells the agent the PIN is issued', async () => {
    const PASSED: RegistryValidation = { outcome: 'passed', channel: 'contact_center' };
    const activities = mockActivities(PASSED);
    // The first half leaves once the agent's screen is listening (in production the console starts the two together,
    // update-with-start): the run cannot end before the update is heard.
    let releaseFirstHalf!: () => void;
    activities.sendPinFirstHalf.mockImplementation(
      () => new Promise<void>((resolve) => (releaseFirstHalf = () => resolve())),
    );
    const { result, issued } = await run(activities, async (input, taskQueue) => {
      const handle = await env.client.workflow.start(pinRequestWorkflow, {
        args: [{ ...input, channel: 'contact_center' }],
        taskQueue,
        workflowId: randomUUID(),
      });
      const update = await handle.startUpdate(pinIssuedUpdate, { waitForStage: WorkflowUpdateStage.ACCEPTED });
      while (!releaseFirstHalf) await env.sleep('1 second');
      releaseFirstHalf();
      return { issued: await update.result(), result: await handle.result() };
    });
    expect(result).toMatchObject({ outcome: 'delivered', verifiedBy: 'agent' });
    expect(activities.openVerificationTask).not.toHaveBeenCalled();
    expect(activities.adoptDataConfirmedByPhone).not.toHaveBeenCalled();
    expect(issued.deliveryId).toBe(activities.issueInitialPin.mock.calls[0][0].deliveryId);
    expect(activities.sendPinFirstHalf).toHaveBeenCalledTimes(1);
    expect(activities.dispatchPinLetter).toHaveBeenCalledTimes(1);
  });

  it('a phone registration the registry no longer agrees with is refused, whatever channel the start message claims', async () => {
    const activities = mockActivities({ outcome: 'failed', failures: ['address_mismatch'], channel: 'contact_center' });
    const result = await run(activities, (input, taskQueue) =>
      env.client.workflow.execute(pinRequestWorkflow, {
        // The start message says "online" (a forged start would): Postgres's channel decides.
        args: [{ ...input, channel: 'online' }],
        taskQueue,
        workflowId: randomUUID(),
      }),
    );
    expect(result).toEqual({ outcome: 'rejected', reason: 'registry_mismatch' });
    expect(activities.adoptDataConfirmedByPhone).not.toHaveBeenCalled();
    expect(activities.issueInitialPin).not.toHaveBeenCalled();
  });

  it('has no PIN to read out for an online request', async () => {
    const activities = mockActivities(FAILED);
    await run(activities, async (input, taskQueue) => {
      const { handle, waitForTask } = await startAndWaitForTask(input, taskQueue);
      await waitForTask(1);
      await expect(handle.executeUpdate(pinIssuedUpdate)).rejects.toMatchObject({ cause: { type: 'NotByPhone' } });
      await handle.terminate();
    });
  });
});
