// Handing what intake stored to Temporal, behind the citizen's answer and at the pace the pipeline takes it in. The
// answer waits only for Postgres. A starter then claims the oldest stored submissions while fewer than
// SUBMISSIONS_IN_TEMPORAL are in Temporal and not yet taken in (counted in Postgres, so every citizen-service replica
// shares one budget) and starts their workflows; as those are taken in, the next ones go. A burst so waits in
// Postgres instead of as thousands of started workflows Temporal must hold while the worker is behind, which slowed
// both the pipeline and intake's own answers (bench/README.md). While Temporal is slow or down the claimed starts are
// tried again, backing off to once every few seconds, so they go as soon as Temporal takes them. Nothing is lost if
// this process dies: an unclaimed row is any starter's (each looks every few seconds), a claimed one the
// pending-process sweep's (core/pin-request-processes.ts). A start made twice attaches to the running workflow.
import type { Client } from '@temporalio/client';
import type { Config } from '../infra/config';
import type { Db } from '../infra/db';
import { logger } from '../infra/logger';
import { claimSubmissionsToStart, releaseSubmissionClaims } from '../repositories/submissions';
import { startSubmissionWorkflow } from './pin-request-processes';

/** Start calls in flight at once. */
const IN_FLIGHT = 8;
/** How soon to look again while submissions wait for room in Temporal; and while none wait, for rows another process
 * stored and left (it stopped, or died before claiming them). */
const WHILE_WAITING_MS = 50;
const WHILE_IDLE_MS = 2_000;
const FIRST_RETRY_MS = 200;
const LONGEST_RETRY_MS = 5_000;
/** One attempt's limit, the SDK's own retries included: an attempt never outlasts an outage in flight. */
const ATTEMPT_DEADLINE_MS = 3_000;

type StarterDeps = { db: Db; temporal: Client; config: Config };

export interface SubmissionStarter {
  /** A submission was stored (or this process started): look for what to start now. */
  wake(): void;
  /** No more claims; the starts in flight end, and the claims never started are given back for another starter. */
  stop(): Promise<void>;
}

function createSubmissionStarter({ db, temporal, config }: StarterDeps, forget: () => void): SubmissionStarter {
  /** Claimed by this process and not started yet: a start Temporal refused waits here for its next try. */
  const claimed: string[] = [];
  let active = 0;
  let retryDelay = 0;
  let resumeAt = 0;
  let stopped = false;
  /** The last look found the budget full with submissions waiting: the next look is on the timer, not on every wake. */
  let budgetFull = false;
  let looking: Promise<void> | undefined;
  let lookAgain = false;
  let timer: ReturnType<typeof setTimeout> | undefined;
  let timerAt = Infinity;
  const whenIdle: (() => void)[] = [];

  const lookIn = (ms: number) => {
    if (stopped || Date.now() + ms >= timerAt) return;
    clearTimeout(timer);
    timerAt = Date.now() + ms;
    timer = setTimeout(() => {
      timerAt = Infinity;
      look();
    }, ms).unref();
  };

  const startOne = (submissionId: string) => {
    active++;
    temporal.connection
      .withDeadline(Date.now() + ATTEMPT_DEADLINE_MS, () => startSubmissionWorkflow(temporal, config, submissionId))
      .then(
        () => {
          if (retryDelay) logger.info('Temporal takes submission starts again');
          retryDelay = 0;
        },
        (err: unknown) => {
          // To the end of the line: one submission Temporal refuses for its own reason holds up no other.
          claimed.push(submissionId);
          if (!retryDelay)
            logger.warn({ err: (err as Error).message }, 'Temporal did not take a submission start; trying again');
          retryDelay = Math.min(retryDelay ? retryDelay * 2 : FIRST_RETRY_MS, LONGEST_RETRY_MS);
          resumeAt = Date.now() + retryDelay;
        },
      )
      .finally(() => {
        active--;
        if (!active) for (const resolve of whenIdle.splice(0)) resolve();
        if (claimed.length || !budgetFull) lookIn(Math.max(0, resumeAt - Date.now()));
      });
  };

  /** One look: start what this process holds, or claim what the budget has room for. Says when to look next. */
  const lookOnce = async (): Promise<number> => {
    if (Date.now() < resumeAt) return resumeAt - Date.now();
    let next = WHILE_IDLE_MS;
    // What this process holds claimed counts in the budget already: it goes first.
    if (claimed.length) next = WHILE_WAITING_MS;
    else {
      const room = IN_FLIGHT - active;
      const { ids, waiting } = await claimSubmissionsToStart(db, { budget: config.SUBMISSIONS_IN_TEMPORAL, max: room });
      claimed.push(...ids);
      budgetFull = waiting && ids.length < room;
      if (waiting) next = WHILE_WAITING_MS;
    }
    while (!stopped && active < IN_FLIGHT && claimed.length) startOne(claimed.shift()!);
    return next;
  };

  const look = () => {
    if (stopped) return;
    if (looking) return void (lookAgain = true);
    looking = lookOnce()
      .catch((err: unknown) => {
        budgetFull = false;
        logger.warn({ err: (err as Error).message }, 'could not claim stored submissions to start; looking again');
        return WHILE_IDLE_MS;
      })
      .then((next) => {
        looking = undefined;
        lookIn(lookAgain ? 0 : next);
        lookAgain = false;
      });
  };

  return {
    wake: () => {
      if (!budgetFull) lookIn(0);
    },
    async stop() {
      stopped = true;
      forget();
      clearTimeout(timer);
      await looking;
      if (active) await new Promise<void>((resolve) => whenIdle.push(resolve));
      await releaseSubmissionClaims(db, claimed.splice(0));
    },
  };
}

// One per Temporal client, i.e. per service process (and per test product, which has its own client); a stopped
// starter is forgotten, so the next wake builds a fresh one.
const starters = new WeakMap<Client, SubmissionStarter>();
export function submissionStarter(deps: StarterDeps): SubmissionStarter {
  let starter = starters.get(deps.temporal);
  if (!starter) {
    const created: SubmissionStarter = createSubmissionStarter(deps, () => {
      if (starters.get(deps.temporal) === created) starters.delete(deps.temporal);
    });
    starters.set(deps.temporal, (starter = created));
  }
  return starter;
}
