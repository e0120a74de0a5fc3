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
export const LETTER_STATUSES = ['dispatched', 'posted', 'delivered', 'returned_to_sender'] as const;
export type LetterStatus = (typeof LETTER_STATUSES)[number];

/**
 * Where a request's letter is: handed to the print-and-post provider (and since then), or held up before that; or,
 * where the second half went by email instead (SECOND_HALF_BY_EMAIL), when that email left.
 */
export type LetterProgress =
  { status: LetterStatus; sentAt: Date } | { status: 'held_up'; since: Date } | { status: 'emailed'; sentAt: Date };

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
  /** Someone asked for a PIN with the data of a person who holds one: told at the contact on record. */
  'pin_already_held',
  /** A minor's PIN ends on the 18th birthday: told a month before, with how to get SPID or CIE. */
  'coming_of_age_notice',
  /** PIN_RETIREMENT_DATE is a month away: the PIN of someone who could use SPID stops working then. */
  'pin_retirement_notice',
  /** A PIN no longer works (revoked at an office, retired): the holder is told why. */
  'pin_revoked',
] as const;
export type NotificationKind = (typeof NOTIFICATION_KINDS)[number];
