// How long the workflows give each kind of step and how they retry it, in one place.
import type { ActivityOptions, LocalActivityOptions } from '@temporalio/workflow';

/**
 * A call to an outside provider (SMS, email, print house): a worker that dies in the middle of one is noticed by its
 * missing heartbeat within seconds, and the call retried, instead of waiting out the whole start-to-close timeout. The
 * activities heartbeat while the provider works (activities/heartbeat.ts).
 */
export const PROVIDER_HEARTBEAT_TIMEOUT = '15 seconds';

/** A provider call that must happen however long an outage lasts: retried, backing off to once every 10 minutes. */
export const PROVIDER_CALL = {
  startToCloseTimeout: '2 minutes',
  heartbeatTimeout: PROVIDER_HEARTBEAT_TIMEOUT,
  retry: { initialInterval: '5 seconds', backoffCoefficient: 2, maximumInterval: '10 minutes' },
} satisfies ActivityOptions;

/** A step that only reads or writes Postgres, as an ordinary activity. */
export const DATABASE_STEP = {
  startToCloseTimeout: '30 seconds',
  retry: { initialInterval: '1 second', maximumInterval: '1 minute' },
} satisfies ActivityOptions;

/**
 * The same step as a local activity, inside the workflow task that asks for it: a query or two and, to issue a PIN,
 * one slow hash, so seconds are already a database in trouble. Retried inside the workflow task for a short outage;
 * past the threshold, by a timer, as an ordinary activity would be. A re-run workflow task runs its local activities
 * again, so each must be safe to repeat after its later steps have run.
 */
export const DATABASE_STEP_IN_THE_WORKFLOW_TASK = {
  startToCloseTimeout: '10 seconds',
  localRetryThreshold: '10 seconds',
  retry: { initialInterval: '500 milliseconds', maximumInterval: '1 minute' },
} satisfies LocalActivityOptions;
