// Delivering a PIN and telling citizens things (brief, "Two halves, two channels"): which way the second half goes,
// the letter's journey, and the kinds of message the product sends.
import type { DeliveryChannel } from './person';

/**
 * The second 8 characters go by letter to the residence INPS holds. One source also allows "via e-mail"; where the
 * setting allows it, only to an address the registry already held (never one typed in the request, which anyone can
 * type) and never to the inbox the first half went to: the two halves must travel apart.
 */
export type SecondHalfChannel = 'letter' | 'email';

export function secondHalfChannel(input: {
  byEmailAllowed: boolean;
  registryEmail: string | null;
  firstHalf: { channel: DeliveryChannel; email: string | null };
}): SecondHalfChannel {
  const registryEmail = input.registryEmail?.trim().toLowerCase();
  if (!input.byEmailAllowed || !registryEmail) return 'letter';
  const firstHalfInbox = input.firstHalf.channel === 'email' ? input.firstHalf.email?.trim().toLowerCase() : undefined;
  return firstHalfInbox === registryEmail ? 'letter' : 'email';
}
/**
 * A letter's journey: handed to the provider (`created`), printed and posted, in transit, then delivered or returned
 * to sender; or `lost`, when it was not delivered within LETTER_LOST_AFTER working days.
 */
export const LETTER_STATUSES = ['created', 'printed', 'in_transit', 'delivered', 'returned', 'lost'] as const;
export type LetterStatus = (typeof LETTER_STATUSES)[number];

/** Where a letter is, and from when it counts as lost: what its workflow looks at. */
export interface LetterJourney {
  status: LetterStatus;
  lostAt: string;
}

/** Where a letter's journey ends: its PIN is usable (delivered), or dead (returned, lost). */
export const FINAL_LETTER_STATUSES = ['delivered', 'returned', 'lost'] as const satisfies readonly LetterStatus[];

/** The order a letter moves in: an event that arrives late (in transit after delivered) moves nothing back. */
export function letterMovesTo(from: LetterStatus, to: LetterStatus): boolean {
  if ((FINAL_LETTER_STATUSES as readonly LetterStatus[]).includes(from)) return false;
  return LETTER_STATUSES.indexOf(to) > LETTER_STATUSES.indexOf(from);
}

/** How long a letter usually takes once handed over, when the provider gave no date: said, not enforced. */
export const LETTER_USUALLY_ARRIVES_WITHIN_DAYS = 7;

/** The day by which the citizen may expect the letter: the provider's date, or the usual time. */
export const letterExpectedBy = (letter: { sentAt: Date; expectedBy?: Date }) =>
  letter.expectedBy ?? new Date(letter.sentAt.getTime() + LETTER_USUALLY_ARRIVES_WITHIN_DAYS * 86_400_000);

/**
 * "My letter never came": a new letter may be asked for once the expected delivery day has passed without it being
 * delivered, or once it was given up as lost. Not for a letter returned to sender: the same address would send it
 * back again; the residence must be checked first.
 */
export function newLetterMayBeAskedFor(letter: LetterProgress | undefined, now: Date): boolean {
  if (!letter || letter.status === 'held_up' || letter.status === 'emailed') return false;
  if (letter.status === 'lost') return true;
  if (letter.status === 'delivered' || letter.status === 'returned') return false;
  // The whole expected day counts: from the day after it.
  return now.getTime() >= letterExpectedBy(letter).getTime() + 86_400_000;
}

/**
 * "The SMS never came": the first half may go again, once, to the same contact, the same 8 characters, once a short
 * while has passed since it left and while its sealed copy is still kept (never for a PIN already used).
 */
export function firstHalfMayBeSentAgain(
  state: { sentAt?: Date; resentAt?: Date | null; copyKept: boolean } | undefined,
  now: Date,
  afterMs: number,
): boolean {
  if (!state?.sentAt || state.resentAt || !state.copyKept) return false;
  return now.getTime() - state.sentAt.getTime() >= afterMs;
}

/** Adds working days (Monday to Friday) to a day, as the post counts them. */
export function addWorkingDays(from: Date, days: number): Date {
  const at = new Date(from.getTime());
  let left = days;
  while (left > 0) {
    at.setUTCDate(at.getUTCDate() + 1);
    const weekday = at.getUTCDay();
    if (weekday !== 0 && weekday !== 6) left--;
  }
  return at;
}

/**
 * Where a request's letter is: handed to the print-and-post provider (and since then), or held up before that; or,
 * where the second half went by email instead (SECOND_HALF_BY_EMAIL), when that email left.
 */
export type LetterProgress =
  | {
      status: LetterStatus;
      /** Handed to the provider. */
      sentAt: Date;
      /** Printed and posted, once the provider says so. */
      postedAt?: Date;
      /** When it reached its present status (delivered, returned: that day). */
      statusAt: Date;
      /** The provider's expected delivery date, when it gave one. */
      expectedBy?: Date;
    }
  | { status: 'held_up'; since: Date }
  | { status: 'emailed'; sentAt: Date };

export const NOTIFICATION_KINDS = [
  'pin_first_half',
  /** The second half, by email to the registry's address, where SECOND_HALF_BY_EMAIL allows it. */
  'pin_second_half',
  'request_rejected',
  'expiry_reminder',
  'conversion_approved',
  'conversion_rejected',
  /** The signed form did not come back in time: the request lapsed. */
  'conversion_lapsed',
  'issued_at_office',
  /** The link to follow a request, to the requester's own contact. */
  'status_link',
  /** A request under way asked for again: its link, again, to the contact that request gave. */
  'status_link_resent',
  /** "Find my request": a fresh link to the request, to the contact that request gave. */
  'status_link_found',
  /** Someone asked for a PIN with the data of a person who holds one: told at the contact on record. */
  'pin_already_held',
  /** A minor's PIN ends on the 18th birthday: told a month before, with how to get SPID or CIE. */
  'coming_of_age_notice',
  /** PIN_RETIREMENT_DATE is a month away: the PIN of someone who could use SPID stops working then. */
  'pin_retirement_notice',
  /** A PIN no longer works (revoked at an office, retired): the holder is told why. */
  'pin_revoked',
  /** "The SMS never came": the same first half, once more, to the same contact. */
  'pin_first_half_again',
  /** The letter with the second half came back, or never arrived: the requester is told the PIN is dead, and why. */
  'letter_not_delivered',
] as const;
export type NotificationKind = (typeof NOTIFICATION_KINDS)[number];

/**
 * News that happens to its request or PIN once (rejected, its letter lost, revoked, coming of age): told once, however
 * many times a step is asked to tell it. (News of a PIN dispositivo is told once per conversion: sendCredentialNews.)
 */
export const TOLD_ONCE: ReadonlySet<NotificationKind> = new Set<NotificationKind>([
  'request_rejected',
  'letter_not_delivered',
  'pin_revoked',
  'coming_of_age_notice',
]);
