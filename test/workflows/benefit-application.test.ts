// The benefit application workflow with its activities mocked: straight to the back office with the rights of a PIN
// dispositivo; otherwise it waits, for months if need be, until a conversion says the PIN is dispositivo.
import { randomUUID } from 'node:crypto';
import type { WorkflowHandle } from '@temporalio/client';
import type { TestWorkflowEnvironment } from '@temporalio/testing';
import type { BenefitApplicationActivities } from '../../activities/benefit-applications';
import { benefitApplicationWorkflow, pinDispositivoGrantedSignal } from '../../workflows/benefit-application';
import { createTimeSkippingEnv } from '../support/time-skipping';
import { withWorkflowWorker } from '../support/workflow-worker';

let env: TestWorkflowEnvironment;
beforeAll(async () => {
  env = await createTimeSkippingEnv();
});
afterAll(() => env?.teardown());

function activities(holdsDispositivo: boolean) {
  return {
    applicantHoldsPinDispositivo: jest.fn().mockResolvedValue(holdsDispositivo),
    markApplicationWaiting: jest.fn().mockResolvedValue(undefined),
    handToBackOffice: jest.fn().mockResolvedValue({ backOfficeReference: 'BO-INPS.2026.000000001' }),
  } satisfies Record<keyof BenefitApplicationActivities, jest.Mock>;
}

describe('benefitApplicationWorkflow', () => {
  it('hands an application filed with dispositivo rights to the back office at once, never marking it waiting', async () => {
    const mocks = activities(true);
    const applicationId = randomUUID();
    const result = await withWorkflowWorker(env, mocks, (taskQueue) =>
      env.client.workflow.execute(benefitApplicationWorkflow, {
        args: [{ applicationId }],
        taskQueue,
        workflowId: randomUUID(),
      }),
    );
    expect(result).toEqual({ backOfficeReference: 'BO-INPS.2026.000000001' });
    expect(mocks.markApplicationWaiting).not.toHaveBeenCalled();
    expect(mocks.handToBackOffice).toHaveBeenCalledWith({ applicationId });
  });

  /** An application filed with a PIN ordinario, its process started; `then` drives it. */
  async function filedWithPinOrdinario(
    then: (handle: WorkflowHandle, mocks: ReturnType<typeof activities>, applicationId: string) => Promise<void>,
  ) {
    const mocks = activities(false);
    const applicationId = randomUUID();
    await withWorkflowWorker(env, mocks, async (taskQueue) => {
      const handle = await env.client.workflow.start(benefitApplicationWorkflow, {
        args: [{ applicationId }],
        taskQueue,
        workflowId: randomUUID(),
      });
      await then(handle, mocks, applicationId);
    });
    return mocks;
  }

  it('keeps an application filed with a PIN ordinario waiting until the PIN becomes dispositivo, months later', async () => {
    const mocks = await filedWithPinOrdinario(async (handle, mocks, applicationId) => {
      await env.sleep('90 days');
      expect(mocks.markApplicationWaiting).toHaveBeenCalledWith({ applicationId });
      expect(mocks.handToBackOffice).not.toHaveBeenCalled();
      // Postgres now says the applicant has the rights (a conversion, a strong sign-in): the signal makes it look.
      mocks.applicantHoldsPinDispositivo.mockResolvedValue(true);
      await handle.signal(pinDispositivoGrantedSignal);
      expect(await handle.result()).toEqual({ backOfficeReference: 'BO-INPS.2026.000000001' });
    });
    expect(mocks.handToBackOffice).toHaveBeenCalledTimes(1);
  });

  it('releases nothing on a signal alone: the rights are read again from Postgres, and it keeps waiting without them', async () => {
    await filedWithPinOrdinario(async (handle, mocks) => {
      await env.sleep('1 day');
      await handle.signal(pinDispositivoGrantedSignal);
      await env.sleep('1 day');
      expect(mocks.handToBackOffice).not.toHaveBeenCalled();
      expect(mocks.applicantHoldsPinDispositivo).toHaveBeenCalledTimes(2);
      mocks.applicantHoldsPinDispositivo.mockResolvedValue(true);
      await handle.signal(pinDispositivoGrantedSignal);
      expect(await handle.result()).toEqual({ backOfficeReference: 'BO-INPS.2026.000000001' });
    });
  });

  it('releases nothing on a signal that arrives before its first step either (sent with the start, or queued ahead)', async () => {
    const mocks = activities(false);
    const applicationId = randomUUID();
    await withWorkflowWorker(env, mocks, async (taskQueue) => {
      // Whoever can reach Temporal signals as the process starts: the signal is in its first workflow task.
      const handle = await env.client.workflow.signalWithStart(benefitApplicationWorkflow, {
        args: [{ applicationId }],
        taskQueue,
        workflowId: randomUUID(),
        signal: pinDispositivoGrantedSignal,
      });
      await env.sleep('1 day');
      expect(mocks.applicantHoldsPinDispositivo).toHaveBeenCalled();
      expect(mocks.handToBackOffice).not.toHaveBeenCalled();
      expect(mocks.markApplicationWaiting).toHaveBeenCalledWith({ applicationId });
      await handle.terminate();
    });
  });
});
