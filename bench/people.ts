// Distinct adults for the benchmarks that submit PIN requests: each in the registry, and the request that names them
// at the registry's address (confirmed at once, to a delivered PIN) or at another one (to an agent's call).
import { computeFiscalCode } from '../domain/fiscal-code';

const FIRST = ['Marco', 'Anna', 'Luca', 'Sara', 'Paolo', 'Elena', 'Giorgio', 'Marta', 'Davide', 'Irene'];
const LAST = ['Rinaldi', 'Pellegrini', 'Sartori', 'Fabbri', 'Testa', 'Marchetti', 'Guerra', 'Valentini', 'Orlando'];

/** A distinct adult for each number, held in the registry at the address the request gives (or not, `moved`). */
export function person(i: number, moved: boolean) {
  const firstName = FIRST[i % FIRST.length]!;
  const lastName = LAST[Math.floor(i / FIRST.length) % LAST.length]!;
  const birthDate = `${1940 + (Math.floor(i / 1080) % 60)}-${String(1 + (Math.floor(i / 90) % 12)).padStart(2, '0')}-${String(1 + (i % 28)).padStart(2, '0')}`;
  const identity = { firstName, lastName, birthDate, sex: 'M' as const, birthPlace: 'Roma', birthProvince: 'RM' };
  const fiscalCode = computeFiscalCode(identity)!;
  const street = `Via Nazionale ${i + 1}`;
  return {
    registry: {
      fiscal_code: fiscalCode,
      first_name: firstName,
      last_name: lastName,
      birth_date: birthDate,
      sex: 'M' as const,
      birth_place: 'Roma',
      birth_province: 'RM',
      citizenship: 'IT',
      profile: 'private_employee' as const,
      fund: 'gestione_privata' as const,
      street,
      city: 'Roma',
      province: 'RM',
      postal_code: '00184',
      phone: '+393331234567',
      email: `bench${i}@example.it`,
    },
    request: JSON.stringify({
      ...identity,
      fiscalCode,
      residence: { street: moved ? `Via Altrove ${i + 1}` : street, city: 'Roma', province: 'RM', postalCode: '00184' },
      phone: '+39 333 1234567',
      email: `bench${i}@example.it`,
      deliveryChannel: 'sms',
    }),
  };
}
