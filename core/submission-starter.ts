// Starting what intake stored, behind the citizen's answer: the answer waits only for Postgres, and the submission's
// workflow is started here, a few at a time, for as long as it takes. While Temporal is slow or down the starts wait
// and are tried again (backing off to once every few seconds), so they go as soon as Temporal takes them; nothing is
// lost if this process dies first, because the row is in Postgres and the pending-process sweep (core/schedules.ts)
// starts what was never taken in. A start made twice attaches to the running workflow (the id is the submission's).
import type { Client } from '@temporalio/client';
import type { Config } from '../infra/config';
import { logger } from '../infra/logger';
import { startSubmissionWorkflow } from './pin-request-processes';

/** Starts in flight at once: the pace a burst is handed to Temporal, so that intake never floods it. */
const IN_FLIGHT = 8;
/** Beyond this many waiting, the rest is left to the sweep (it reads Postgres): memory stays bounded in an outage. */
const MAX_WAITING = 20_000;
const FIRST_RETRY_MS = 200;
const LONGEST_RETRY_MS = 5_000;
/** One attempt's limit, the SDK's own retries included: an attempt never outlasts an outage in flight. */
const ATTEMPT_DEADLINE_MS = 3_000;

export interface SubmissionStarter {
  start(submissionId: string): void;
  /** Submissions stored by this process and not yet started. */
  waiting(): number;
  /** Resolves once no start is in flight (the ones waiting to be tried again may remain). */
  idle(): Promise<void>;
}

function createSubmissionStarter(temporal: Client, config: Config): SubmissionStarter {
  const queue: string[] = [];
  let active = 0;
  let retryDelay = 0;
  let paused: ReturnType<typeof setTimeout> | undefined;

  const whenIdle: (() => void)[] = [];
  const failed = (submissionId: string, err: unknown) => {
    // This process is stopping and closed its connection: what is left is in Postgres, for the sweep.
    if ((err as Error).message?.includes('Channel has been shut down')) return void queue.splice(0);
    // Back to the end of the line: one submission Temporal refuses for its own reason holds up no other.
    queue.push(submissionId);
    if (!retryDelay)
      logger.warn({ err: (err as Error).message }, 'Temporal did not take a submission start; trying again');
    retryDelay = Math.min(retryDelay ? retryDelay * 2 : FIRST_RETRY_MS, LONGEST_RETRY_MS);
    paused ??= setTimeout(() => {
      paused = undefined;
      pump();
    }, retryDelay).unref();
  };
  const pump = () => {
    while (!paused && active < IN_FLIGHT && queue.length) {
      const submissionId = queue.shift()!;
      active++;
      temporal.connection
        .withDeadline(Date.now() + ATTEMPT_DEADLINE_MS, () => startSubmissionWorkflow(temporal, config, submissionId))
        .then(
          () => {
            if (retryDelay) logger.info('Temporal takes submission starts again');
            retryDelay = 0;
          },
          (err: unknown) => failed(submissionId, err),
        )
        .finally(() => {
          active--;
          pump();
          if (!active) for (const resolve of whenIdle.splice(0)) resolve();
        });
    }
  };
  return {
    start(submissionId) {
      if (queue.length < MAX_WAITING) queue.push(submissionId);
      pump();
    },
    waiting: () => queue.length + active,
    idle: () => (active ? new Promise((resolve) => whenIdle.push(resolve)) : Promise.resolve()),
  };
}

// One per Temporal client, i.e. per service process (and per test product, which has its own client).
const starters = new WeakMap<Client, SubmissionStarter>();
export function submissionStarter(temporal: Client, config: Config): SubmissionStarter {
  let starter = starters.get(temporal);
  if (!starter) starters.set(temporal, (starter = createSubmissionStarter(temporal, config)));
  return starter;
}
