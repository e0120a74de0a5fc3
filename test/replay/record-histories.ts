// Records workflow histories for the replay test: `npm run record-histories -- <label>` (e.g. v3). Run it when a
// workflow changes on purpose (behind patched()), and commit the new files beside the old ones: histories of every
// earlier version must keep replaying.
import { randomUUID } from 'node:crypto';
import { writeFileSync } from 'node:fs';
import path from 'node:path';
import { historyToJSON } from '@temporalio/common/lib/proto-utils';
import type { TestWorkflowEnvironment } from '@temporalio/testing';
import { Worker } from '@temporalio/worker';
import { reminderTime, termEnd } from '../../domain/credential-term';
import { termPolicy } from '../../app/clients';
import { loadConfig } from '../../infra/config';
import { benefitApplicationWorkflow, pinDispositivoGrantedSignal } from '../../workflows/benefit-application';
import {
  conversionProgressQuery,
  conversionWorkflow,
  documentsReturnedSignal,
  reviewDecisionUpdate,
} from '../../workflows/conversion';
import { attachFaxUpdate, faxProgressQuery, inboundFaxWorkflow } from '../../workflows/inbound-fax';
import { officeIssuanceWorkflow } from '../../workflows/office-issuance';
import { phonePinRevokedSignal, phonePinWorkflow } from '../../workflows/phone-pin';
import {
  credentialConvertedSignal,
  credentialLifecycleWorkflow,
  credentialRevokedSignal,
  newPinAssignedSignal,
} from '../../workflows/credential-lifecycle';
import { lostPinWorkflow } from '../../workflows/lost-pin';
import { submissionWorkflow } from '../../workflows/submission';
import { letterMovedSignal, letterWorkflow } from '../../workflows/letter';
import { firstHalfAgainWorkflow } from '../../workflows/first-half-again';
import {
  pinIssuedUpdate,
  pinRequestWorkflow,
  progressQuery,
  recordVerificationOutcomeUpdate,
} from '../../workflows/pin-request';
import { createTimeSkippingEnv } from '../support/time-skipping';

const POLICY = termPolicy(loadConfig({ NODE_ENV: 'test' }));
const done = async () => undefined;
/** Where the letter of a letter scenario is, each time its workflow looks, and when it counts as lost. */
let letterJourney: string[] = [];
/** The conversion's status "in Postgres", as the activities below move it; an office one is approved at the desk. */
let conversionStatus = 'approved';
let letterLostAt = 0;
const activities = (passes: boolean, lifecycle: 'runs' | 'ends-at-once') => ({
  validateAgainstRegistry: async () =>
    passes ? { outcome: 'passed' } : { outcome: 'failed', failures: ['address_mismatch'] },
  recordStatus: done,
  openVerificationTask: done,
  completeVerificationTask: done,
  applyVerificationDecision: async ({ decisionId }: { decisionId: string }) => ({ outcome: decisionId }),
  cancelVerificationTask: done,
  adoptDataConfirmedByPhone: done,
  issueInitialPin: async (i: { credentialId: string; deliveryId: string }) => i,
  sendPinFirstHalf: done,
  sendPinFirstHalfAgain: done,
  sendPinSecondHalf: done,
  dispatchPinLetter: async () => ({ reference: 'PH-REPLAY' }),
  letterJourney: async () => ({
    status: letterJourney.length > 1 ? letterJourney.shift()! : letterJourney[0]!,
    lostAt: new Date(letterLostAt).toISOString(),
  }),
  recordLetterNotDelivered: async ({ lost }: { lost: boolean }) => ({
    status: lost ? 'lost' : 'returned',
    revokedCredentialId: randomUUID(),
  }),
  sendLetterNotDeliveredNotice: done,
  sendRevocationNotice: async () => 'nothing_to_tell',
  sendRejectionNotice: done,
  beginCredentialTerm: async ({ termStart }: { termStart: string }) => {
    if (lifecycle === 'ends-at-once') return { status: 'revoked' };
    const expiresAt = termEnd(new Date(termStart), 'citizen', POLICY);
    const reminderAt = reminderTime(expiresAt, POLICY);
    return {
      status: 'active',
      holder: 'citizen',
      kind: 'ordinario',
      expiresAt: expiresAt.toISOString(),
      reminderAt: reminderAt.toISOString(),
    };
  },
  sendExpiryReminder: async () => 'sent',
  expireCredential: async () => ({ outcome: 'expired' }),
  credentialRevoked: async () => true,
  credentialKind: async () => 'dispositivo',
  sendCredentialNews: async () => 'sent',
  openReviewTask: done,
  escalateReviewTask: done,
  recordReviewDecision: done,
  // The decision "recorded in Postgres" is named by its id; here the id is the decision itself.
  applyReviewDecision: async ({ decisionId }: { decisionId: string }) => {
    conversionStatus = decisionId;
    return decisionId === 'approved' ? { decision: 'approved' } : { decision: 'rejected', reason: 'illegible' };
  },
  expireConversion: async () => {
    conversionStatus = 'expired';
  },
  conversionSummary: async () => ({
    credentialId: randomUUID(),
    requestCode: 'CNV-0000-0000',
    status: conversionStatus,
  }),
  applicationsWaitingForDispositivo: async () => [randomUUID()],
  // Not when the application is filed; by the time the conversion's signal comes, yes (read again since v5).
  applicantHoldsPinDispositivo: (() => {
    let asked = 0;
    return async () => asked++ > 0;
  })(),
  markApplicationWaiting: done,
  handToBackOffice: async () => ({ backOfficeReference: 'BO-REPLAY' }),
  matchFaxByCode: async () => ({ outcome: 'unmatched', why: 'no_readable_code' }),
  openFaxAttachmentTask: done,
  attachFaxByAgent: done,
  applyFaxAttachment: async () => ({ conversionId: randomUUID() }),
  expirePhonePin: async () => 'expired',
  phonePinRevoked: async () => true,
  documentsReturned: async () => true,
  takeInSubmission: async () => ({ outcome: 'new_request', requestId: randomUUID() }),
  startRequestProcess: done,
  sendSubmissionNotice: done,
});

type Scenario = {
  name: string;
  passes?: boolean;
  lifecycle?: 'runs';
  /** Runs the workflow to its end; returns the ids of the runs whose histories to keep. */
  run(env: TestWorkflowEnvironment, taskQueue: string): Promise<Array<{ workflowId: string; runId?: string }>>;
};

const verification = { maxCallAttempts: 3, retryDelay: '4 hours', taskDeadline: '14 days' } as const;

/** Runs a one-input workflow to its end under the id `<prefix>:<uuid>`, the uuid being its business id. */
async function executeToEnd<I>(
  env: TestWorkflowEnvironment,
  taskQueue: string,
  prefix: string,
  workflow: (input: I) => Promise<unknown>,
  input: (id: string) => I,
) {
  const id = randomUUID();
  const workflowId = `${prefix}:${id}`;
  await env.client.workflow.execute(workflow, { args: [input(id)], taskQueue, workflowId });
  return [{ workflowId }];
}

const SCENARIOS: Scenario[] = [
  {
    name: 'pin-request.registry-pass',
    passes: true,
    run: (env, taskQueue) =>
      executeToEnd(env, taskQueue, 'pin-request', pinRequestWorkflow, (id) => ({ requestId: id, verification })),
  },
  {
    name: 'pin-request.agent-no-answer-then-verified',
    async run(env, taskQueue) {
      const workflowId = `pin-request:${randomUUID()}`;
      const handle = await env.client.workflow.start(pinRequestWorkflow, {
        args: [{ requestId: workflowId.slice(12), verification }],
        taskQueue,
        workflowId,
      });
      for (const outcome of ['no_answer', 'verified'] as const) {
        let taskId: string | undefined;
        while (!(taskId = (await handle.query(progressQuery)).openTaskId)) await env.sleep('1 minute');
        // The console's decision, recorded in Postgres; here its id names the outcome (applyVerificationDecision below).
        await handle.executeUpdate(recordVerificationOutcomeUpdate, { args: [{ taskId, decisionId: outcome }] });
      }
      await handle.result();
      return [{ workflowId }];
    },
  },
  {
    // Registered by an agent at 803 164: no verification call; the console waits (update) for the PIN to read out.
    name: 'pin-request.phone-registration',
    // The agent registers only what the registry confirms: since DECISIONS_AND_REGISTRY_FROM_POSTGRES a failed check
    // is for an office, and no PIN would come for the update to return.
    passes: true,
    async run(env, taskQueue) {
      const workflowId = `pin-request:${randomUUID()}`;
      const handle = await env.client.workflow.start(pinRequestWorkflow, {
        args: [{ requestId: workflowId.slice(12), verification, channel: 'contact_center' }],
        taskQueue,
        workflowId,
      });
      await handle.executeUpdate(pinIssuedUpdate);
      await handle.result();
      return [{ workflowId }];
    },
  },
  {
    // Taken in online: a new request, its process started, the link to follow it sent.
    name: 'submission.new-request',
    run: (env, taskQueue) =>
      executeToEnd(env, taskQueue, 'submission', submissionWorkflow, (id) => ({ submissionId: id })),
  },
  {
    name: 'lost-pin.delivered',
    run: (env, taskQueue) => executeToEnd(env, taskQueue, 'lost-pin', lostPinWorkflow, (id) => ({ requestId: id })),
  },
  {
    // Two runs: reminded, expired, renewed (continue-as-new); then the new term, revoked.
    name: 'credential-lifecycle.expired-renewed-revoked',
    lifecycle: 'runs',
    async run(env, taskQueue) {
      const workflowId = `credential:${randomUUID()}`;
      const handle = await env.client.workflow.start(credentialLifecycleWorkflow, {
        args: [{ credentialId: workflowId.slice(11) }],
        taskQueue,
        workflowId,
      });
      await env.sleep('200 days');
      const firstRunId = (await handle.describe()).runId;
      await handle.signal(newPinAssignedSignal);
      await env.sleep('1 minute');
      const latest = env.client.workflow.getHandle(workflowId);
      await env.sleep('30 days');
      await latest.signal(credentialRevokedSignal);
      await latest.result();
      return [{ workflowId, runId: firstRunId }, { workflowId }];
    },
  },
  {
    // A term in which the PIN becomes dispositivo, then revoked.
    name: 'credential-lifecycle.converted-revoked',
    lifecycle: 'runs',
    async run(env, taskQueue) {
      const workflowId = `credential:${randomUUID()}`;
      const handle = await env.client.workflow.start(credentialLifecycleWorkflow, {
        args: [{ credentialId: workflowId.slice(11) }],
        taskQueue,
        workflowId,
      });
      await env.sleep('10 days');
      await handle.signal(credentialConvertedSignal);
      await env.sleep('1 day');
      await handle.signal(credentialRevokedSignal);
      await handle.result();
      return [{ workflowId }];
    },
  },
  {
    // Uploaded, left undecided past the escalation time, then approved (one application waiting).
    name: 'conversion.escalated-approved',
    async run(env, taskQueue) {
      const workflowId = `conversion:${randomUUID()}`;
      const handle = await env.client.workflow.start(conversionWorkflow, {
        args: [{ conversionId: workflowId.slice(11), channel: 'online', policy: conversionPolicy }],
        taskQueue,
        workflowId,
      });
      await handle.signal(documentsReturnedSignal);
      await env.sleep('3 days');
      const { reviewTaskId } = await handle.query(conversionProgressQuery);
      await handle.executeUpdate(reviewDecisionUpdate, {
        args: [{ taskId: reviewTaskId!, decisionId: 'approved' }],
      });
      await handle.result();
      return [{ workflowId }];
    },
  },
  {
    name: 'conversion.rejected',
    async run(env, taskQueue) {
      const workflowId = `conversion:${randomUUID()}`;
      const handle = await env.client.workflow.start(conversionWorkflow, {
        args: [{ conversionId: workflowId.slice(11), channel: 'online', policy: conversionPolicy }],
        taskQueue,
        workflowId,
      });
      await handle.signal(documentsReturnedSignal);
      let taskId: string | undefined;
      while (!(taskId = (await handle.query(conversionProgressQuery)).reviewTaskId)) await env.sleep('1 minute');
      await handle.executeUpdate(reviewDecisionUpdate, {
        args: [{ taskId, decisionId: 'rejected' }],
      });
      await handle.result();
      return [{ workflowId }];
    },
  },
  {
    name: 'conversion.office',
    run: (env, taskQueue) => {
      conversionStatus = 'approved';
      return executeToEnd(env, taskQueue, 'conversion', conversionWorkflow, (id) => ({
        conversionId: id,
        channel: 'office' as const,
        policy: conversionPolicy,
      }));
    },
  },
  {
    name: 'benefit-application.waited-then-granted',
    async run(env, taskQueue) {
      const workflowId = `benefit-application:${randomUUID()}`;
      const handle = await env.client.workflow.start(benefitApplicationWorkflow, {
        args: [{ applicationId: workflowId.slice(20) }],
        taskQueue,
        workflowId,
      });
      await env.sleep('30 days');
      await handle.signal(pinDispositivoGrantedSignal);
      await handle.result();
      return [{ workflowId }];
    },
  },
  {
    name: 'inbound-fax.attached-by-agent',
    async run(env, taskQueue) {
      const workflowId = `inbound-fax:phaxio:${Date.now()}`;
      const handle = await env.client.workflow.start(inboundFaxWorkflow, {
        args: [{ faxId: randomUUID() }],
        taskQueue,
        workflowId,
      });
      let taskId: string | undefined;
      while (!(taskId = (await handle.query(faxProgressQuery)).openTaskId)) await env.sleep('1 minute');
      await handle.executeUpdate(attachFaxUpdate, {
        args: [{ taskId, decisionId: randomUUID() }],
      });
      await handle.result();
      return [{ workflowId }];
    },
  },
  {
    // The signed form never came back: the request lapses and the holder is told.
    name: 'conversion.lapsed',
    run: (env, taskQueue) =>
      executeToEnd(env, taskQueue, 'conversion', conversionWorkflow, (id) => ({
        conversionId: id,
        channel: 'online' as const,
        policy: conversionPolicy,
      })),
  },
  {
    // Posted, then returned to sender: the PIN dies, the requester is told.
    name: 'letter.returned',
    async run(env, taskQueue) {
      letterJourney = ['printed', 'returned'];
      letterLostAt = (await env.currentTimeMs()) + 21 * 86_400_000;
      const workflowId = `letter:${randomUUID()}`;
      const handle = await env.client.workflow.start(letterWorkflow, {
        args: [{ letterId: workflowId.slice(7), requestId: randomUUID() }],
        taskQueue,
        workflowId,
      });
      await env.sleep('3 days');
      await handle.signal(letterMovedSignal);
      await handle.result();
      return [{ workflowId }];
    },
  },
  {
    // Started as the print house took it, with where it was: the first task only waits; delivered.
    name: 'letter.started-with-journey-delivered',
    async run(env, taskQueue) {
      letterJourney = ['delivered'];
      letterLostAt = (await env.currentTimeMs()) + 21 * 86_400_000;
      const workflowId = `letter:${randomUUID()}`;
      const journey = { status: 'printed' as const, lostAt: new Date(letterLostAt).toISOString() };
      const handle = await env.client.workflow.start(letterWorkflow, {
        args: [{ letterId: workflowId.slice(7), requestId: randomUUID(), journey }],
        taskQueue,
        workflowId,
      });
      await env.sleep('2 days');
      await handle.signal(letterMovedSignal);
      await handle.result();
      return [{ workflowId }];
    },
  },
  {
    // No news by the deadline: given up as lost.
    name: 'letter.lost',
    run: async (env, taskQueue) => {
      letterJourney = ['in_transit'];
      letterLostAt = (await env.currentTimeMs()) + 21 * 86_400_000;
      return executeToEnd(env, taskQueue, 'letter', letterWorkflow, (id) => ({ letterId: id, requestId: id }));
    },
  },
  {
    name: 'first-half-again.sent',
    run: (env, taskQueue) =>
      executeToEnd(env, taskQueue, 'first-half-again', firstHalfAgainWorkflow, (id) => ({
        requestId: id,
        deliveryId: id,
      })),
  },
  {
    name: 'office-issuance.issued',
    run: (env, taskQueue) =>
      executeToEnd(env, taskQueue, 'office-issuance', officeIssuanceWorkflow, (id) => ({ credentialId: id })),
  },
  {
    name: 'phone-pin.expired',
    async run(env, taskQueue) {
      const expiresAt = new Date((await env.currentTimeMs()) + 7 * 86_400_000).toISOString();
      return executeToEnd(env, taskQueue, 'phone-pin', phonePinWorkflow, (id) => ({ phonePinId: id, expiresAt }));
    },
  },
  {
    name: 'phone-pin.revoked',
    async run(env, taskQueue) {
      const workflowId = `phone-pin:${randomUUID()}`;
      const expiresAt = new Date((await env.currentTimeMs()) + 30 * 86_400_000).toISOString();
      const handle = await env.client.workflow.start(phonePinWorkflow, {
        args: [{ phonePinId: workflowId.slice(10), expiresAt }],
        taskQueue,
        workflowId,
      });
      await env.sleep('2 days');
      await handle.signal(phonePinRevokedSignal);
      await handle.result();
      return [{ workflowId }];
    },
  },
];

const conversionPolicy = { returnDeadline: '60 days', reviewEscalationAfter: '2 days' } as const;

async function main() {
  const label = process.argv[2];
  if (!label || !/^[a-z0-9-]+$/.test(label)) throw new Error('usage: npm run record-histories -- <label, e.g. v3>');
  const only = process.argv.slice(3);
  const env = await createTimeSkippingEnv();
  const out = path.join(__dirname, 'histories');
  try {
    for (const scenario of SCENARIOS.filter((s) => !only.length || only.some((o) => s.name.startsWith(o)))) {
      const taskQueue = `record-${randomUUID()}`;
      const worker = await Worker.create({
        connection: env.nativeConnection,
        taskQueue,
        workflowsPath: require.resolve('../../workflows'),
        activities: activities(scenario.passes ?? false, scenario.lifecycle ?? 'ends-at-once'),
      });
      await worker.runUntil(async () => {
        const runs = await scenario.run(env, taskQueue);
        for (const [i, run] of runs.entries()) {
          const history = await env.client.workflow.getHandle(run.workflowId, run.runId).fetchHistory();
          const suffix = runs.length > 1 ? `.run${i + 1}` : '';
          // The JSON `temporal workflow show --output json` writes, so histories taken from production fit beside
          // these. (It needs a single copy of protobufjs in node_modules: hence the direct dependency on it.)
          writeFileSync(path.join(out, `${scenario.name}${suffix}.${label}.json`), historyToJSON(history));
        }
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
