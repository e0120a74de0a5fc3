// Retention, on the clock: personal data past its keeping removed (repositories/retention.ts), with its audit row.
import type { RetentionCounts, RetentionPolicy } from '../domain/retention';
import type { Db } from '../infra/db';
import { purgePersonalData } from '../repositories/retention';

export function createRetentionActivities(deps: { db: Db; retention: RetentionPolicy }) {
  return {
    async purgePersonalData(): Promise<RetentionCounts> {
      return purgePersonalData(deps.db, { now: new Date(), policy: deps.retention });
    },
  };
}

export type RetentionActivities = ReturnType<typeof createRetentionActivities>;
