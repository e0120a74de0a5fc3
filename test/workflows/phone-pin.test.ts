// The phone PIN workflow with its activities mocked: a timer ends the PIN when its validity runs out, to the minute;
// revoked before (as Postgres holds it), it ends at once and the timer never fires; a revocation signal Postgres does
// not bear out changes nothing.
import { randomUUID } from 'node:crypto';
import type { TestWorkflowEnvironment } from '@temporalio/testing';
import type { PhonePinActivities } from '../../activities/phone-pins';
import { phonePinRevokedSignal, phonePinWorkflow } from '../../workflows/phone-pin';
import { createTimeSkippingEnv } from '../support/time-skipping';
import { withWorkflowWorker } from '../support/workflow-worker';

let env: TestWorkflowEnvironment;
beforeAll(async () => {
  env = await createTimeSkippingEnv();
});
afterAll(() => env?.teardown());

const WEEK = 7 * 86_400_000;

describe('phonePinWorkflow', () => {
  it('expires the phone PIN when its week is up, not before', async () => {
    const expiredAt: number[] = [];
    const mocks = {
      expirePhonePin: jest.fn(async () => {
        expiredAt.push(await env.currentTimeMs());
        return 'expired' as const;
      }),
      phonePinRevoked: jest.fn(),
    } satisfies Record<keyof PhonePinActivities, jest.Mock>;
    const phonePinId = randomUUID();
    const start = await env.currentTimeMs();
    const result = await withWorkflowWorker(env, mocks, (taskQueue) =>
      env.client.workflow.execute(phonePinWorkflow, {
        args: [{ phonePinId, expiresAt: new Date(start + WEEK).toISOString() }],
        taskQueue,
        workflowId: randomUUID(),
      }),
    );
    expect(result).toBe('expired');
    expect(mocks.expirePhonePin).toHaveBeenCalledWith({ phonePinId });
    expect(expiredAt[0]! - start).toBeGreaterThanOrEqual(WEEK);
    expect(expiredAt[0]! - start).toBeLessThan(WEEK + 60_000);
  });

  it('ends at once when the citizen revokes it, and never expires it afterwards', async () => {
    const mocks = {
      expirePhonePin: jest.fn(),
      phonePinRevoked: jest.fn(async () => true),
    } satisfies Record<keyof PhonePinActivities, jest.Mock>;
    const start = await env.currentTimeMs();
    const result = await withWorkflowWorker(env, mocks, async (taskQueue) => {
      const handle = await env.client.workflow.start(phonePinWorkflow, {
        args: [{ phonePinId: randomUUID(), expiresAt: new Date(start + WEEK).toISOString() }],
        taskQueue,
        workflowId: randomUUID(),
      });
      await env.sleep('1 day');
      await handle.signal(phonePinRevokedSignal);
      return handle.result();
    });
    expect(result).toBe('revoked');
    expect(mocks.expirePhonePin).not.toHaveBeenCalled();
  });

  it('goes on to the end of its week when told of a revocation Postgres does not hold', async () => {
    const expiredAt: number[] = [];
    const mocks = {
      expirePhonePin: jest.fn(async () => {
        expiredAt.push(await env.currentTimeMs());
        return 'expired' as const;
      }),
      phonePinRevoked: jest.fn(async () => false),
    } satisfies Record<keyof PhonePinActivities, jest.Mock>;
    const phonePinId = randomUUID();
    const start = await env.currentTimeMs();
    const result = await withWorkflowWorker(env, mocks, async (taskQueue) => {
      const handle = await env.client.workflow.start(phonePinWorkflow, {
        args: [{ phonePinId, expiresAt: new Date(start + WEEK).toISOString() }],
        taskQueue,
        workflowId: randomUUID(),
      });
      await env.sleep('1 day');
      await handle.signal(phonePinRevokedSignal);
      return handle.result();
    });
    expect(mocks.phonePinRevoked).toHaveBeenCalledWith({ phonePinId });
    expect(result).toBe('expired');
    expect(expiredAt[0]! - start).toBeGreaterThanOrEqual(WEEK);
    expect(expiredAt[0]! - start).toBeLessThan(WEEK + 60_000);
  });
});
