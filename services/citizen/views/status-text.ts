// What each status means to the citizen, in plain words: the status page and the API say the same thing.
import type { DeliveryChannel, PinRequestStatus, RejectionReason } from '../../../infra/db/schema';

const REJECTION: Record<RejectionReason, string> = {
  identity_not_verified: 'During the verification call we could not confirm the identity or address you declared.',
  unreachable_by_phone: 'We called you several times at the number you gave but could not reach you.',
  verification_not_completed: 'The phone verification of your data could not be completed in time.',
};

export function describeStatus(
  status: PinRequestStatus,
  reason: RejectionReason | null,
  channel: DeliveryChannel,
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
        detail: `The first 8 characters were sent by ${firstHalfBy}; a letter with the other 8 is on its way to your residence address. At your first login enter all 16 characters.`,
      };
    case 'rejected':
      return {
        title: 'Request not accepted',
        detail: `${reason ? REJECTION[reason] : ''} We have sent you an email. You can apply again, call 803 164 (06 164 164 from mobiles) or visit an INPS office.`,
      };
  }
}
