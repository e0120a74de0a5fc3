// The time a step runs at, for an activity that checks a workflow's "its time has come" against a date Postgres holds.
// The workflow's input and timers are whatever started it, never a clock: the step counts from when Temporal scheduled
// it (on the time-skipping test server, that server's skipped time, as the workflow's own), or from this worker's own
// clock when that is later (a local activity's retries keep the time of their first attempt). A step asked before the
// dates Postgres holds allow it (by a workflow that came early, or by anyone else at Temporal) is refused "not yet".
import { Context } from '@temporalio/activity';
import { ApplicationFailure } from '@temporalio/common';
import { NotYet } from '../repositories/not-yet';

export const stepTime = (): number => Math.max(Context.current().info.currentAttemptScheduledTimestampMs, Date.now());

/**
 * A step asked before its time came (a repository's "not yet", saying how long): asked again once then, not every
 * minute until it comes.
 */
export const askAgainWhenDue = (notYet: NotYet) =>
  ApplicationFailure.create({ message: notYet.message, type: notYet.name, nextRetryDelay: notYet.remainingMs });

/** Runs a step whose repository may answer "not yet": then it is asked again when due (askAgainWhenDue). */
export async function whenDue<T>(step: Promise<T>): Promise<T> {
  try {
    return await step;
  } catch (err) {
    throw err instanceof NotYet ? askAgainWhenDue(err) : err;
  }
}
