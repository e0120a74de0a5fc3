// Converting a PIN ordinario to a PIN dispositivo (brief, "Converting ordinario to dispositivo"): the citizen has
// the prefilled form; it comes back signed, with an identity document, by upload or fax; a contact-center agent
// reviews it. Approved, the PIN is dispositivo at once, its lifecycle hears of it, the applications that were
// waiting are released and the citizen is told; rejected, the request is cancelled and the citizen is told why;
// not returned in time, it lapses and the citizen is told that too.
// An office conversion was decided at the desk: it only announces. The history holds ids, codes and outcomes.
import {
  allHandlersFinished,
  ApplicationFailure,
  condition,
  defineQuery,
  defineSignal,
  defineUpdate,
  getExternalWorkflowHandle,
  log,
  patched,
  proxyActivities,
  setHandler,
  upsertSearchAttributes,
  uuid4,
} from '@temporalio/workflow';
import type { Duration, SignalDefinition } from '@temporalio/common';
import { msToNumber } from '@temporalio/common/lib/time';
import type { ConversionActivities, ReviewDecision, ReviewVerdict } from '../activities/conversions';
import type { NotificationActivities } from '../activities/notifications';
import type { ConversionStatus } from '../domain/conversion';
import { credentialConvertedSignal } from './credential-lifecycle';
import { pinDispositivoGrantedSignal } from './benefit-application';
import { benefitApplicationWorkflowId, credentialLifecycleWorkflowId } from './ids';
import { SEARCH_ATTRIBUTES } from './search-attributes';
import { DATABASE_STEP, PROVIDER_HEARTBEAT_TIMEOUT } from './step-options';

export interface ConversionPolicy {
  /** How long the signed form may take to come back before the request lapses. */
  returnDeadline: Duration;
  /** A review still undecided after this is escalated: higher priority, flagged in the queue. */
  reviewEscalationAfter: Duration;
}

export interface ConversionWorkflowInput {
  conversionId: string;
  /** `office`: converted at the desk, decision already recorded; the workflow only announces it. */
  channel: 'online' | 'office';
  policy: ConversionPolicy;
}

/**
 * How the conversion ended; `not_recorded`: Postgres held no such outcome (a run nobody should have started), so
 * nothing was announced.
 */
export type ConversionResult = { outcome: 'approved' | 'rejected' | 'expired' | 'not_recorded' };

export interface ConversionProgress {
  status: ConversionStatus;
  reviewTaskId?: string;
  escalated: boolean;
  applicationsReleased: number;
}

/** Sent by the citizen service (upload) or the fax webhook once the documents are stored. */
export const documentsReturnedSignal = defineSignal('documentsReturned');
/**
 * Sent by the agent console once the reviewer's decision is recorded in Postgres; rejected unless it is for the review
 * task this conversion has open.
 */
export const reviewDecisionUpdate = defineUpdate<ConversionProgress, [ReviewDecision]>('reviewDecision');
export const conversionProgressQuery = defineQuery<ConversionProgress>('conversionProgress');

/** Versioning marker (patched): from here a review decision is read back from Postgres by its id. */
const DECISIONS_FROM_POSTGRES = 'review-decisions-from-postgres';
/**
 * Versioning marker (patched): runs from before it took "documents returned" as proof. Since, Postgres is asked, and
 * a conversion whose documents it does not hold goes on waiting, to the deadline set at the start.
 */
const DOCUMENTS_READ_FROM_POSTGRES = 'documents-read-from-postgres';
/**
 * Versioning marker (patched): runs from before it announced an approval (an office one, taken from its input) or a
 * lapse without asking Postgres. Since, only an outcome Postgres holds is announced: a run started by anyone else
 * tells nobody anything.
 */
const OUTCOMES_READ_FROM_POSTGRES = 'outcomes-read-from-postgres';
/** Versioning marker (patched): histories from before it let a lapsed request go without telling the citizen. */
const TELL_CITIZEN_OF_LAPSE = 'tell-citizen-of-lapse';

const database = proxyActivities<ConversionActivities>(DATABASE_STEP);
const notifications = proxyActivities<NotificationActivities>({
  startToCloseTimeout: '2 minutes',
  heartbeatTimeout: PROVIDER_HEARTBEAT_TIMEOUT,
  retry: { initialInterval: '5 seconds', maximumInterval: '30 minutes' },
});

export async function conversionWorkflow(input: ConversionWorkflowInput): Promise<ConversionResult> {
  const { conversionId } = input;
  const progress: ConversionProgress = {
    status: input.channel === 'office' ? 'approved' : 'awaiting_documents',
    escalated: false,
    applicationsReleased: 0,
  };
  let returned = false;
  let decision: ReviewVerdict | undefined;
  setHandler(conversionProgressQuery, () => progress);
  setHandler(documentsReturnedSignal, () => {
    returned = true;
  });
  setHandler(
    reviewDecisionUpdate,
    async (answer) => {
      if (patched(DECISIONS_FROM_POSTGRES)) {
        // The reviewer's decision as the console recorded it in Postgres; the message carries only its id.
        const verdict = await database.applyReviewDecision({
          conversionId,
          taskId: answer.taskId,
          decisionId: answer.decisionId ?? '',
        });
        decision = verdict;
        return { ...progress, status: verdict.decision };
      }
      await database.recordReviewDecision({ ...answer, conversionId });
      decision = answer as ReviewVerdict;
      return { ...progress, status: decision.decision };
    },
    {
      validator: (answer) => {
        if (decision || !progress.reviewTaskId || answer.taskId !== progress.reviewTaskId)
          throw ApplicationFailure.nonRetryable('This review is not open for this conversion', 'ReviewNotOpen');
        // Only the id of a decision recorded in Postgres is believed, never a decision carried in the message.
        if (!answer.decisionId) throw ApplicationFailure.nonRetryable('No recorded decision named', 'NoDecision');
      },
    },
  );
  const enter = (status: ConversionStatus) => {
    progress.status = status;
    upsertSearchAttributes([{ key: SEARCH_ATTRIBUTES.conversionState, value: status }]);
  };

  /** Whether the documents came back before the deadline: a signal is a wake-up, Postgres the proof. */
  const documentsReturnedInTime = async () => {
    const deadline = Date.now() + msToNumber(input.policy.returnDeadline);
    let wait: Duration = input.policy.returnDeadline;
    for (;;) {
      if (!(await condition(() => returned, wait))) return false;
      if (!patched(DOCUMENTS_READ_FROM_POSTGRES) || (await database.documentsReturned({ conversionId }))) return true;
      returned = false;
      wait = Math.max(1, deadline - Date.now());
    }
  };

  enter(progress.status);
  if (input.channel === 'online') {
    if (!(await documentsReturnedInTime())) {
      await database.expireConversion({ conversionId });
      const recorded = patched(OUTCOMES_READ_FROM_POSTGRES)
        ? await database.conversionSummary({ conversionId })
        : undefined;
      if (recorded && recorded.status !== 'expired') return notRecorded(recorded.status);
      enter('expired');
      if (patched(TELL_CITIZEN_OF_LAPSE)) {
        const { credentialId, requestCode } = recorded ?? (await database.conversionSummary({ conversionId }));
        await notifications.sendCredentialNews({
          credentialId,
          news: { kind: 'conversion_lapsed', requestCode },
          notificationId: uuid4(),
        });
      }
      return { outcome: 'expired' };
    }
    progress.reviewTaskId = uuid4();
    await database.openReviewTask({ conversionId, taskId: progress.reviewTaskId });
    enter('in_review');
    if (!(await condition(() => decision !== undefined, input.policy.reviewEscalationAfter))) {
      await database.escalateReviewTask({ taskId: progress.reviewTaskId });
      progress.escalated = true;
      await condition(() => decision !== undefined);
    }
    await condition(allHandlersFinished);
  }

  const { credentialId, requestCode, status } = await database.conversionSummary({ conversionId });
  if (decision?.decision === 'rejected') {
    enter('rejected');
    await notifications.sendCredentialNews({
      credentialId,
      news: { kind: 'conversion_rejected', reason: decision.reason, requestCode },
      notificationId: uuid4(),
    });
    return { outcome: 'rejected' };
  }

  if (patched(OUTCOMES_READ_FROM_POSTGRES) && status !== 'approved') return notRecorded(status);
  enter('approved');
  await tell(credentialLifecycleWorkflowId(credentialId), credentialConvertedSignal);
  for (const applicationId of await database.applicationsWaitingForDispositivo({ conversionId })) {
    await tell(benefitApplicationWorkflowId(applicationId), pinDispositivoGrantedSignal);
    progress.applicationsReleased++;
  }
  await notifications.sendCredentialNews({
    credentialId,
    news: { kind: 'conversion_approved' },
    notificationId: uuid4(),
  });
  return { outcome: 'approved' };
}

function notRecorded(status: ConversionStatus): ConversionResult {
  log.warn('the conversion does not hold the outcome this run reached: nothing announced', { status });
  return { outcome: 'not_recorded' };
}

/**
 * Signals another workflow. One that has ended or never started does not need telling: an application started
 * after the conversion finds the PIN dispositivo by itself, and a revoked credential's lifecycle is over.
 */
export async function tell(workflowId: string, signal: SignalDefinition): Promise<void> {
  try {
    await getExternalWorkflowHandle(workflowId).signal(signal);
  } catch (err) {
    log.info('workflow not told: it is not running', { workflowId, error: String(err) });
  }
}
