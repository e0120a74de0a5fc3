// The time a step runs at, for an activity that checks a workflow's "its time has come" against a date Postgres holds.
// The workflow's input and timers are whatever started it, never a clock: the step counts from when Temporal scheduled
// it (on the time-skipping test server, that server's skipped time, as the workflow's own), or from this worker's own
// clock when that is later (a local activity's retries keep the time of their first attempt).
import { Context } from '@temporalio/activity';
import { ApplicationFailure } from '@temporalio/common';

export const stepTime = (): number => Math.max(Context.current().info.currentAttemptScheduledTimestampMs, Date.now());

/**
 * A step asked before its time came (a repository's "not yet", saying how long): asked again once then, not every
 * minute until it comes.
 */
export const askAgainWhenDue = (notYet: Error & { remainingMs: number }) =>
  ApplicationFailure.create({ message: notYet.message, type: notYet.name, nextRetryDelay: notYet.remainingMs });
