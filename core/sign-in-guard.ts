// The guard against guessing secrets by codice fiscale, for citizens' sign-in and for the contact center's check of a
// phone PIN alike, in one place: count the attempt first, then check the secret against every candidate (the same work
// whether there are none, one or several), and only once it is proven forget the count, in the transaction that acts
// on the proof. At the configured limit the subject is suspended, each further suspension twice as long up to a ceiling.
import { createHash } from 'node:crypto';
import type { Transaction } from 'kysely';
import type { LockoutPolicy } from '../domain/lockout';
import { verifySecret } from '../domain/pin';
import { durationMs, type Config } from '../infra/config';
import type { Db } from '../infra/db';
import type { Database } from '../infra/db/schema';
import { clearGuard, reserveAttempt } from '../repositories/sign-in-guards';

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

export type GuardedCheck<R> =
  { outcome: 'suspended'; until: Date } | { outcome: 'wrong'; guardKey: string } | { outcome: 'proven'; result: R };

/**
 * Checks `secret` for the codice fiscale under the guard. Proven, `onProven` runs in the transaction that also lifts
 * the guard, so the count is forgotten exactly when the proof is acted on.
 */
export async function checkGuardedSecret<C extends { pin_hash: string }, R>(
  db: Db,
  config: Config,
  input: {
    purpose: 'sign-in' | 'phone-pin';
    fiscalCode: string;
    secret: string;
    candidates: () => Promise<C[]>;
    onProven: (trx: Transaction<Database>, matched: C) => Promise<R>;
  },
): Promise<GuardedCheck<R>> {
  const key = guardKey(input.purpose, input.fiscalCode);
  const reservation = await reserveAttempt(db, key, lockoutPolicy(config));
  if (reservation.outcome === 'suspended') return reservation;
  const candidates = await input.candidates();
  let matched: C | undefined;
  // With no candidate a dummy hash is checked, so an unknown codice fiscale takes as long as a wrong PIN.
  for (const candidate of candidates.length ? candidates : [undefined])
    if ((await verifySecret(candidate?.pin_hash, input.secret)) && candidate) matched = candidate;
  if (!matched) return { outcome: 'wrong', guardKey: key };
  const proven = matched;
  const result = await db.transaction().execute(async (trx) => {
    await clearGuard(trx, key);
    return input.onProven(trx, proven);
  });
  return { outcome: 'proven', result };
}
