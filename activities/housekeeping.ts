// Housekeeping, on the clock: the database's records that have served their purpose, and the print-house drop's
// copies of letters (each carries half a PIN) once they are old enough to have been taken.
import type { Db } from '../infra/db';
import type { PrintHouse } from '../infra/print-house';
import { deleteWhatHasServed, type HousekeepingCounts } from '../repositories/housekeeping';

export interface HousekeepingConfig {
  signInGuardQuietMs: number;
  statusLinkDaysAfterEnd: number;
  /** A letter's copy in the drop is removed this long after it was handed over. */
  printDropRetentionMs: number;
  /** The first half's copy for one resend is wiped this long after issue, or as soon as the PIN is used. */
  firstHalfResendKeptMs: number;
}

export function createHousekeepingActivities(deps: {
  db: Db;
  printHouse: PrintHouse;
  housekeeping: HousekeepingConfig;
}) {
  return {
    /** Deletes what has served its purpose; how many of each. */
    async deleteWhatHasServed(): Promise<HousekeepingCounts & { letterCopies: number }> {
      const now = new Date();
      const { housekeeping } = deps;
      const counts = await deleteWhatHasServed(deps.db, { now, ...housekeeping });
      const letterCopies = await deps.printHouse.removeLettersHandedOverBefore(
        new Date(now.getTime() - housekeeping.printDropRetentionMs),
      );
      return { ...counts, letterCopies };
    },
  };
}

export type HousekeepingActivities = ReturnType<typeof createHousekeepingActivities>;
