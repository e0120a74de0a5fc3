// Retention, on the clock: personal data past its keeping removed (repositories/retention.ts), with its audit row.
import type { RetentionCounts, RetentionPolicy } from '../domain/retention';
import type { Db } from '../infra/db';
import { purgePersonalData } from '../repositories/retention';

export function createRetentionActivities(deps: { db: Db; retention: RetentionPolicy }) {
  return {
    /** `asOf`: the run's moment, from its workflow; a run scheduled before it was passed uses the activity's clock. */
    async purgePersonalData(asOf?: string): Promise<RetentionCounts> {
      return purgePersonalData(deps.db, { now: asOf ? new Date(asOf) : new Date(), policy: deps.retention });
    },
  };
}

export type RetentionActivities = ReturnType<typeof createRetentionActivities>;
