// How long personal data is kept (issue "The letter's life and the citizen's follow-up", Retention; GDPR's storage
// limitation): the rules in one place, their durations from configuration (README, "Retention").
//
// - A rejected request keeps its ids, status, reason and dates (what the audit needs) but loses the name, address,
//   phone and email typed into it `rejectedRequestDays` after it ended.
// - An identity document, a signed form or a fax is destroyed `documentDays` after its conversion was decided or
//   lapsed (a fax attached to nothing: after it arrived).
// - A letter's PDF is never kept by the product once the provider has it (infra/lob.ts keeps nothing; a print
//   house's drop folder is emptied by housekeeping, PRINT_DROP_RETENTION).
// - The audit log keeps who did what and when, for good; documents in it are fingerprints (infra/vault.ts), never
//   numbers, and so is a codice fiscale looked up that nobody in the registry holds (a person is named by their id).

export interface RetentionPolicy {
  rejectedRequestDays: number;
  documentDays: number;
}

/** What one retention run removed: counts only, for its audit row and its workflow's result. */
export interface RetentionCounts {
  rejectedRequestsErased: number;
  documentsDestroyed: number;
}

/** Whatever ended before this moment is past its keeping. */
export const keptSince = (now: Date, days: number) => new Date(now.getTime() - days * 86_400_000);

/** The values an erased field of a request takes: empty, so nothing of the person remains. */
export const ERASED = '';
