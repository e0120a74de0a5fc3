// Spelling a PIN aloud: every character of the PIN alphabet has a spoken form, letters by town, digits by number.
import { PIN_ALPHABET } from '../../domain/pin';
import { spelledInGroups, spokenCharacter } from '../../domain/spelling';

it('spells a first half in two groups of four, letters with the Italian phonetic alphabet', () => {
  expect(spelledInGroups('AC7KW3Y9')).toEqual([
    ['A come Ancona', 'C come Como', '7, sette', 'K come kappa'],
    ['W come vu doppia', '3, tre', 'Y come ipsilon', '9, nove'],
  ]);
});

it('has a spoken form for every character a PIN can hold, and refuses anything else', () => {
  for (const c of PIN_ALPHABET) expect(spokenCharacter(c)).toMatch(new RegExp(`^${c}[ ,]`));
  expect(() => spokenCharacter('#')).toThrow();
});
