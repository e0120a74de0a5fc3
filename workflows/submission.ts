// A submission made online (brief, "Identity proofing"): the citizen was answered the same way whoever it named;
// here it is matched against the registry, the requests under way and the PINs held, and what it calls for starts:
// a PIN request, a lost PIN's reissue, and the message the answer promised (the link to follow the request, to the
// requester's own contact; or, to the contact on record, word that a PIN or a request already exists; or, for "find
// my request", a fresh link to the contact that request gave). Ids only.
import { patched, proxyActivities, proxyLocalActivities, upsertSearchAttributes, uuid4 } from '@temporalio/workflow';
import type { NotificationActivities } from '../activities/notifications';
import type { SubmissionActivities } from '../activities/submissions';
import type { SubmissionOutcome } from '../domain/pin-request';
import { requestIdAttribute } from './search-attributes';
import { DATABASE_STEP, DATABASE_STEP_IN_THE_WORKFLOW_TASK, PROVIDER_CALL } from './step-options';

export interface SubmissionWorkflowInput {
  submissionId: string;
}

/** Versioning marker (patched): from here taking the submission in and starting its process are local activities. */
const INTAKE_IN_THE_FIRST_WORKFLOW_TASK = 'intake-in-the-first-workflow-task';

const intake = proxyActivities<SubmissionActivities>(DATABASE_STEP);
const intakeLocally = proxyLocalActivities<SubmissionActivities>(DATABASE_STEP_IN_THE_WORKFLOW_TASK);
const notices = proxyActivities<NotificationActivities>(PROVIDER_CALL);

export async function submissionWorkflow(input: SubmissionWorkflowInput): Promise<{ outcome: SubmissionOutcome }> {
  const steps = patched(INTAKE_IN_THE_FIRST_WORKFLOW_TASK) ? intakeLocally : intake;
  const { outcome, requestId } = await steps.takeInSubmission({ submissionId: input.submissionId });
  if (requestId) upsertSearchAttributes([requestIdAttribute(requestId)]);
  // The request's own process (pin-request:<id> or lost-pin:<id>), started idempotently; it outlives this one.
  if (outcome === 'new_request' || outcome === 'lost_pin_issued')
    await steps.startRequestProcess({ submissionId: input.submissionId });
  // (`request_found`, "find my request", is newer than any recorded history: no history takes this branch differently.)
  if (
    outcome === 'new_request' ||
    outcome === 'request_in_progress' ||
    outcome === 'pin_already_held' ||
    outcome === 'request_found'
  )
    await notices.sendSubmissionNotice({ submissionId: input.submissionId, notificationId: uuid4() });
  return { outcome };
}
