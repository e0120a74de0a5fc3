// The office issuance workflow with its activities mocked: after a PIN dispositivo is handed over at the desk, the
// PIN's lifecycle starts (as a child that outlives it) and the holder is told by email.
import { randomUUID } from 'node:crypto';
import type { TestWorkflowEnvironment } from '@temporalio/testing';
import { officeIssuanceWorkflow } from '../../workflows/office-issuance';
import { credentialLifecycleWorkflowId } from '../../workflows/ids';
import { createTimeSkippingEnv } from '../support/time-skipping';
import { withWorkflowWorker } from '../support/workflow-worker';

let env: TestWorkflowEnvironment;
beforeAll(async () => {
  env = await createTimeSkippingEnv();
});
afterAll(() => env?.teardown());

describe('officeIssuanceWorkflow', () => {
  it('starts the PIN’s lifecycle and tells the holder that a PIN dispositivo was issued at an office', async () => {
    const credentialId = randomUUID();
    const mocks = {
      sendCredentialNews: jest.fn().mockResolvedValue('sent'),
      // The lifecycle child, tested on its own, ends at once here.
      beginCredentialTerm: jest.fn().mockResolvedValue({ status: 'revoked' }),
      credentialRevoked: jest.fn().mockResolvedValue(true),
      sendRevocationNotice: jest.fn().mockResolvedValue('nothing_to_tell'),
    };
    await withWorkflowWorker(env, mocks, async (taskQueue) => {
      await env.client.workflow.execute(officeIssuanceWorkflow, {
        args: [{ credentialId }],
        taskQueue,
        workflowId: randomUUID(),
      });
      const lifecycle = env.client.workflow.getHandle(credentialLifecycleWorkflowId(credentialId));
      await lifecycle.result();
      expect((await lifecycle.describe()).type).toBe('credentialLifecycleWorkflow');
    });
    expect(mocks.sendCredentialNews).toHaveBeenCalledWith(
      expect.objectContaining({ credentialId, news: { kind: 'issued_at_office' } }),
    );
    expect(mocks.beginCredentialTerm).toHaveBeenCalledWith(expect.objectContaining({ credentialId }));
  });
});
