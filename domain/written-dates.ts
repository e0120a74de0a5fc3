// How a day is written to a person, in one place: in Rome's calendar, the month in words, and in Italian the first of
// the month as an ordinal ("1° ottobre 2026", as Italian administrations write it; "1 October 2026" in English).

export type WrittenLanguage = 'it' | 'en';

/** A moment, or a calendar day ("2026-10-01", read as that day in Rome). */
export function writtenDay(date: Date | string, lang: WrittenLanguage): string {
  const at =
    typeof date === 'string' && /^\d{4}-\d{2}-\d{2}$/.test(date) ? new Date(`${date}T12:00:00Z`) : new Date(date);
  const written = at.toLocaleDateString(lang === 'it' ? 'it-IT' : 'en-GB', {
    timeZone: 'Europe/Rome',
    day: 'numeric',
    month: 'long',
    year: 'numeric',
  });
  return lang === 'it' ? written.replace(/^1 /, '1° ') : written;
}
