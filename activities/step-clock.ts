// The time a step was asked for, by the Temporal clock: what an activity checks a workflow's "its time has come"
// against. The workflow's input and timers are whatever started it; the time the server scheduled the step is not
// (and in tests on the time-skipping server it is that server's skipped time, as the workflow's own).
import { Context } from '@temporalio/activity';

export const scheduledAt = (): number => Context.current().info.scheduledTimestampMs;
