// The guard against guessing secrets by codice fiscale, for citizens' sign-in and for the contact center's check of
// a phone PIN alike: wrong secrets in a row are counted per codice fiscale (hashed, known or not); at the configured
// limit the subject is suspended, each further suspension twice as long up to a ceiling.
import { createHash } from 'node:crypto';
import { lockoutDuration, type LockoutPolicy } from '../../domain/lockout';
import { durationMs, type Config } from '../../infra/config';
import type { Db } from '../../infra/db';
import { logger } from '../../infra/logger';

export function lockoutPolicy(config: Config): LockoutPolicy {
  return {
    maxFailures: config.SIGN_IN_MAX_FAILURES,
    baseMs: durationMs(config.SIGN_IN_LOCKOUT),
    maxMs: durationMs(config.SIGN_IN_LOCKOUT_MAX),
  };
}

/** Wrong PINs are counted per codice fiscale, known or not, so the count itself tells nobody whether it exists. */
export const guardKey = (purpose: 'sign-in' | 'phone-pin', fiscalCode: string) =>
  createHash('sha256').update(`${purpose}:${fiscalCode}`).digest('hex');

/** One more wrong PIN in a row; the one that reaches the limit starts a suspension (or extends the current one). */
export async function countFailure(db: Db, key: string, policy: LockoutPolicy): Promise<void> {
  return db.transaction().execute(async (trx) => {
    await trx
      .insertInto('sign_in_guards')
      .values({ subject_key: key })
      .onConflict((oc) => oc.column('subject_key').doNothing())
      .execute();
    const guard = await trx
      .selectFrom('sign_in_guards')
      .selectAll()
      .where('subject_key', '=', key)
      .forUpdate()
      .executeTakeFirstOrThrow();
    const failures = guard.consecutive_failures + 1;
    if (failures < policy.maxFailures) {
      await trx
        .updateTable('sign_in_guards')
        .set({ consecutive_failures: failures, updated_at: new Date() })
        .where('subject_key', '=', key)
        .execute();
      return;
    }
    const lockouts = guard.lockouts + 1;
    const lockedUntil = new Date(Date.now() + lockoutDuration(lockouts, policy));
    // For whoever watches for guessing campaigns: how often and how long, never whose.
    logger.warn({ lockouts, lockedUntil }, 'sign-in suspended after repeated wrong PINs');
    await trx
      .updateTable('sign_in_guards')
      .set({ consecutive_failures: 0, lockouts, locked_until: lockedUntil, updated_at: new Date() })
      .where('subject_key', '=', key)
      .execute();
  });
}
