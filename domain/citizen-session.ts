// A citizen's session: how they proved who they are, and how far in they are.

/**
 * `first_access` and `renewal` sessions open one guided step only (assigning the new PIN); only `signed_in` opens the
 * services.
 */
export const CITIZEN_SESSION_STAGES = ['first_access', 'renewal', 'signed_in'] as const;
export type CitizenSessionStage = (typeof CITIZEN_SESSION_STAGES)[number];

/** How the citizen proved who they are: a PIN, SPID / CIE through OpenID Connect, or a CNS smart card (TLS). */
export const CITIZEN_AUTH_METHODS = ['pin', 'spid', 'cie', 'cns'] as const;
export type CitizenAuthMethod = (typeof CITIZEN_AUTH_METHODS)[number];

/**
 * The least level of assurance the product accepts from SPID ("SPID di secondo livello"): level 2 and 3, CIE and
 * CNS give the rights of a PIN dispositivo; level 1 (a password alone) gives no access at all.
 */
export const STRONG_SIGN_IN_LEVEL = 2;

/** How long a session lasts: `idleMinutes` after its last request, and never beyond `maxHours` after the sign-in. */
export interface CitizenSessionLimits {
  idleMinutes: number;
  maxHours: number;
}

/** The latest a session opened at `openedAt` may last, however busy (OWASP's absolute timeout). */
export const citizenSessionLatestEnd = (openedAt: Date, limits: CitizenSessionLimits) =>
  new Date(openedAt.getTime() + limits.maxHours * 3_600_000);

/** When a session ends if nothing more is asked of it after `now` (the idle timeout, within the absolute one). */
export const citizenSessionEnd = (openedAt: Date, now: Date, limits: CitizenSessionLimits) =>
  new Date(Math.min(now.getTime() + limits.idleMinutes * 60_000, citizenSessionLatestEnd(openedAt, limits).getTime()));
