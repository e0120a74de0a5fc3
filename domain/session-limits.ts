// How long a signed-in session lasts, for citizens and staff alike: OWASP's idle and absolute timeouts (NIST SP
// 800-63B asks the same of a second-level authenticator: again after 30 minutes unused, and within 12 hours).

/** A session ends `idleMinutes` after its person last did something, and never beyond `maxHours` after the sign-in. */
export interface SessionLimits {
  idleMinutes: number;
  maxHours: number;
}

/** The latest a session opened at `openedAt` may last, however busy. */
export const sessionLatestEnd = (openedAt: Date, limits: SessionLimits) =>
  new Date(openedAt.getTime() + limits.maxHours * 3_600_000);

/** When a session ends if nothing more is done with it after `now` (the idle timeout, within the absolute one). */
export const sessionEnd = (openedAt: Date, now: Date, limits: SessionLimits) =>
  new Date(Math.min(now.getTime() + limits.idleMinutes * 60_000, sessionLatestEnd(openedAt, limits).getTime()));

/** A session's end is written again only when it moves by a minute or more: a page's burst of requests is one write. */
export const sessionEndMoves = (recordedEnd: Date, newEnd: Date) => newEnd.getTime() - recordedEnd.getTime() >= 60_000;
