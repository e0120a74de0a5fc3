// Automatic validation: what counts as the same identity and address as the registry's, and what does not.
import { compareWithRegistry } from '../../domain/registry-comparison';
import type { PersonRow, PinRequestRow } from '../../infra/db/schema';
import { demoPersonRows } from '../../dev/seed';

const person = { ...demoPersonRows()[0]!, id: 'p1', created_at: new Date() } as PersonRow;
const declared = (changes: Partial<PinRequestRow> = {}) => ({ ...person, ...changes }) as unknown as PinRequestRow;

it('passes the registry data as typed, whatever the case, accents or abbreviations', () => {
  expect(compareWithRegistry(declared(), person)).toEqual([]);
  expect(compareWithRegistry(declared({ first_name: 'MARIO', street: 'via appia nuova, 100' }), person)).toEqual([]);
  const viale = { ...person, street: 'Viale dei Mille 8' };
  expect(compareWithRegistry(declared({ street: 'V.le dei Mille 8' }), viale)).toEqual([]);
});

it('names each kind of difference', () => {
  expect(compareWithRegistry(declared(), undefined)).toEqual(['not_in_registry']);
  expect(compareWithRegistry(declared({ last_name: 'Russo' }), person)).toEqual(['name_mismatch']);
  expect(compareWithRegistry(declared({ birth_date: '1955-12-04' }), person)).toEqual(['birth_data_mismatch']);
  expect(compareWithRegistry(declared({ street: 'Via Appia Nuova 102' }), person)).toEqual(['address_mismatch']);
  expect(compareWithRegistry(declared({ postal_code: '00179' }), person)).toEqual(['postal_code_mismatch']);
  expect(
    compareWithRegistry(declared({ street: 'Via dei Mille 8' }), { ...person, street: 'Viale dei Mille 8' }),
  ).toEqual(['address_mismatch']);
});
