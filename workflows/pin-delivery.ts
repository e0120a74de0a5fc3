// The end every PIN request shares, first PIN or lost one (brief, "Three ways", 1, and "Lost PIN"): the PIN is
// issued, its lifecycle begins, and its two halves leave on two channels at once, the first 8 characters by SMS
// or email and the other 8 by letter to the registry address (or, where the setting allows, by email to the
// registry's own address, never the first half's inbox). A letter, once handed over, is followed by its own workflow
// (workflows/letter.ts), which the letter activity starts. The steps that only read or write Postgres run as local
// activities, inside the workflow task that asks for them: a request that the registry confirms goes from "received"
// to its two halves on their way in one workflow task, instead of one per step.
import {
  ParentClosePolicy,
  patched,
  proxyActivities,
  proxyLocalActivities,
  startChild,
  upsertSearchAttributes,
  uuid4,
} from '@temporalio/workflow';
import { WorkflowExecutionAlreadyStartedError } from '@temporalio/common';
import type { CredentialActivities } from '../activities/credentials';
import type { LetterActivities } from '../activities/letters';
import type { NotificationActivities } from '../activities/notifications';
import type { PinRequestActivities } from '../activities/pin-requests';
import type { PinRequestStatus, RejectionReason } from '../domain/pin-request';
import { credentialLifecycleWorkflow } from './credential-lifecycle';
import { credentialLifecycleWorkflowId } from './ids';
import { requestIdAttribute, SEARCH_ATTRIBUTES } from './search-attributes';
import { DATABASE_STEP, DATABASE_STEP_IN_THE_WORKFLOW_TASK, PROVIDER_CALL } from './step-options';

/** Versioning marker (patched): histories from before it issued PINs without a lifecycle workflow. */
const START_CREDENTIAL_LIFECYCLE = 'start-credential-lifecycle';
/**
 * Versioning marker (patched): from here the database-only steps are local activities, and the step that issues the
 * PIN also starts its lifecycle (idempotently, by the credential's id) instead of a child workflow's round trip.
 */
const DATABASE_STEPS_IN_THE_WORKFLOW_TASK = 'database-steps-in-the-workflow-task';

type DatabaseActivities = PinRequestActivities & CredentialActivities;
const remoteDatabase = proxyActivities<DatabaseActivities>(DATABASE_STEP);
const localDatabase = proxyLocalActivities<DatabaseActivities>(DATABASE_STEP_IN_THE_WORKFLOW_TASK);

/** How a run reaches Postgres: chosen once, at its start, so that a run keeps one way for its whole history. */
export interface DatabaseSteps {
  database: typeof remoteDatabase;
  /** Local activities, and the lifecycle started by the issuing step (runs from after the marker). */
  inWorkflowTask: boolean;
}
export function databaseSteps(): DatabaseSteps {
  const inWorkflowTask = patched(DATABASE_STEPS_IN_THE_WORKFLOW_TASK);
  return { database: inWorkflowTask ? localDatabase : remoteDatabase, inWorkflowTask };
}
const outbound = proxyActivities<NotificationActivities & LetterActivities>(PROVIDER_CALL);

/** Records where a request stands, in Postgres and as a search attribute ops can filter on. */
export async function enterStage(
  { database }: DatabaseSteps,
  requestId: string,
  status: PinRequestStatus,
  rejectionReason?: RejectionReason,
) {
  upsertSearchAttributes([{ key: SEARCH_ATTRIBUTES.pinRequestStage, value: status }]);
  await database.recordStatus({ requestId, status, rejectionReason });
}

/**
 * Starts the new credential's lifecycle, abandoned (not terminated) when the parent ends: the PIN outlives it. It is
 * found in Temporal Web under the request it was issued for.
 */
export async function startCredentialLifecycleChild(credentialId: string, requestId: string): Promise<void> {
  try {
    await startChild(credentialLifecycleWorkflow, {
      workflowId: credentialLifecycleWorkflowId(credentialId),
      args: [{ credentialId }],
      parentClosePolicy: ParentClosePolicy.ABANDON,
      typedSearchAttributes: [requestIdAttribute(requestId)],
    });
  } catch (err) {
    // Started already (by the start-up sweep, after a crash right after issue): that lifecycle is this one.
    if (!(err instanceof WorkflowExecutionAlreadyStartedError)) throw err;
  }
}

/** `onIssued` hears of the new PIN's ids before its halves leave (a phone registration reads the first out). */
export async function issueAndDeliverPin(
  steps: DatabaseSteps,
  requestId: string,
  onIssued?: (issued: { credentialId: string; deliveryId: string }) => void,
): Promise<{ credentialId: string }> {
  const { credentialId, deliveryId, secondHalfBy } = await steps.database.issueInitialPin({
    requestId,
    credentialId: uuid4(),
    deliveryId: uuid4(),
    ...(steps.inWorkflowTask ? { startLifecycle: true } : {}),
  });
  onIssued?.({ credentialId, deliveryId });
  if (!steps.inWorkflowTask && patched(START_CREDENTIAL_LIFECYCLE))
    await startCredentialLifecycleChild(credentialId, requestId);
  await Promise.all([
    outbound.sendPinFirstHalf({ requestId, deliveryId, notificationId: uuid4() }),
    // Histories from before the choice existed carry no `secondHalfBy`: their second half went by letter.
    secondHalfBy === 'email'
      ? outbound.sendPinSecondHalf({ requestId, deliveryId, notificationId: uuid4() })
      : outbound.dispatchPinLetter({ requestId, deliveryId, letterId: uuid4() }),
  ]);
  return { credentialId };
}

export const rejectionNotice = (requestId: string, reason: RejectionReason) =>
  outbound.sendRejectionNotice({ requestId, reason, notificationId: uuid4() });
