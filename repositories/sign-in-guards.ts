// The guard rows against guessing secrets by codice fiscale: attempts counted per subject (a hash, known or not)
// before the secret is checked; at the policy's limit the subject is suspended. The rule that uses them is
// core/sign-in-guard.ts.
import { lockoutDuration, type LockoutPolicy } from '../domain/lockout';
import type { Transaction } from 'kysely';
import type { Db } from '../infra/db';
import type { Database } from '../infra/db/schema';
import { logger } from '../infra/logger';

export type AttemptReservation = { outcome: 'reserved' } | { outcome: 'suspended'; until: Date };

/**
 * Count first, then verify: every attempt is counted before its PIN is checked, under the guard row's lock, so that
 * however many guesses arrive at once at most `maxFailures` of them are ever evaluated, and a guess that fails for any
 * other reason is counted all the same. The attempt that reaches the limit starts the suspension and is still
 * evaluated; the right PIN then lifts it (`clearGuard`). During a suspension nothing is counted or evaluated: guesses
 * cannot make it longer, so a stranger cannot keep a citizen locked out, and the answer cannot depend on the PIN.
 */
export async function reserveAttempt(db: Db, key: string, policy: LockoutPolicy): Promise<AttemptReservation> {
  return (await countOrdinaryAttempt(db, key, policy)) ?? reserveUnderLock(db, key, policy);
}

/**
 * The common case in one statement: no suspension running and the limit still ahead, the attempt is counted (or a
 * first one recorded) and reserved. Anything else is left to `reserveUnderLock`. The row lock the upsert takes makes
 * concurrent guesses count one after another, each against the count the one before left.
 */
async function countOrdinaryAttempt(
  db: Db,
  key: string,
  policy: LockoutPolicy,
): Promise<AttemptReservation | undefined> {
  if (policy.maxFailures <= 1) return undefined;
  const now = new Date();
  const counted = await db
    .insertInto('sign_in_guards')
    .values({ subject_key: key, consecutive_failures: 1, updated_at: now })
    .onConflict((oc) =>
      oc
        .column('subject_key')
        .doUpdateSet((eb) => ({
          consecutive_failures: eb('sign_in_guards.consecutive_failures', '+', 1),
          updated_at: now,
        }))
        .where((eb) =>
          eb.and([
            eb.or([eb('sign_in_guards.locked_until', 'is', null), eb('sign_in_guards.locked_until', '<=', now)]),
            eb('sign_in_guards.consecutive_failures', '<', policy.maxFailures - 1),
          ]),
        ),
    )
    .returning('subject_key')
    .executeTakeFirst();
  return counted ? { outcome: 'reserved' } : undefined;
}

/** A suspension running, or the attempt that reaches the limit: read and decided under the row's lock. */
async function reserveUnderLock(db: Db, key: string, policy: LockoutPolicy): Promise<AttemptReservation> {
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
    const now = new Date();
    if (guard.locked_until && guard.locked_until > now) return { outcome: 'suspended', until: guard.locked_until };
    const failures = guard.consecutive_failures + 1;
    if (failures < policy.maxFailures) {
      await trx
        .updateTable('sign_in_guards')
        .set({ consecutive_failures: failures, updated_at: now })
        .where('subject_key', '=', key)
        .execute();
      return { outcome: 'reserved' };
    }
    const lockouts = guard.lockouts + 1;
    const lockedUntil = new Date(now.getTime() + lockoutDuration(lockouts, policy));
    // For whoever watches for guessing campaigns: how often and how long, never whose.
    logger.warn({ lockouts, lockedUntil }, 'sign-in suspended after repeated wrong PINs');
    await trx
      .updateTable('sign_in_guards')
      .set({ consecutive_failures: 0, lockouts, locked_until: lockedUntil, updated_at: now })
      .where('subject_key', '=', key)
      .execute();
    return { outcome: 'reserved' };
  });
}

/** The right secret: the attempts counted so far, and any suspension they started, are forgotten. */
export async function clearGuard(db: Db | Transaction<Database>, key: string): Promise<void> {
  await db.deleteFrom('sign_in_guards').where('subject_key', '=', key).execute();
}
