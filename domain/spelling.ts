// Reading characters aloud on the phone without mistakes: each letter spelled with the Italian phonetic alphabet (the
// town names the contact center uses, "A come Ancona"), each digit said as a number, in groups of four.
import { HALF_LENGTH } from './pin';

const ITALIAN_PHONETIC: Record<string, string> = {
  A: 'Ancona', B: 'Bologna', C: 'Como', D: 'Domodossola', E: 'Empoli', F: 'Firenze', G: 'Genova', H: 'Hotel',
  I: 'Imola', J: 'i lunga', K: 'kappa', L: 'Livorno', M: 'Milano', N: 'Napoli', O: 'Otranto', P: 'Palermo',
  Q: 'Quarto', R: 'Roma', S: 'Savona', T: 'Torino', U: 'Udine', V: 'Venezia', W: 'vu doppia', X: 'ics',
  Y: 'ipsilon', Z: 'Zara',
}; // prettier-ignore

const DIGITS = ['zero', 'uno', 'due', 'tre', 'quattro', 'cinque', 'sei', 'sette', 'otto', 'nove'];

/** One character as the agent says it: "A come Ancona", "7, sette". */
export function spokenCharacter(c: string): string {
  if (/^\d$/.test(c)) return `${c}, ${DIGITS[Number(c)]}`;
  const word = ITALIAN_PHONETIC[c.toUpperCase()];
  if (!word) throw new Error(`no spoken form for ${JSON.stringify(c)}`);
  return `${c.toUpperCase()} come ${word}`;
}

/** Characters to read aloud, in groups of four, each character spelled. */
export function spelledInGroups(text: string, groupSize = HALF_LENGTH / 2): string[][] {
  const groups: string[][] = [];
  for (let i = 0; i < text.length; i += groupSize) groups.push([...text.slice(i, i + groupSize)].map(spokenCharacter));
  return groups;
}
