// The agent task's one step that runs on a timer rather than in a request's process: expiring claims.
import type { Db } from '../infra/db';
import { expireClaims } from '../repositories/agent-tasks';

export function createAgentTaskActivities({ db }: { db: Db }) {
  return {
    /** Puts every claim past its end back in the queue; returns how many. */
    async expireTaskClaims(): Promise<number> {
      return expireClaims(db);
    },
  };
}

export type AgentTaskActivities = ReturnType<typeof createAgentTaskActivities>;
