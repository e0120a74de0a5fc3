// What each status means to the citizen, in plain words: the status page and the API say the same thing.
import type { DeliveryChannel, LetterStatus, PinRequestStatus, RejectionReason } from '../../../infra/db/schema';

/** How long a letter usually takes to arrive once posted (posta ordinaria): said to the citizen, not enforced. */
const LETTER_USUALLY_ARRIVES_WITHIN_DAYS = 7;

export interface LetterProgress {
  status: LetterStatus;
  /** When it was handed to the print-and-post provider. */
  sentAt: Date;
}

const day = (d: Date) =>
  d.toLocaleDateString('en-GB', { timeZone: 'Europe/Rome', day: 'numeric', month: 'long', year: 'numeric' });

/** Where the letter with the second half is, in plain words, with when to expect it. */
function letterText(letter: LetterProgress | undefined): string {
  if (!letter) return 'a letter with the other 8 is on its way to your residence address.';
  const expected = new Date(letter.sentAt.getTime() + LETTER_USUALLY_ARRIVES_WITHIN_DAYS * 86_400_000);
  switch (letter.status) {
    case 'dispatched':
    case 'posted':
      return `the letter with the other 8 was sent on ${day(letter.sentAt)} and usually arrives by ${day(expected)}.`;
    case 'delivered':
      return 'the letter with the other 8 has been delivered to your residence address.';
    case 'returned_to_sender':
      return 'the letter with the other 8 came back to us undelivered: call 803 164 (06 164 164 from mobiles) to check your address.';
  }
}

const REJECTION: Record<RejectionReason, string> = {
  identity_not_verified: 'During the verification call we could not confirm the identity or address you declared.',
  unreachable_by_phone: 'We called you several times at the number you gave but could not reach you.',
  verification_not_completed: 'The phone verification of your data could not be completed in time.',
};

export function describeStatus(
  status: PinRequestStatus,
  reason: RejectionReason | null,
  channel: DeliveryChannel,
  letter?: LetterProgress,
): { title: string; detail: string } {
  const firstHalfBy = channel === 'sms' ? 'SMS' : 'email';
  switch (status) {
    case 'received':
    case 'validating':
      return { title: 'Checking your data', detail: 'We are comparing the data you gave with the records INPS holds.' };
    case 'awaiting_verification_call':
      return {
        title: 'We will call you',
        detail:
          'Your data could not be confirmed automatically. A contact-center operator will call you at the number you gave to verify them.',
      };
    case 'verification_call_scheduled':
      return { title: 'We will call you again', detail: 'We could not reach you by phone; we will try again shortly.' };
    case 'delivering':
      return { title: 'Sending your PIN', detail: `Your data are confirmed. The PIN is on its way.` };
    case 'delivered':
      return {
        title: 'PIN sent',
        detail: `The first 8 characters were sent by ${firstHalfBy}; ${letterText(letter)} At your first login enter all 16 characters.`,
      };
    case 'rejected':
      return {
        title: 'Request not accepted',
        detail: `${reason ? REJECTION[reason] : ''} We have sent you an email. You can apply again, call 803 164 (06 164 164 from mobiles) or visit an INPS office.`,
      };
  }
}
