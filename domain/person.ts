// The registry of persons INPS holds (anagrafica), in the domain's words: who a person is to INPS, and the record
// automatic validation compares a request with.
export const SEXES = ['M', 'F'] as const;
export type Sex = (typeof SEXES)[number];

/** What a person is to INPS: decides which services they see once they hold a PIN. */
export const REGISTRY_PROFILES = [
  'pensioner',
  'private_employee',
  'public_employee',
  'minor',
  'intermediary',
  'other',
] as const;
export type RegistryProfile = (typeof REGISTRY_PROFILES)[number];

export const FUNDS = ['gestione_privata', 'gestione_dipendenti_pubblici'] as const;
export type Fund = (typeof FUNDS)[number];

/** Where the first half of a PIN goes: the phone by SMS, or the mailbox by email. */
export const DELIVERY_CHANNELS = ['sms', 'email'] as const;
export type DeliveryChannel = (typeof DELIVERY_CHANNELS)[number];

/** What the registry holds of a person's identity and residence: what a declaration is compared with. */
export interface RegistryRecord {
  first_name: string;
  last_name: string;
  birth_date: string;
  sex: Sex;
  birth_place: string;
  birth_province: string;
  citizenship: string;
  street: string;
  city: string;
  province: string;
  postal_code: string;
}
