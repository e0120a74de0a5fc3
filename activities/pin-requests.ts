// Postgres side of a PIN request: automatic validation against the registry of persons, the request's status,
// and the contact-center tasks it opens. Every activity is idempotent, keyed by ids the workflow made.
import { ApplicationFailure } from '@temporalio/common';
import { compareWithRegistry } from '../domain/registry-comparison';
import type { Db } from '../infra/db';
import {
  CallRefused,
  completeTask,
  openVerificationCall,
  TaskAlreadyOpened,
  withdrawTask,
  WithdrawalRefused,
} from '../repositories/agent-tasks';
import { NotYet } from '../repositories/not-yet';
import { actOnStaffDecision } from './staff-decisions';
import { askAgainWhenDue, stepTime } from './step-clock';
import {
  pinRequestById,
  recordPinRequestStatus,
  recordRejection,
  recordValidation,
  StatusMoveRefused,
} from '../repositories/pin-requests';
import { personByFiscalCode } from '../repositories/registry';
import type { VerificationOutcome } from '../domain/agent-task';
import type { PinRequestChannel, PinRequestStatus, RejectionReason, ValidationFailure } from '../domain/pin-request';

export type RegistryValidation = ({ outcome: 'passed' } | { outcome: 'failed'; failures: ValidationFailure[] }) & {
  /** The channel the request came by, as Postgres holds it. Absent in histories from before it was reported. */
  channel?: PinRequestChannel;
};

/**
 * What Postgres refused, as Temporal should take it: a move or a task it does not allow, for good; a call whose time
 * has not run out yet, asked again once it has (one wait, not a retry a minute for days).
 */
function asStepFailure(err: unknown): unknown {
  if (
    err instanceof StatusMoveRefused ||
    err instanceof WithdrawalRefused ||
    err instanceof CallRefused ||
    err instanceof TaskAlreadyOpened
  )
    return ApplicationFailure.nonRetryable(err.message, err.name);
  if (err instanceof NotYet) return askAgainWhenDue(err);
  return err;
}

export function createPinRequestActivities({
  db,
  verificationTaskDeadlineMs,
}: {
  db: Db;
  /** VERIFICATION_TASK_DEADLINE: a request is given up only once its call has waited this long. */
  verificationTaskDeadlineMs: number;
}) {
  return {
    /**
     * Checks the declared identity and residence against the registry INPS holds. The result names which checks
     * failed, never the data, so it can sit in the workflow history.
     */
    async validateAgainstRegistry({ requestId }: { requestId: string }): Promise<RegistryValidation> {
      const request = await pinRequestById(db, requestId);
      const person = await personByFiscalCode(db, request.fiscal_code);
      const failures = compareWithRegistry(request, person);
      await recordValidation(db, { requestId, personId: person?.id ?? null, failures });
      const { channel } = request;
      return failures.length ? { outcome: 'failed', failures, channel } : { outcome: 'passed', channel };
    },

    async recordStatus({
      requestId,
      status,
      rejectionReason,
    }: {
      requestId: string;
      status: PinRequestStatus;
      rejectionReason?: RejectionReason;
    }): Promise<void> {
      try {
        if (status === 'rejected')
          await recordRejection(db, {
            requestId,
            reason: rejectionReason!,
            at: stepTime(),
            taskDeadlineMs: verificationTaskDeadlineMs,
          });
        else await recordPinRequestStatus(db, { requestId, status, rejectionReason });
      } catch (err) {
        throw asStepFailure(err);
      }
    },

    /**
     * Puts an outbound verification call in the agents' queue, with the validation failures Postgres holds (the
     * workflow's `failures` are not shown to agents), only when the request is due one (openVerificationCall); the
     * call's task, `taskId` or the one already in the queue for this attempt.
     */
    async openVerificationTask(input: {
      requestId: string;
      taskId: string;
      attempt: number;
      failures: ValidationFailure[];
    }): Promise<{ taskId: string }> {
      try {
        return await openVerificationCall(db, { id: input.taskId, requestId: input.requestId, attempt: input.attempt });
      } catch (err) {
        throw asStepFailure(err);
      }
    },

    /**
     * Acts on the outcome an agent recorded for the call: read back from Postgres (never taken from the workflow's
     * message), the task closed with it, audited as the agent who recorded it. Refuses a decision that does not
     * exist, is for another task, or was already used.
     */
    async applyVerificationDecision(input: {
      taskId: string;
      decisionId: string;
    }): Promise<{ outcome: VerificationOutcome }> {
      const { outcome } = await actOnStaffDecision(
        db,
        { ...input, kind: 'verification_outcome' },
        async (trx, { content, staffId }) => {
          await completeTask(trx, { ...input, staffId, outcome: content.outcome });
        },
      );
      return { outcome };
    },

    /**
     * Retired: took the outcome and the agent from the workflow's message. Kept, refusing, only so that histories
     * recorded before decisions were read from Postgres still replay.
     */
    async completeVerificationTask(_input: { taskId: string; outcome: VerificationOutcome; staffId: string }) {
      throw ApplicationFailure.nonRetryable('outcomes are read from staff_decisions', 'Retired');
    },

    /**
     * Retired: copied a phone registration's declared residence into the registry. No remote channel writes the
     * registry any more (brief, "Identity proofing"); kept, doing nothing, so older histories replay.
     */
    async adoptDataConfirmedByPhone(_input: { requestId: string }): Promise<void> {},

    /** Withdraws a verification call nobody finished in time: not before the configured deadline, whoever asks. */
    async cancelVerificationTask({ taskId }: { taskId: string }): Promise<void> {
      try {
        await withdrawTask(db, { taskId, at: stepTime(), taskDeadlineMs: verificationTaskDeadlineMs });
      } catch (err) {
        throw asStepFailure(err);
      }
    },
  };
}

export type PinRequestActivities = ReturnType<typeof createPinRequestActivities>;
