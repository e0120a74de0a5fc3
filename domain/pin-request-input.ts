// The online PIN request as the citizen submits it: parsed once, at the edge, into a typed value, or into a list
// naming every bad field. Shape checks come from the schema; the checks that tie fields together follow it.
import { DELIVERY_CHANNELS, SEXES } from './person';
import { parsePhoneNumberFromString } from 'libphonenumber-js/max';
import { z } from 'zod';
import { fieldErrors } from './field-errors';
import { fiscalCodeMatches, isValidFiscalCode } from './fiscal-code';
import { birthplaceCode, comuneNamed, findComune } from './places';

const personName = z
  .string()
  .trim()
  .min(1, 'required')
  .max(60, 'at most 60 characters')
  .regex(/^[\p{L}][\p{L}' .-]*$/u, 'letters, spaces, apostrophes and hyphens only');

const isoDate = z.iso.date('a date as YYYY-MM-DD');

export const fiscalCodeSchema = z
  .string()
  .trim()
  .toUpperCase()
  .length(16, 'a codice fiscale has 16 characters')
  .refine(isValidFiscalCode, 'not a valid codice fiscale (check character or layout)');

/** Any way a person writes a phone number; Italian unless it says otherwise. Parsed into E.164. */
export const phoneSchema = z
  .string()
  .trim()
  .transform((raw, ctx) => {
    const number = parsePhoneNumberFromString(raw, 'IT');
    if (!number?.isValid()) {
      ctx.addIssue({ code: 'custom', message: 'not a valid phone number' });
      return z.NEVER;
    }
    return number.number;
  });

export const emailSchema = z
  .string()
  .trim()
  .toLowerCase()
  .max(254, 'at most 254 characters')
  .pipe(z.email('not a valid email address'));

export const pinRequestInputSchema = z.object({
  fiscalCode: fiscalCodeSchema,
  firstName: personName,
  lastName: personName,
  birthDate: isoDate.refine((d) => d >= '1900-01-01' && new Date(d) < new Date(), 'a birth date in the past'),
  sex: z.enum(SEXES, 'M or F'),
  birthPlace: z.string().trim().min(1, 'required').max(80),
  birthProvince: z
    .string()
    .trim()
    .toUpperCase()
    .regex(/^[A-Z]{2}$/, 'a two-letter province code, or EE for a birth abroad'),
  residence: z.object({
    street: z.string().trim().min(3, 'street and house number').max(120),
    city: z.string().trim().min(1, 'required').max(80),
    province: z
      .string()
      .trim()
      .toUpperCase()
      .regex(/^[A-Z]{2}$/, 'a two-letter province code'),
    postalCode: z
      .string()
      .trim()
      .regex(/^\d{5}$/, 'five digits'),
  }),
  phone: phoneSchema,
  email: emailSchema,
  deliveryChannel: z.enum(DELIVERY_CHANNELS, 'sms or email: where the first 8 characters of the PIN go'),
});

export type PinRequestInput = z.output<typeof pinRequestInputSchema>;
export type FieldErrors = Record<string, string>;

export type ParseResult = { ok: true; value: PinRequestInput } | { ok: false; fields: FieldErrors };

/** A place that exists, typed with another province: the province is what is wrong. */
const notTheProvinceOf = (place: { name: string; provinces: string[] }) =>
  `not the province of ${place.name} (${place.provinces.join(', ')})`;

/** Every problem at once, keyed by the field's path (`residence.postalCode`), so a form can mark them all. */
export function parsePinRequestInput(body: unknown): ParseResult {
  const parsed = pinRequestInputSchema.safeParse(body);
  const fields: FieldErrors = parsed.success ? {} : fieldErrors(parsed.error);
  // The cross-field checks run on whatever parsed, field by field, so one bad field does not hide another.
  const raw = (typeof body === 'object' && body !== null ? body : {}) as Record<string, unknown>;
  const fieldOk = (key: string) => !Object.keys(fields).some((k) => k === key || k.startsWith(`${key}.`));
  const value = parsed.success ? parsed.data : undefined;
  const pick = <K extends keyof PinRequestInput>(k: K) =>
    value ? value[k] : (pinRequestInputSchema.shape[k].safeParse(raw[k]).data as PinRequestInput[K] | undefined);

  const birthPlace = pick('birthPlace');
  const birthProvince = pick('birthProvince');
  if (birthPlace && birthProvince && fieldOk('birthPlace') && fieldOk('birthProvince')) {
    if (!birthplaceCode(birthPlace, birthProvince)) {
      const elsewhere = birthProvince === 'EE' ? undefined : comuneNamed(birthPlace);
      if (elsewhere) fields.birthProvince = notTheProvinceOf(elsewhere);
      else fields.birthPlace = 'unknown comune or state for this province';
    }
  }

  const residence = pick('residence');
  if (residence && fieldOk('residence')) {
    const comune = findComune(residence.city, residence.province);
    const elsewhere = comune ? undefined : comuneNamed(residence.city);
    if (elsewhere) fields['residence.province'] = notTheProvinceOf(elsewhere);
    else if (!comune) fields['residence.city'] = `no comune of this name in the province ${residence.province}`;
    else if (!comune.postalCodes.has(residence.postalCode))
      fields['residence.postalCode'] = `not a postal code of ${comune.name}`;
  }

  const identityKeys = ['fiscalCode', 'firstName', 'lastName', 'birthDate', 'sex', 'birthPlace', 'birthProvince'];
  if (identityKeys.every(fieldOk)) {
    const fiscalCode = pick('fiscalCode');
    const identity = {
      firstName: pick('firstName'),
      lastName: pick('lastName'),
      birthDate: pick('birthDate'),
      sex: pick('sex'),
      birthPlace,
      birthProvince,
    };
    if (fiscalCode && Object.values(identity).every(Boolean)) {
      if (!fiscalCodeMatches(fiscalCode, identity as Parameters<typeof fiscalCodeMatches>[1]))
        fields.fiscalCode = 'does not match the name, birth date, sex and birthplace given';
    }
  }

  if (Object.keys(fields).length || !value) return { ok: false, fields };
  return { ok: true, value };
}
