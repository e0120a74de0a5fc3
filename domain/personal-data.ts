// Personal data inside free text that the product does not write itself: a provider's refusal ("The 'To' number
// +39… is not valid"), a driver's error quoting a row. Masked wherever such text is kept outside the encrypted
// stores (the log), since redaction by key cannot see into a sentence.
import { findPhoneNumbersInText } from 'libphonenumber-js/max';
import { FISCAL_CODES_IN_TEXT } from './fiscal-code';

// No slash on either side: an address has none, and a path to a scoped package's code in a stack trace
// (`node_modules/@temporalio/worker/lib/…`) is not an address.
const EMAIL_ADDRESSES = /[^\s@<>"'(),;:/]+@[^\s@<>"'(),;:/]+\.[a-z]{2,}/gi;

/** The text with every codice fiscale, email address and phone number (Italian unless prefixed) replaced by its kind. */
export function maskPersonalData(text: string): string {
  const masked = text.replace(FISCAL_CODES_IN_TEXT, '[codice fiscale]').replace(EMAIL_ADDRESSES, '[email]');
  // From the end, so that earlier positions stay valid while the text shrinks.
  return findPhoneNumbersInText(masked, 'IT')
    .reverse()
    .reduce((out, found) => `${out.slice(0, found.startsAt)}[phone]${out.slice(found.endsAt)}`, masked);
}
