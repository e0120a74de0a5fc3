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
