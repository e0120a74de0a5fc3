// Postgres side of a conversion to PIN dispositivo: the document-review task and its escalation, the agent's
// decision (which makes the PIN dispositivo in the same transaction), a form never returned, and the applications
// that were waiting for it. Idempotent, keyed by ids the workflow made.
import { ApplicationFailure } from '@temporalio/common';
import type { Db } from '../infra/db';
import type { ConversionRejectionReason } from '../domain/conversion';
import { completeTask, escalateTask } from '../repositories/agent-tasks';
import { openTaskOnce } from './agent-tasks';
import { applicationsWaitingForConversion } from '../repositories/benefit-applications';
import {
  conversionSummary,
  decideConversion,
  documentsReturnedFor,
  expireConversion,
  NothingToReview,
  putInReview,
} from '../repositories/conversions';
import { actOnStaffDecision } from './staff-decisions';
import { stepTime, whenDue } from './step-clock';

/** What the workflow acts on: the reviewer's decision, as Postgres holds it. */
export type ReviewVerdict = { decision: 'approved' } | { decision: 'rejected'; reason: ConversionRejectionReason };

/**
 * The agent console's word that a review decision is recorded in Postgres: its id. Histories from before decisions
 * were read from Postgres carried the decision and the agent here instead.
 */
export type ReviewDecision = { taskId: string; decisionId?: string } & (
  | { decision?: 'approved'; staffId?: string }
  | { decision?: 'rejected'; reason: ConversionRejectionReason; staffId?: string }
);

export function createConversionActivities({
  db,
  conversionReturnDeadlineMs,
  reviewEscalationAfterMs,
}: {
  db: Db;
  /** CONVERSION_RETURN_DEADLINE: a conversion lapses only once its form was due back. */
  conversionReturnDeadlineMs: number;
  /** REVIEW_ESCALATION_AFTER: a review is escalated only once it has waited this long. */
  reviewEscalationAfterMs: number;
}) {
  return {
    /** Whether Postgres holds the documents returned: what the workflow, told so, acts on. */
    async documentsReturned({ conversionId }: { conversionId: string }): Promise<boolean> {
      return documentsReturnedFor(db, conversionId);
    },

    /** Puts the returned documents in the agents' review queue, and the conversion in review. */
    async openReviewTask(input: { conversionId: string; taskId: string }): Promise<void> {
      await db
        .transaction()
        .execute(async (trx) => {
          await putInReview(trx, input.conversionId);
          await openTaskOnce(trx, {
            id: input.taskId,
            kind: 'document_review',
            subject: { conversionId: input.conversionId },
          });
        })
        .catch((err: unknown) => {
          throw err instanceof NothingToReview ? ApplicationFailure.nonRetryable(err.message, err.name) : err;
        });
    },

    /** A review nobody finished in time: it goes to the top of the queue, flagged (not before, whoever asks). */
    async escalateReviewTask({ taskId }: { taskId: string }): Promise<void> {
      await whenDue(escalateTask(db, { taskId, at: stepTime(), escalateAfterMs: reviewEscalationAfterMs }));
    },

    /**
     * Closes the review with the decision the reviewer recorded (read back from Postgres, never taken from the
     * workflow's message) and audits it as theirs. Approved, the PIN becomes dispositivo in the same transaction:
     * there is no moment where the decision is recorded and the PIN not yet converted.
     */
    async applyReviewDecision(input: {
      conversionId: string;
      taskId: string;
      decisionId: string;
    }): Promise<ReviewVerdict> {
      const content = await actOnStaffDecision(
        db,
        { taskId: input.taskId, decisionId: input.decisionId, kind: 'review_decision' },
        async (trx, { content, staffId }) => {
          const reason = content.decision === 'rejected' ? content.reason : null;
          await completeTask(trx, { ...input, staffId, outcome: content.decision, outcomeReason: reason });
          await decideConversion(trx, {
            conversionId: input.conversionId,
            taskId: input.taskId,
            outcome: content.decision,
            reason,
            staffId,
          });
        },
      );
      return content.decision === 'approved'
        ? { decision: 'approved' }
        : { decision: 'rejected', reason: content.reason };
    },

    /**
     * Retired: took the decision and the reviewer from the workflow's message. Kept, refusing, only so that histories
     * recorded before decisions were read from Postgres still replay.
     */
    async recordReviewDecision(_input: ReviewDecision & { conversionId: string }): Promise<void> {
      throw ApplicationFailure.nonRetryable('review decisions are read from staff_decisions', 'Retired');
    },

    /** The form never came back: the request lapses (not before it was due); the citizen can ask for a new one. */
    async expireConversion({ conversionId }: { conversionId: string }): Promise<void> {
      await whenDue(
        expireConversion(db, { conversionId, at: stepTime(), returnDeadlineMs: conversionReturnDeadlineMs }),
      );
    },

    /** What the decision email needs and the workflow may hold: ids, codes and the status reached, no personal data. */
    async conversionSummary({ conversionId }: { conversionId: string }) {
      return conversionSummary(db, conversionId);
    },

    /** The applications of the converted PIN's holder still waiting for a PIN dispositivo. */
    async applicationsWaitingForDispositivo({ conversionId }: { conversionId: string }): Promise<string[]> {
      return applicationsWaitingForConversion(db, conversionId);
    },
  };
}

export type ConversionActivities = ReturnType<typeof createConversionActivities>;
