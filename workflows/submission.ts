// A submission made online (brief, "Identity proofing"): the citizen was answered the same way whoever it named;
// here it is matched against the registry, the requests under way and the PINs held, and what it calls for starts:
// a PIN request, a lost PIN's reissue, and the message the answer promised (the link to follow the request, to the
// requester's own contact; or, to the contact on record, word that a PIN or a request already exists). Ids only.
import {
  ParentClosePolicy,
  proxyActivities,
  startChild,
  upsertSearchAttributes,
  uuid4,
  type Workflow,
} from '@temporalio/workflow';
import { WorkflowExecutionAlreadyStartedError } from '@temporalio/common';
import type { NotificationActivities } from '../activities/notifications';
import type { SubmissionActivities } from '../activities/submissions';
import type { SubmissionOutcome } from '../infra/db/schema';
import { lostPinWorkflowId, pinRequestWorkflowId } from './ids';
import { lostPinWorkflow } from './lost-pin';
import { pinRequestWorkflow, type VerificationPolicy } from './pin-request';
import { requestIdAttribute, SEARCH_ATTRIBUTES } from './search-attributes';

export interface SubmissionWorkflowInput {
  submissionId: string;
  verification: VerificationPolicy;
}

const intake = proxyActivities<SubmissionActivities>({
  startToCloseTimeout: '30 seconds',
  retry: { initialInterval: '1 second', maximumInterval: '1 minute' },
});
const notices = proxyActivities<NotificationActivities>({
  startToCloseTimeout: '2 minutes',
  retry: { initialInterval: '5 seconds', backoffCoefficient: 2, maximumInterval: '10 minutes' },
});

/** The request's own process, found under its id in Temporal Web; it outlives this one. */
async function startRequestProcess<W extends Workflow>(
  workflow: W,
  workflowId: string,
  requestId: string,
  args: Parameters<W>,
): Promise<void> {
  try {
    await startChild(workflow as Workflow, {
      workflowId,
      args: args as unknown[],
      parentClosePolicy: ParentClosePolicy.ABANDON,
      typedSearchAttributes: [
        { key: SEARCH_ATTRIBUTES.requestChannel, value: 'online' },
        { key: SEARCH_ATTRIBUTES.pinRequestStage, value: 'received' },
        requestIdAttribute(requestId),
      ],
    });
  } catch (err) {
    // Started already (the start-up sweep, after a crash): that process is this one.
    if (!(err instanceof WorkflowExecutionAlreadyStartedError)) throw err;
  }
}

export async function submissionWorkflow(input: SubmissionWorkflowInput): Promise<{ outcome: SubmissionOutcome }> {
  const { outcome, requestId } = await intake.takeInSubmission({ submissionId: input.submissionId });
  if (requestId) upsertSearchAttributes([requestIdAttribute(requestId)]);
  if (outcome === 'new_request')
    await startRequestProcess(pinRequestWorkflow, pinRequestWorkflowId(requestId!), requestId!, [
      { requestId: requestId!, verification: input.verification, channel: 'online' },
    ]);
  if (outcome === 'lost_pin_issued')
    await startRequestProcess(lostPinWorkflow, lostPinWorkflowId(requestId!), requestId!, [{ requestId: requestId! }]);
  if (outcome === 'new_request' || outcome === 'request_in_progress' || outcome === 'pin_already_held')
    await notices.sendSubmissionNotice({ submissionId: input.submissionId, notificationId: uuid4() });
  return { outcome };
}
