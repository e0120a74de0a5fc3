// Agent tasks from the activities' side: opening one for a process, and the one step that runs on a timer rather than
// in a request's process, expiring claims.
import { ApplicationFailure } from '@temporalio/common';
import type { Db } from '../infra/db';
import { expireClaims, openTask, TaskAlreadyOpened } from '../repositories/agent-tasks';

/**
 * Puts a task in the agents' queue (repositories' openTask). A second task for a fax or a conversion that has one is
 * asked by a process nobody of ours started: that step fails for good, it is not retried. (A verification call has its
 * own rule: repositories' openVerificationCall.)
 */
export async function openTaskOnce(...args: Parameters<typeof openTask>): Promise<void> {
  try {
    await openTask(...args);
  } catch (err) {
    if (err instanceof TaskAlreadyOpened) throw ApplicationFailure.nonRetryable(err.message, 'TaskAlreadyOpened');
    throw err;
  }
}

export function createAgentTaskActivities({ db }: { db: Db }) {
  return {
    /** Puts every claim past its end back in the queue; returns how many. */
    async expireTaskClaims(): Promise<number> {
      return expireClaims(db);
    },
  };
}

export type AgentTaskActivities = ReturnType<typeof createAgentTaskActivities>;
