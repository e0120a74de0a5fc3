// Retention, on the clock: personal data past its keeping removed (repositories/retention.ts), with its audit row.
import type { RetentionCounts, RetentionPolicy } from '../domain/retention';
import { stepTime } from './step-clock';
import type { Db } from '../infra/db';
import { purgePersonalData } from '../repositories/retention';

export function createRetentionActivities(deps: { db: Db; retention: RetentionPolicy }) {
  return {
    /**
     * Erases and destroys what has been kept long enough, as of the run's moment (`asOf`, the workflow's clock, so a
     * retry applies the same boundaries; absent in runs from before it was passed), never later than the step's
     * time: a step told it is another year, by whoever asks, erases nothing early.
     */
    async purgePersonalData(asOf?: string): Promise<RetentionCounts> {
      const now = Math.min(asOf ? Date.parse(asOf) : Infinity, stepTime());
      return purgePersonalData(deps.db, { now: new Date(now), policy: deps.retention });
    },
  };
}

export type RetentionActivities = ReturnType<typeof createRetentionActivities>;
