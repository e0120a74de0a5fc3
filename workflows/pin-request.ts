// A PIN request (brief, "Three ways to request a PIN", 1 and 2). Online: automatic validation against the registry;
// someone the registry does not hold is refused at once, other differences go to an outbound verification call by a
// contact-center agent. By phone (803 164): the agent who took the call registered only data the registry agreed with.
// Then the PIN ordinario in two halves, the first 8 characters by SMS or email (and, by phone, read out by the agent)
// and the other 8 by letter to the residence INPS holds: no remote channel changes the registry (brief, "Identity
// proofing"). The history holds ids and outcomes only; an agent's outcome arrives as the id of a decision the console
// recorded in Postgres, and is read back from there.
import {
  allHandlersFinished,
  ApplicationFailure,
  condition,
  defineQuery,
  defineUpdate,
  patched,
  setHandler,
  sleep,
  uuid4,
} from '@temporalio/workflow';
import type { Duration } from '@temporalio/common';
import { msToNumber } from '@temporalio/common/lib/time';
import type { VerificationOutcome } from '../domain/agent-task';
import type { PinRequestChannel, PinRequestStatus, RejectionReason, ValidationFailure } from '../domain/pin-request';
import { databaseSteps, enterStage, issueAndDeliverPin, rejectionNotice } from './pin-delivery';

export interface VerificationPolicy {
  /** Calls without answer before the request is rejected. */
  maxCallAttempts: number;
  /** Wait before calling again after a call nobody answered. */
  retryDelay: Duration;
  /** How long a task may wait in the queue before the request is given up. */
  taskDeadline: Duration;
}

export interface PinRequestWorkflowInput {
  requestId: string;
  verification: VerificationPolicy;
  /** Absent in histories recorded before phone registrations: those were all online. */
  channel?: PinRequestChannel;
}

export type PinRequestResult =
  | { outcome: 'delivered'; credentialId: string; verifiedBy: 'registry' | 'agent' }
  | { outcome: 'rejected'; reason: RejectionReason };

export interface PinRequestProgress {
  status: PinRequestStatus;
  validationFailures: ValidationFailure[];
  callAttempts: number;
  openTaskId?: string;
}

/** The agent console's word that a decision on the task is recorded in Postgres: its id, nothing else. */
export interface VerificationCallOutcome {
  taskId: string;
  decisionId?: string;
  /** Histories from before decisions were read from Postgres carried the outcome and the agent here. */
  outcome?: VerificationOutcome;
  staffId?: string;
}

/** Versioning marker (patched): histories from before it recorded the outcome after moving on. */
const RECORD_OUTCOME_BEFORE_MOVING_ON = 'record-verification-outcome-before-moving-on';
/**
 * Versioning marker (patched): from here the outcome is read back from Postgres by its decision id; the registry is
 * never written from a request (someone it does not hold is refused), and the channel is Postgres's.
 */
const DECISIONS_AND_REGISTRY_FROM_POSTGRES = 'decisions-and-registry-from-postgres';

/** What histories from before decisions lived in Postgres carried in the update. */
const legacyOutcome = (answer: VerificationCallOutcome) => ({
  taskId: answer.taskId,
  outcome: answer.outcome!,
  staffId: answer.staffId!,
});

export const progressQuery = defineQuery<PinRequestProgress>('progress');
/**
 * Sent by the agent console right after a phone registration: answers once the PIN exists, with the delivery whose
 * sealed read-out copy the agent's screen may show, once.
 */
export const pinIssuedUpdate = defineUpdate<{ deliveryId: string }>('pinIssued');
/** Sent by the agent console once the agent has called the citizen. Rejected unless it answers the open task. */
export const recordVerificationOutcomeUpdate = defineUpdate<PinRequestProgress, [VerificationCallOutcome]>(
  'recordVerificationOutcome',
);

export async function pinRequestWorkflow(input: PinRequestWorkflowInput): Promise<PinRequestResult> {
  const result = await runPinRequest(input);
  // An agent's update may still be writing its audit row: let it finish before the workflow closes.
  await condition(allHandlersFinished);
  return result;
}

async function runPinRequest(input: PinRequestWorkflowInput): Promise<PinRequestResult> {
  const { requestId } = input;
  // First, before any other command: a run keeps the way it reached Postgres when it began.
  const steps = databaseSteps();
  const { database } = steps;
  const progress: PinRequestProgress = { status: 'validating', validationFailures: [], callAttempts: 0 };
  let callOutcome: { outcome: VerificationOutcome } | undefined;
  let recordingOutcome = false;
  /** Decisions being read back from Postgres right now; one that is refused leaves the task waiting. */
  let decisionsInFlight = 0;
  let issued: { deliveryId: string } | undefined;
  const byPhone = input.channel === 'contact_center';

  setHandler(progressQuery, () => progress);
  setHandler(
    pinIssuedUpdate,
    async () => {
      await condition(() => issued !== undefined || progress.status === 'rejected');
      if (!issued) throw ApplicationFailure.nonRetryable('No PIN was issued for this request', 'NotIssued');
      return issued;
    },
    {
      validator: () => {
        if (!byPhone)
          throw ApplicationFailure.nonRetryable('Only a phone registration has a PIN to read out', 'NotByPhone');
      },
    },
  );
  setHandler(
    recordVerificationOutcomeUpdate,
    async (answer) => {
      if (patched(DECISIONS_AND_REGISTRY_FROM_POSTGRES)) {
        decisionsInFlight++;
        try {
          const decided = await database.applyVerificationDecision({
            taskId: answer.taskId,
            decisionId: answer.decisionId ?? '',
          });
          progress.openTaskId = undefined;
          callOutcome = decided;
        } finally {
          decisionsInFlight--;
        }
        return progress;
      }
      progress.openTaskId = undefined;
      if (patched(RECORD_OUTCOME_BEFORE_MOVING_ON)) {
        // The task is closed (and the registry corrected) before the request moves on, so the letter goes to the
        // address the agent confirmed.
        recordingOutcome = true;
        await database.completeVerificationTask(legacyOutcome(answer));
        callOutcome = legacyOutcome(answer);
      } else {
        callOutcome = legacyOutcome(answer);
        await database.completeVerificationTask(legacyOutcome(answer));
      }
      return progress;
    },
    {
      validator: (answer) => {
        if (!progress.openTaskId || answer.taskId !== progress.openTaskId || callOutcome !== undefined)
          throw ApplicationFailure.nonRetryable('This task is not open for this request any more', 'TaskNotOpen');
        // Only the id of a decision recorded in Postgres is believed, never an outcome carried in the message.
        if (!answer.decisionId) throw ApplicationFailure.nonRetryable('No recorded decision named', 'NoDecision');
      },
    },
  );

  async function enter(status: PinRequestStatus, rejectionReason?: RejectionReason) {
    progress.status = status;
    await enterStage(steps, requestId, status, rejectionReason);
  }

  /** Outbound verification: an agent calls the citizen back, as many times as the policy allows. */
  async function verifyByPhone(failures: ValidationFailure[]): Promise<'verified' | RejectionReason> {
    progress.validationFailures = failures;
    const policy = input.verification;
    for (let attempt = 1; attempt <= policy.maxCallAttempts; attempt++) {
      const proposed = uuid4();
      const deadline = Date.now() + msToNumber(policy.taskDeadline);
      const remaining = () => Math.max(0, deadline - Date.now());
      const opened = await database.openVerificationTask({
        requestId,
        taskId: proposed,
        attempt,
        failures: progress.validationFailures,
      });
      // The call in the queue for this attempt, if a run someone else started opened it first (histories from before
      // the step said which carry nothing: theirs is the one proposed).
      const taskId = opened?.taskId ?? proposed;
      progress.callAttempts = attempt;
      progress.openTaskId = taskId;
      callOutcome = undefined;
      await enter('awaiting_verification_call');

      const answered = await condition(
        () => callOutcome !== undefined || recordingOutcome || decisionsInFlight > 0,
        policy.taskDeadline,
      );
      if (answered) await condition(() => callOutcome !== undefined || (!recordingOutcome && decisionsInFlight === 0));
      // A refused decision (one Postgres does not hold) changes nothing: the task waits for the rest of its time.
      const decided =
        callOutcome !== undefined || (answered && (await condition(() => callOutcome !== undefined, remaining())));
      if (!decided) {
        progress.openTaskId = undefined;
        await database.cancelVerificationTask({ taskId });
        return 'verification_not_completed';
      }
      recordingOutcome = false;
      const outcome = callOutcome!.outcome;
      if (outcome === 'verified') return 'verified';
      if (outcome === 'not_verified') return 'identity_not_verified';
      if (attempt < policy.maxCallAttempts) {
        await enter('verification_call_scheduled');
        await sleep(policy.retryDelay);
      }
    }
    return 'unreachable_by_phone';
  }

  await enter('validating');
  const validation = await database.validateAgainstRegistry({ requestId });
  let verifiedBy: 'registry' | 'agent' = 'registry';
  const registryOnlyAtOffice = validation.outcome === 'failed' && patched(DECISIONS_AND_REGISTRY_FROM_POSTGRES);
  if (byPhone && !registryOnlyAtOffice) {
    // Histories from before: what the caller confirmed by phone was copied into the registry.
    if (validation.outcome === 'failed') await database.adoptDataConfirmedByPhone({ requestId });
    verifiedBy = 'agent';
  } else if (validation.outcome === 'failed') {
    // Only an office, with the identity document in hand, adds a person to the registry or corrects it.
    const refusal: RejectionReason | undefined = !registryOnlyAtOffice
      ? undefined
      : validation.failures.includes('not_in_registry')
        ? 'not_in_registry'
        : validation.channel === 'contact_center'
          ? 'registry_mismatch'
          : undefined;
    const verdict = refusal ?? (await verifyByPhone(validation.failures));
    if (verdict !== 'verified') {
      await enter('rejected', verdict);
      await rejectionNotice(requestId, verdict);
      return { outcome: 'rejected', reason: verdict };
    }
    verifiedBy = 'agent';
  }

  await enter('delivering');
  const { credentialId } = await issueAndDeliverPin(steps, requestId, ({ deliveryId }) => (issued = { deliveryId }));
  await enter('delivered');
  return { outcome: 'delivered', credentialId, verifiedBy };
}
