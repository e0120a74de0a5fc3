// What an office operator submits for an in-person procedure (brief, "Three ways to request a PIN", 3): the
// codice fiscale, the identity document shown at the desk, the confirmation that the applicant is there in person
// (no delegate may apply for someone else), and the registry corrections the document calls for.
import { z } from 'zod';
import { fiscalCodeSchema, pinRequestInputSchema } from './pin-request-input';

const identityDocumentSchema = z.object({
  type: z.enum(['carta_identita', 'passaporto', 'patente'], 'carta_identita, passaporto or patente'),
  number: z
    .string()
    .trim()
    .toUpperCase()
    .regex(/^[A-Z0-9]{5,20}$/, '5 to 20 letters and digits'),
  issuedBy: z.string().trim().min(2, 'the issuing authority').max(80),
  expiresOn: z.iso
    .date('a date as YYYY-MM-DD')
    .refine((d) => d >= new Date().toISOString().slice(0, 10), 'the document has expired: it cannot be accepted'),
});

/** Only what the document shows differently from the registry, checked as a request checks them; the residence is
 * corrected as a whole. */
const registryCorrectionsSchema = pinRequestInputSchema
  .pick({
    firstName: true,
    lastName: true,
    birthDate: true,
    sex: true,
    birthPlace: true,
    birthProvince: true,
    residence: true,
    email: true,
  })
  .partial()
  .strict();

export const inPersonProcedureSchema = z.object({
  fiscalCode: fiscalCodeSchema,
  identityDocument: identityDocumentSchema,
  appliedInPerson: z.literal(
    true,
    'confirm that the applicant is at the desk in person: no delegate may apply for someone else',
  ),
  registryCorrections: registryCorrectionsSchema.default({}),
});
export type InPersonProcedure = z.output<typeof inPersonProcedureSchema>;

/** The desk's flat HTML form, in the shape the schema parses; empty fields are absent, not empty strings. */
export function inPersonProcedureFromForm(form: Record<string, string>): unknown {
  const v = (name: string) => (form[name]?.trim() ? form[name] : undefined);
  const residenceGiven = ['street', 'city', 'province', 'postalCode'].some((k) => v(k));
  return {
    fiscalCode: v('fiscalCode') ?? '',
    identityDocument: {
      type: v('documentType'),
      number: v('documentNumber') ?? '',
      issuedBy: v('documentIssuedBy') ?? '',
      expiresOn: v('documentExpiresOn') ?? '',
    },
    appliedInPerson: form.appliedInPerson === 'true' ? true : undefined,
    registryCorrections: {
      firstName: v('firstName'),
      lastName: v('lastName'),
      birthDate: v('birthDate'),
      email: v('email'),
      residence: residenceGiven
        ? {
            street: v('street') ?? '',
            city: v('city') ?? '',
            province: v('province') ?? '',
            postalCode: v('postalCode') ?? '',
          }
        : undefined,
    },
  };
}

const FORM_NAMES: Record<string, string> = {
  'identityDocument.type': 'documentType',
  'identityDocument.number': 'documentNumber',
  'identityDocument.issuedBy': 'documentIssuedBy',
  'identityDocument.expiresOn': 'documentExpiresOn',
};

/** Errors keyed by the schema's paths, keyed instead by the form's field names. */
export function formFieldErrors(fields: Record<string, string>): Record<string, string> {
  return Object.fromEntries(
    Object.entries(fields).map(([path, message]) => [
      FORM_NAMES[path] ?? path.replace(/^registryCorrections\.(residence\.)?/, ''),
      message,
    ]),
  );
}
