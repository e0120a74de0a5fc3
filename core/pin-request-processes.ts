// Starting the workflow of a PIN request (a first PIN online or by phone, or a lost one): one per request, id from
// the request id, idempotent by construction.
import { WithStartWorkflowOperation, type Client } from '@temporalio/client';
import type { Config } from '../infra/config';
import type { Db } from '../infra/db';
import { logger } from '../infra/logger';
import { lostPinWorkflowId, pinRequestWorkflowId, submissionWorkflowId } from '../workflows/ids';
import { submissionWorkflow } from '../workflows/submission';
import { lostPinWorkflow } from '../workflows/lost-pin';
import type { PinRequestChannel } from '../domain/pin-request';
import { pinIssuedUpdate, pinRequestWorkflow, type VerificationPolicy } from '../workflows/pin-request';
import { notUnderWay, processStartOptions, startProcess, type ProcessStart } from './processes';
import { requestsNeverStarted } from '../repositories/pin-requests';
import { claimedSubmissionsNotTakenIn } from '../repositories/submissions';

export function verificationPolicy(config: Config): VerificationPolicy {
  return {
    maxCallAttempts: config.VERIFICATION_MAX_CALL_ATTEMPTS,
    retryDelay: config.VERIFICATION_RETRY_DELAY as VerificationPolicy['retryDelay'],
    taskDeadline: config.VERIFICATION_TASK_DEADLINE as VerificationPolicy['taskDeadline'],
  };
}

function pinRequestProcess(
  config: Config,
  requestId: string,
  channel: PinRequestChannel,
): ProcessStart<typeof pinRequestWorkflow> {
  return {
    workflowId: pinRequestWorkflowId(requestId),
    args: [{ requestId, verification: verificationPolicy(config), channel }],
    requestId,
    channel,
    stage: 'received',
  };
}

/** Starting twice is harmless: the second start attaches to the running workflow, or finds it ended. */
export async function startPinRequestWorkflow(
  client: Client,
  config: Config,
  requestId: string,
  channel: PinRequestChannel = 'online',
): Promise<void> {
  await startProcess(client, config, pinRequestWorkflow, pinRequestProcess(config, requestId, channel));
}

/**
 * A phone registration's workflow, started (or found running) and asked in the same call to answer once the PIN is
 * issued: the agent is still on the line, waiting to read out its first half.
 */
export async function startPhoneRegistrationWorkflow(
  client: Client,
  config: Config,
  requestId: string,
): Promise<{ deliveryId: string }> {
  return client.workflow.executeUpdateWithStart(pinIssuedUpdate, {
    startWorkflowOperation: new WithStartWorkflowOperation(
      pinRequestWorkflow,
      processStartOptions(config, pinRequestProcess(config, requestId, 'contact_center')),
    ),
  });
}

export async function startLostPinWorkflow(client: Client, config: Config, requestId: string): Promise<void> {
  await startProcess(client, config, lostPinWorkflow, {
    workflowId: lostPinWorkflowId(requestId),
    args: [{ requestId }],
    requestId,
    channel: 'online',
    stage: 'received',
  });
}

/** A submission stored (online request or lost PIN) is taken in by its workflow, after the citizen was answered. */
export async function startSubmissionWorkflow(client: Client, config: Config, submissionId: string): Promise<void> {
  await startProcess(client, config, submissionWorkflow, {
    workflowId: submissionWorkflowId(submissionId),
    args: [{ submissionId }],
    channel: 'online',
  });
}

/**
 * Submissions and requests stored but never started (the process died between the insert and the start, or Temporal
 * was down) are started now, so nothing stored is lost. Run at start-up, and by the minute's sweep for the rows older
 * than `olderThan` (a request: stored; a submission: claimed for its start); the younger ones are still the intake's. A
 * submission nobody claimed is left to the submission starters, which hand them to Temporal at the pipeline's pace
 * (core/submission-starter.ts). The ones whose workflow is under way already (started, and waiting for the worker
 * under a backlog) are left alone: the count is of the starts made.
 */
export async function startPendingPinRequests(
  db: Db,
  client: Client,
  config: Config,
  { olderThan }: { olderThan?: Date } = {},
): Promise<number> {
  const pending = await notUnderWay(client, await requestsNeverStarted(db, olderThan), (r) =>
    r.purpose === 'lost_pin' ? lostPinWorkflowId(r.id) : pinRequestWorkflowId(r.id),
  );
  for (const { id, purpose, channel } of pending)
    if (purpose === 'lost_pin') await startLostPinWorkflow(client, config, id);
    else await startPinRequestWorkflow(client, config, id, channel);
  const submissions = await notUnderWay(client, await claimedSubmissionsNotTakenIn(db, olderThan), (s) =>
    submissionWorkflowId(s.id),
  );
  for (const { id } of submissions) await startSubmissionWorkflow(client, config, id);
  const started = pending.length + submissions.length;
  if (started) logger.info({ count: started }, 'started pending PIN request workflows');
  return started;
}
