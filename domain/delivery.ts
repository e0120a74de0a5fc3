// Delivering a PIN and telling citizens things (brief, "Two halves, two channels"): the letter's journey and the kinds
// of message the product sends.
export const LETTER_STATUSES = ['dispatched', 'posted', 'delivered', 'returned_to_sender'] as const;
export type LetterStatus = (typeof LETTER_STATUSES)[number];

/** Where a request's letter is: handed to the print-and-post provider (and since then), or held up before that. */
export type LetterProgress = { status: LetterStatus; sentAt: Date } | { status: 'held_up'; since: Date };

export const NOTIFICATION_KINDS = [
  'pin_first_half',
  'request_rejected',
  'expiry_reminder',
  'conversion_approved',
  'conversion_rejected',
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
