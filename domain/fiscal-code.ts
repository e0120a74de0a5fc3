// The codice fiscale (Italian tax code, 16 characters) as identity key: checksum, and agreement with the declared
// name, birth date, sex and birthplace, omocodia variants included. Intake checks one per request, so the code is
// composed from codice-fiscale-js's parts with the birthplace looked up once per place (the library's own `compute`
// and `getOmocodie` search the list of comuni on every call, a third of a millisecond or more each).
import { birthplaceCode, CodiceFiscale } from './places';
import type { Sex } from './person';

const FISCAL_CODE_SHAPE = '[A-Z]{6}[0-9LMNPQRSTUV]{2}[ABCDEHLMPRST][0-9LMNPQRSTUV]{2}[A-Z][0-9LMNPQRSTUV]{3}[A-Z]';
export const FISCAL_CODE_PATTERN = new RegExp(`^${FISCAL_CODE_SHAPE}$`);
/** Every codice fiscale in a free text, whatever its case (for masking one where it must not appear). */
export const FISCAL_CODES_IN_TEXT = new RegExp(`\\b${FISCAL_CODE_SHAPE}\\b`, 'gi');

export function isValidFiscalCode(code: string): boolean {
  return FISCAL_CODE_PATTERN.test(code) && CodiceFiscale.check(code);
}

export interface DeclaredIdentity {
  firstName: string;
  lastName: string;
  birthDate: string;
  sex: Sex;
  birthPlace: string;
  birthProvince: string;
}

/** The codice fiscale these data produce, or undefined when the birthplace is unknown or the date is not one. */
export function computeFiscalCode(p: DeclaredIdentity): string | undefined {
  const [year, month, day] = p.birthDate.split('-').map(Number) as [number, number, number];
  const date = new Date(Date.UTC(year, month - 1, day));
  if (date.getUTCFullYear() !== year || date.getUTCMonth() !== month - 1 || date.getUTCDate() !== day) return undefined;
  const place = birthplaceCode(p.birthPlace, p.birthProvince);
  if (!place) return undefined;
  const body = `${CodiceFiscale.surnameCode(p.lastName)}${CodiceFiscale.nameCode(p.firstName)}${CodiceFiscale.dateCode(day, month, year, p.sex)}${place}`;
  return body + CodiceFiscale.getCheckCode(body);
}

/**
 * Omocodia: when two people would get the same code, any of the later one's digits (birth year, day, place number)
 * are replaced by letters, 0→L, 1→M, 2→N, 3→P, 4→Q, 5→R, 6→S, 7→T, 8→U, 9→V, and the check character computed again.
 */
const OMOCODIA_LETTERS = 'LMNPQRSTUV';

/** True when `code` is the one these data produce, or one of its omocodia variants (assigned to resolve clashes). */
export function fiscalCodeMatches(code: string, p: DeclaredIdentity): boolean {
  const expected = computeFiscalCode(p);
  if (!expected || code.length !== expected.length) return false;
  if (code === expected) return true;
  let substituted = false;
  for (let i = 0; i < 15; i++) {
    if (code[i] === expected[i]) continue;
    if (!/[0-9]/.test(expected[i]!) || code[i] !== OMOCODIA_LETTERS[Number(expected[i])]) return false;
    substituted = true;
  }
  return substituted && code[15] === CodiceFiscale.getCheckCode(code.slice(0, 15));
}

/**
 * A codice fiscale for lists and queues: the six letters from the name (already on screen) and the check
 * character; the birth date and place in between are hidden until the agent opens the task.
 */
export function maskFiscalCode(code: string): string {
  return `${code.slice(0, 6)}${'•'.repeat(9)}${code.slice(15)}`;
}
