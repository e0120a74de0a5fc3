// The term of a PIN: calendar months from its issue or last renewal, and the day the reminder goes out. Pure date
// arithmetic on UTC, so the lifecycle workflow can use it deterministically.
import type { CredentialHolder } from './credential';

export interface TermPolicy {
  /** Calendar months a PIN lasts, by holder: 6 for a citizen, 3 for an institutional intermediary (brief). */
  validityMonths: Record<CredentialHolder, number>;
  reminderDaysBefore: number;
}

/**
 * `months` calendar months after `start`, at the same time of day. A day the target month does not have (31 August
 * + 6 months) becomes its last day (28 or 29 February): a PIN never gets a longer term than the rule gives.
 */
export function addCalendarMonths(start: Date, months: number): Date {
  const end = new Date(start.getTime());
  end.setUTCDate(1);
  end.setUTCMonth(end.getUTCMonth() + months);
  const lastDay = new Date(Date.UTC(end.getUTCFullYear(), end.getUTCMonth() + 1, 0)).getUTCDate();
  end.setUTCDate(Math.min(start.getUTCDate(), lastDay));
  return end;
}

export function termEnd(start: Date, holder: CredentialHolder, policy: TermPolicy): Date {
  return addCalendarMonths(start, policy.validityMonths[holder]);
}

export function reminderTime(expiresAt: Date, policy: TermPolicy): Date {
  return new Date(expiresAt.getTime() - policy.reminderDaysBefore * 86_400_000);
}
