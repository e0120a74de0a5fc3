// The codice fiscale (Italian tax code, 16 characters) as identity key: checksum, and agreement with the declared
// name, birth date, sex and birthplace, omocodia variants included.
import { CodiceFiscale } from './places';
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

/** The codice fiscale these data produce, or undefined when the birthplace is unknown. */
export function computeFiscalCode(p: DeclaredIdentity): string | undefined {
  const [year, month, day] = p.birthDate.split('-').map(Number);
  try {
    return CodiceFiscale.compute({
      name: p.firstName,
      surname: p.lastName,
      gender: p.sex,
      day,
      month,
      year,
      birthplace: p.birthPlace,
      birthplaceProvincia: p.birthProvince.toUpperCase(),
    });
  } catch {
    return undefined;
  }
}

/** True when `code` is the one these data produce, or one of its omocodia variants (assigned to resolve clashes). */
export function fiscalCodeMatches(code: string, p: DeclaredIdentity): boolean {
  const expected = computeFiscalCode(p);
  if (!expected) return false;
  return code === expected || CodiceFiscale.getOmocodie(expected).includes(code);
}

/**
 * A codice fiscale for lists and queues: the six letters from the name (already on screen) and the check
 * character; the birth date and place in between are hidden until the agent opens the task.
 */
export function maskFiscalCode(code: string): string {
  return `${code.slice(0, 6)}${'•'.repeat(9)}${code.slice(15)}`;
}
