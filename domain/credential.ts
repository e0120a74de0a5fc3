// The credential, the PIN as INPS keeps it (brief, "PIN ordinario and PIN dispositivo", "The life of a PIN"): its kind,
// who holds it, where it stands and why it ended. repositories/credentials.ts enforces the moves.
import { transitionsOf } from './transitions';

/** PIN ordinario: consultation services. PIN dispositivo: also applications for benefits. */
export const CREDENTIAL_KINDS = ['ordinario', 'dispositivo'] as const;
export type CredentialKind = (typeof CREDENTIAL_KINDS)[number];

/** A citizen's PIN lasts 6 months a term, an institutional intermediary's (patronati, labour consultants) 3. */
export const CREDENTIAL_HOLDERS = ['citizen', 'intermediary'] as const;
export type CredentialHolder = (typeof CREDENTIAL_HOLDERS)[number];

/**
 * `initial`: the 16-character PIN as delivered, good for the first access only. `active`: the 8-character PIN.
 * `expired`: its term ended; the right PIN leads to renewal. `revoked`: dead for good.
 */
export const CREDENTIAL_STATUSES = ['initial', 'active', 'expired', 'revoked'] as const;
export type CredentialStatus = (typeof CREDENTIAL_STATUSES)[number];

/** A PIN that works, or can be renewed: its holder gets no second PIN, and may replace it if lost. */
export const USABLE_CREDENTIAL_STATUSES = [
  'initial',
  'active',
  'expired',
] as const satisfies readonly CredentialStatus[];

export const CREDENTIAL_TRANSITIONS = transitionsOf<CredentialStatus>({
  initial: ['active', 'expired', 'revoked'],
  active: ['active', 'expired', 'revoked'],
  expired: ['active', 'revoked'],
  revoked: [],
});

/** `came_of_age`: a minor's PIN, issued under the switch-off's exception, ends on the 18th birthday. */
export const REVOCATION_REASONS = [
  'replaced_by_new_pin',
  'revoked_by_office',
  'retired_for_spid',
  'came_of_age',
  /** Used after PIN_RETIREMENT_DATE by someone who could use SPID. */
  'retired_at_end_of_transition',
  /** The letter with the second half came back undelivered: the PIN, never used, is dead. */
  'letter_returned',
  /** The letter with the second half was not delivered in time: the PIN, never used, is dead. */
  'letter_lost',
] as const;
export type RevocationReason = (typeof REVOCATION_REASONS)[number];
