// What a citizen types to sign in or to report a lost PIN, parsed once at the edge. A PIN is checked for its shape
// only (length and alphabet): whether it is right is for the sign-in to find out, slowly.
import { z } from 'zod';
import { CHARACTERS_NEVER_IN_A_PIN, HALF_LENGTH, INITIAL_PIN_LENGTH, isInPinAlphabet } from './pin';
import { emailSchema, fiscalCodeSchema, phoneSchema } from './pin-request-input';

/** A PIN as people type it, read back or copied: of one of `lengths`, in the PIN alphabet. */
export const typedPinSchema = (lengths: readonly number[], lengthMessage: string, alphabetMessage: string) =>
  z
    .string()
    // People copy PINs with the spaces the letter prints between characters, and in lower case.
    .transform((raw) => raw.replace(/[\s-]/g, '').toUpperCase())
    .refine((pin) => lengths.includes(pin.length), lengthMessage)
    .refine(isInPinAlphabet, `${alphabetMessage} (no ${CHARACTERS_NEVER_IN_A_PIN})`);

const pinSchema = typedPinSchema(
  [HALF_LENGTH, INITIAL_PIN_LENGTH],
  `a PIN has ${HALF_LENGTH} characters, or ${INITIAL_PIN_LENGTH} at the first access`,
  'a PIN has only the letters and digits printed on it',
);

export const signInSchema = z.object({ fiscalCode: fiscalCodeSchema, pin: pinSchema });
export type SignInInput = z.output<typeof signInSchema>;

/** A codice fiscale and one contact, the phone or the email, never both. */
const fiscalCodeAndContact = (whichContact: string) =>
  z
    .object({
      fiscalCode: fiscalCodeSchema,
      phone: z.preprocess((v) => (v === '' ? undefined : v), phoneSchema.optional()),
      email: z.preprocess((v) => (v === '' ? undefined : v), emailSchema.optional()),
    })
    .refine((v) => Boolean(v.phone) !== Boolean(v.email), {
      message: `give either the phone or the email ${whichContact}, not both`,
      path: ['contact'],
    });

/** The codice fiscale and one contact on record: the phone or the email where the first half should go. */
export const lostPinSchema = fiscalCodeAndContact('you gave INPS');
export type LostPinInput = z.output<typeof lostPinSchema>;

/** "Find my request again": the codice fiscale and the phone or email the request gave. */
export const requestLookupSchema = fiscalCodeAndContact('you gave in your request');
export type RequestLookupInput = z.output<typeof requestLookupSchema>;
