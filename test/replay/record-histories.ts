// Records workflow histories for the replay test: `npm run record-histories -- <label>` (e.g. v2). Run it when a
// workflow changes on purpose (behind patched()), and commit the new files beside the old ones: histories of every
// earlier version must keep replaying.
import { randomUUID } from 'node:crypto';
import { writeFileSync } from 'node:fs';
import path from 'node:path';
import { historyToJSON } from '@temporalio/common/lib/proto-utils';
import { Worker } from '@temporalio/worker';
import { pinRequestWorkflow, progressQuery, recordVerificationOutcomeUpdate } from '../../workflows/pin-request';
import { createTimeSkippingEnv } from '../support/time-skipping';

const done = async () => undefined;
const activities = (passes: boolean) => ({
  validateAgainstRegistry: async () =>
    passes ? { outcome: 'passed' } : { outcome: 'failed', failures: ['address_mismatch'] },
  recordStatus: done,
  openVerificationTask: done,
  completeVerificationTask: done,
  cancelVerificationTask: done,
  issueInitialPin: async (i: { credentialId: string; deliveryId: string }) => i,
  sendPinFirstHalf: done,
  dispatchPinLetter: async () => ({ reference: 'PH-REPLAY' }),
  sendRejectionNotice: done,
});

async function main() {
  const label = process.argv[2];
  if (!label || !/^[a-z0-9-]+$/.test(label)) throw new Error('usage: npm run record-histories -- <label, e.g. v2>');
  const env = await createTimeSkippingEnv();
  const out = path.join(__dirname, 'histories');
  const verification = { maxCallAttempts: 3, retryDelay: '4 hours', taskDeadline: '14 days' } as const;
  try {
    for (const scenario of ['registry-pass', 'agent-no-answer-then-verified'] as const) {
      const taskQueue = `record-${randomUUID()}`;
      const worker = await Worker.create({
        connection: env.nativeConnection,
        taskQueue,
        workflowsPath: require.resolve('../../workflows'),
        activities: activities(scenario === 'registry-pass'),
      });
      const workflowId = `pin-request:${randomUUID()}`;
      await worker.runUntil(async () => {
        const handle = await env.client.workflow.start(pinRequestWorkflow, {
          args: [{ requestId: workflowId.slice(12), verification }],
          taskQueue,
          workflowId,
        });
        if (scenario !== 'registry-pass') {
          for (const outcome of ['no_answer', 'verified'] as const) {
            let taskId: string | undefined;
            while (!(taskId = (await handle.query(progressQuery)).openTaskId)) await env.sleep('1 minute');
            await handle.executeUpdate(recordVerificationOutcomeUpdate, {
              args: [{ taskId, outcome, staffId: 'replay' }],
            });
          }
        }
        await handle.result();
        const history = await handle.fetchHistory();
        // The JSON `temporal workflow show --output json` writes, so histories taken from production fit beside these.
        // (It needs a single copy of protobufjs in node_modules: hence the direct dependency on it.)
        writeFileSync(path.join(out, `pin-request.${scenario}.${label}.json`), historyToJSON(history));
      });
    }
  } finally {
    await env.teardown();
  }
}

main().catch((err) => {
  console.error(err);
  process.exit(1);
});
