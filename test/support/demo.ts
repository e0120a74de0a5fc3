// Requests as demo citizens would type them, built from the seeded registry.
import { DEMO_PERSONS, demoPersonRows } from '../../dev/seed';

type Overrides = Partial<Record<string, unknown>> & { residence?: Record<string, string> };

/** A request whose every field matches the registry: automatic validation passes. */
export function requestFor(lastName: string, overrides: Overrides = {}) {
  const index = DEMO_PERSONS.findIndex((p) => p.lastName === lastName);
  if (index < 0) throw new Error(`no demo person ${lastName}`);
  const person = DEMO_PERSONS[index]!;
  const row = demoPersonRows()[index]!;
  const { residence, ...rest } = overrides;
  return {
    fiscalCode: row.fiscal_code,
    firstName: person.firstName,
    lastName: person.lastName,
    birthDate: person.birthDate,
    sex: person.sex,
    birthPlace: person.birthPlace,
    birthProvince: person.birthProvince,
    residence: {
      street: person.street,
      city: person.city,
      province: person.province,
      postalCode: person.postalCode,
      ...residence,
    },
    // One mobile each: a test reads a PIN's first half off the newest SMS to its phone, which must be this request's.
    phone: person.phone ?? `+39333000${String(1 + index).padStart(4, '0')}`,
    email: person.email ?? `${person.firstName.toLowerCase()}@example.it`,
    deliveryChannel: 'sms',
    ...rest,
  };
}

/** Luca Ferrari moved to Bologna; the registry still has Torino. Automatic validation fails on the address. */
export const movedCitizen = () =>
  requestFor('Ferrari', {
    residence: { street: 'Via Zamboni 33', city: 'Bologna', province: 'BO', postalCode: '40126' },
    deliveryChannel: 'email',
  });
