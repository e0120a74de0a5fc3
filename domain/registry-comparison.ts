// Automatic validation (brief, "Three ways to request a PIN", 1): does what a person declared match the registry INPS
// holds? The answer names which checks failed, never the data, so it may sit in a workflow history or on a screen.
import type { RegistryRecord } from './person';
import type { ValidationFailure } from './pin-request';
import { placeKey } from './places';

/** The declared identity and residence, as a request row (or a form about to become one) holds them. */
export type DeclaredData = Pick<
  RegistryRecord,
  'first_name' | 'last_name' | 'birth_date' | 'sex' | 'birth_place' | 'street' | 'city' | 'province' | 'postal_code'
>;

/** Street spelling varies ("V.le", "Viale"): compare on letters and digits, with the usual abbreviations expanded. */
function streetKey(street: string): string {
  const key = placeKey(street)
    .replace(/\bV LE\b/g, 'VIALE')
    .replace(/\bP ZZA\b/g, 'PIAZZA')
    .replace(/\bC SO\b/g, 'CORSO');
  return key.replace(/\s+/g, ' ');
}

/** Which parts of the declared identity and residence differ from what the registry holds. */
export function compareWithRegistry(declared: DeclaredData, person: RegistryRecord | undefined): ValidationFailure[] {
  if (!person) return ['not_in_registry'];
  const failures: ValidationFailure[] = [];
  if (
    placeKey(person.first_name) !== placeKey(declared.first_name) ||
    placeKey(person.last_name) !== placeKey(declared.last_name)
  )
    failures.push('name_mismatch');
  if (
    person.birth_date !== declared.birth_date ||
    person.sex !== declared.sex ||
    placeKey(person.birth_place) !== placeKey(declared.birth_place)
  )
    failures.push('birth_data_mismatch');
  if (
    streetKey(person.street) !== streetKey(declared.street) ||
    placeKey(person.city) !== placeKey(declared.city) ||
    person.province !== declared.province
  )
    failures.push('address_mismatch');
  else if (person.postal_code !== declared.postal_code) failures.push('postal_code_mismatch');
  return failures;
}

/** What the caller answered to the agent's questions, typed by the agent; each part optional. */
export interface CallerAnswers {
  birthPlace?: string;
  birthDate?: string;
  residence?: { street: string; postalCode: string; city: string };
}
export type AnswerCheck = 'matches' | 'differs';

/**
 * Does each answer match what the registry holds? Only the verdict leaves this function, never the registry's
 * value: the agent asks, the caller answers, and the screen says right or wrong without showing the answer first.
 */
export function checkCallerAnswers(
  person: Pick<RegistryRecord, 'birth_place' | 'birth_date' | 'street' | 'postal_code' | 'city'>,
  answers: CallerAnswers,
): Partial<Record<keyof CallerAnswers, AnswerCheck>> {
  const verdict = (same: boolean): AnswerCheck => (same ? 'matches' : 'differs');
  const checks: Partial<Record<keyof CallerAnswers, AnswerCheck>> = {};
  if (answers.birthPlace !== undefined)
    checks.birthPlace = verdict(placeKey(answers.birthPlace) === placeKey(person.birth_place));
  if (answers.birthDate !== undefined) checks.birthDate = verdict(answers.birthDate === person.birth_date);
  if (answers.residence)
    checks.residence = verdict(
      streetKey(answers.residence.street) === streetKey(person.street) &&
        answers.residence.postalCode.trim() === person.postal_code &&
        placeKey(answers.residence.city) === placeKey(person.city),
    );
  return checks;
}
