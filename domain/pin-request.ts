// A PIN request's words (brief, "Three ways to request a PIN", "Lost PIN"): where it stands, why it may be refused,
// and which status may follow which. The workflow moves it; repositories/pin-requests.ts enforces the moves.
import type { AgentTaskOutcome } from './agent-task';
import { transitionsOf } from './transitions';

/**
 * Where a request stands. `received` → `validating` → (`awaiting_verification_call` ↔ `verification_call_scheduled`)
 * → `delivering` → `delivered`, or `rejected`.
 */
export const PIN_REQUEST_STATUSES = [
  'received',
  'validating',
  'awaiting_verification_call',
  'verification_call_scheduled',
  'delivering',
  'delivered',
  'rejected',
] as const;
export type PinRequestStatus = (typeof PIN_REQUEST_STATUSES)[number];

/** A request still under way: a person has at most one. */
export const LIVE_PIN_REQUEST_STATUSES = [
  'received',
  'validating',
  'awaiting_verification_call',
  'verification_call_scheduled',
  'delivering',
] as const satisfies readonly PinRequestStatus[];

/**
 * A status link opens its request while the request is under way and for `daysAfterEnd` days after it ended: a
 * request that ended (its last change) after the instant returned still opens.
 */
export function statusLinksOpenEndedSince(now: Date, daysAfterEnd: number): Date {
  return new Date(now.getTime() - daysAfterEnd * 86_400_000);
}

export const PIN_REQUEST_TRANSITIONS = transitionsOf<PinRequestStatus>({
  received: ['validating', 'delivering', 'rejected'],
  validating: ['awaiting_verification_call', 'delivering', 'rejected'],
  awaiting_verification_call: ['verification_call_scheduled', 'delivering', 'rejected'],
  verification_call_scheduled: ['awaiting_verification_call', 'delivering', 'rejected'],
  delivering: ['delivered', 'rejected'],
  delivered: [],
  rejected: [],
});

/** A first PIN, or a new one for a citizen who lost theirs (brief, "Lost PIN"). */
export const PIN_REQUEST_PURPOSES = ['new_pin', 'lost_pin'] as const;
export type PinRequestPurpose = (typeof PIN_REQUEST_PURPOSES)[number];

/** Where a request came in: the web form, or a call to 803 164 typed in by an agent (brief, "Three ways", 1 and 2). */
export const PIN_REQUEST_CHANNELS = ['online', 'contact_center'] as const;
export type PinRequestChannel = (typeof PIN_REQUEST_CHANNELS)[number];

export const PIN_REQUEST_REJECTION_REASONS = [
  'identity_not_verified',
  'unreachable_by_phone',
  'verification_not_completed',
  /** Nobody with this codice fiscale in the registry: only an office, with the identity document, can add them. */
  'not_in_registry',
  /** A phone registration whose data no longer matched the registry when it was taken in. */
  'registry_mismatch',
] as const;
export type RejectionReason = (typeof PIN_REQUEST_REJECTION_REASONS)[number];

/** What Postgres holds about a request that its rejection must rest on (read by repositories/pin-requests.ts). */
export interface RejectionEvidence {
  channel: PinRequestChannel;
  /** What automatic validation found; null before it ran. */
  validationFailures: ValidationFailure[] | null;
  /** Its verification calls, oldest first: the outcome an agent recorded, if any, and whether the task is still live. */
  calls: Array<{ outcome: AgentTaskOutcome | null; live: boolean; openedAt: Date }>;
}

/**
 * Whether a request may be rejected for `reason` on what Postgres holds, at `at` (brief, "Identity proofing"): the
 * registry's answer, an agent's recorded outcome, calls nobody answered, or a call left in the queue for the whole
 * `taskDeadlineMs`. `notUntil`: a call whose time has not run out yet (a run started under a shorter deadline waits).
 */
export function rejectionRestsOn(
  reason: RejectionReason,
  evidence: RejectionEvidence,
  { at, taskDeadlineMs }: { at: number; taskDeadlineMs: number },
): 'yes' | 'no' | { notUntil: number } {
  const failures = evidence.validationFailures ?? [];
  const { calls } = evidence;
  const holds = (found: boolean) => (found ? 'yes' : 'no');
  switch (reason) {
    case 'not_in_registry':
      return holds(failures.includes('not_in_registry'));
    case 'registry_mismatch':
      return holds(evidence.channel === 'contact_center' && failures.length > 0);
    case 'identity_not_verified':
      return holds(calls.some((call) => call.outcome === 'not_verified'));
    case 'unreachable_by_phone':
      return holds(calls.some((call) => call.outcome === 'no_answer') && !calls.some((call) => call.live));
    case 'verification_not_completed': {
      const last = calls.at(-1);
      if (!last || last.outcome !== null) return 'no';
      return callTimeRunOut(last.openedAt, { at, taskDeadlineMs });
    }
  }
}

/**
 * Whether a verification call opened at `openedAt` has waited in the queue for the whole `taskDeadlineMs` by `at`: only
 * then may it be withdrawn, and the request rejected for it. `notUntil`: when it will have.
 */
export function callTimeRunOut(
  openedAt: Date,
  { at, taskDeadlineMs }: { at: number; taskDeadlineMs: number },
): 'yes' | { notUntil: number } {
  const until = openedAt.getTime() + taskDeadlineMs;
  return at >= until ? 'yes' : { notUntil: until };
}

/** Which check of automatic validation failed: never the data itself, so it may sit in a history or on a screen. */
export const VALIDATION_FAILURES = [
  'not_in_registry',
  'name_mismatch',
  'birth_data_mismatch',
  'address_mismatch',
  'postal_code_mismatch',
] as const;
export type ValidationFailure = (typeof VALIDATION_FAILURES)[number];

/** What a citizen submitted online: a request for a first PIN, or for a new one after losing it. */
export const SUBMISSION_KINDS = ['pin_request', 'lost_pin', 'request_lookup'] as const;
export type SubmissionKind = (typeof SUBMISSION_KINDS)[number];

/** What became of a submission once taken in; the submitter is told the same thing whatever it is. */
export const SUBMISSION_OUTCOMES = [
  'new_request',
  'request_in_progress',
  'pin_already_held',
  'lost_pin_issued',
  /** "Find my request": a request with that codice fiscale and contact, whose link may still open it. */
  'request_found',
  /** A lost PIN for someone who holds none, or whose contact is not on record, or asked again too soon. */
  'nothing_to_do',
] as const;
export type SubmissionOutcome = (typeof SUBMISSION_OUTCOMES)[number];
