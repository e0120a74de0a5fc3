// How long sign-in stays suspended after too many wrong PINs: the first suspension lasts the base period, each
// further one in a row twice the one before, up to a ceiling, so guessing gets slower the longer it goes on.
export interface LockoutPolicy {
  maxFailures: number;
  baseMs: number;
  maxMs: number;
}

/** The length of the `lockouts`-th suspension in a row (1 for the first). */
export function lockoutDuration(lockouts: number, policy: LockoutPolicy): number {
  return Math.min(policy.baseMs * 2 ** Math.max(0, lockouts - 1), policy.maxMs);
}
