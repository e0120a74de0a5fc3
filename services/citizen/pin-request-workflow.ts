// Starting the workflow of a PIN request (a first PIN, or a lost one): one per request, id from the request id,
// idempotent by construction.
import { WorkflowIdConflictPolicy, type Client } from '@temporalio/client';
import type { Config } from '../../infra/config';
import type { Db } from '../../infra/db';
import { logger } from '../../infra/logger';
import { lostPinWorkflowId, pinRequestWorkflowId } from '../../workflows/ids';
import { lostPinWorkflow } from '../../workflows/lost-pin';
import { pinRequestWorkflow, type VerificationPolicy } from '../../workflows/pin-request';
import { SEARCH_ATTRIBUTES } from '../../workflows/search-attributes';

export function verificationPolicy(config: Config): VerificationPolicy {
  return {
    maxCallAttempts: config.VERIFICATION_MAX_CALL_ATTEMPTS,
    retryDelay: config.VERIFICATION_RETRY_DELAY as VerificationPolicy['retryDelay'],
    taskDeadline: config.VERIFICATION_TASK_DEADLINE as VerificationPolicy['taskDeadline'],
  };
}

/** Starting twice is harmless: the second start attaches to the running workflow. */
export async function startPinRequestWorkflow(client: Client, config: Config, requestId: string): Promise<void> {
  await client.workflow.start(pinRequestWorkflow, {
    workflowId: pinRequestWorkflowId(requestId),
    taskQueue: config.TEMPORAL_TASK_QUEUE,
    args: [{ requestId, verification: verificationPolicy(config) }],
    workflowIdConflictPolicy: WorkflowIdConflictPolicy.USE_EXISTING,
    typedSearchAttributes: [
      { key: SEARCH_ATTRIBUTES.requestChannel, value: 'online' },
      { key: SEARCH_ATTRIBUTES.pinRequestStage, value: 'received' },
    ],
  });
}

export async function startLostPinWorkflow(client: Client, config: Config, requestId: string): Promise<void> {
  await client.workflow.start(lostPinWorkflow, {
    workflowId: lostPinWorkflowId(requestId),
    taskQueue: config.TEMPORAL_TASK_QUEUE,
    args: [{ requestId }],
    workflowIdConflictPolicy: WorkflowIdConflictPolicy.USE_EXISTING,
    typedSearchAttributes: [
      { key: SEARCH_ATTRIBUTES.requestChannel, value: 'online' },
      { key: SEARCH_ATTRIBUTES.pinRequestStage, value: 'received' },
    ],
  });
}

/**
 * Requests stored but never started (the process died between the insert and the start) are started now, so a
 * crash at that point loses nothing. Run at start-up.
 */
export async function startPendingPinRequests(db: Db, client: Client, config: Config): Promise<number> {
  const pending = await db
    .selectFrom('pin_requests')
    .select(['id', 'purpose'])
    .where('status', '=', 'received')
    .execute();
  for (const { id, purpose } of pending)
    await (purpose === 'lost_pin' ? startLostPinWorkflow : startPinRequestWorkflow)(client, config, id);
  if (pending.length) logger.info({ count: pending.length }, 'started pending PIN request workflows');
  return pending.length;
}
