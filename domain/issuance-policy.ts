// Who may still get a new PIN (brief, "The switch to SPID"): before the switch-off date, anyone; from it, only people
// who cannot get SPID, that is minors under 18 and citizens of countries outside the European Union (from the
// registry). Everyone else is told to use SPID, CIE or CNS, in the same words wherever they ask. PINs already held
// keep working and renewing: this rule is about issuing new ones.
import { writtenDay } from './written-dates';

/** The EU member states, by the ISO 3166 alpha-3 code the registry keeps citizenship in. */
const EU_CITIZENSHIPS = new Set([
  'AUT', 'BEL', 'BGR', 'HRV', 'CYP', 'CZE', 'DNK', 'EST', 'FIN', 'FRA', 'DEU', 'GRC', 'HUN', 'IRL',
  'ITA', 'LVA', 'LTU', 'LUX', 'MLT', 'NLD', 'POL', 'PRT', 'ROU', 'SVK', 'SVN', 'ESP', 'SWE',
]); // prettier-ignore

/** The people who may still get a new PIN after the switch-off, and for whom some services are dedicated. */
export const ISSUANCE_EXCEPTIONS = ['minor', 'non_eu_citizen'] as const;
export type IssuedUnder = (typeof ISSUANCE_EXCEPTIONS)[number];

export type IssuanceDecision =
  { allowed: true; because: 'before_switch_off' | IssuedUnder } | { allowed: false; reason: 'use_spid' };

/** The exception a PIN is issued under, if any: before the switch-off, none (it opens every service of the profile). */
export const issuedUnderOf = (decision: IssuanceDecision): IssuedUnder | null =>
  decision.allowed && decision.because !== 'before_switch_off' ? decision.because : null;

/** From the switch-off date (Italian time) new PINs go only to those who cannot get SPID. */
export const spidEraHasBegun = (at: Date, switchOffDate: string) => italianDate(at) >= switchOffDate;

// Built once: a date formatter with a time zone costs a fifth of a millisecond to build, and intake asks for one per
// request. Sweden's locale writes dates as YYYY-MM-DD.
const ITALIAN_DAY = new Intl.DateTimeFormat('sv-SE', { timeZone: 'Europe/Rome' });
const ROME_HOUR = new Intl.DateTimeFormat('en-GB', { timeZone: 'Europe/Rome', hour: '2-digit', hour12: false });

/** A calendar date (YYYY-MM-DD) as it is in Italy at that instant. */
function italianDate(at: Date): string {
  return ITALIAN_DAY.format(at);
}

/** The day someone turns 18: born on 29 February, on 1 March of a year that has none. */
export function eighteenthBirthday(birthDate: string): string {
  const [year, month, day] = birthDate.split('-').map(Number) as [number, number, number];
  const date = new Date(Date.UTC(year + 18, month - 1, day));
  return date.toISOString().slice(0, 10);
}

/** Midnight of a calendar day in Italy, as an instant (Europe/Rome is UTC+1, or UTC+2 in summer time). */
export function italianMidnight(day: string): Date {
  const utcMidnight = Date.parse(`${day}T00:00:00Z`);
  // What Rome's clock reads at UTC midnight tells its offset that day (1 or 2 hours ahead).
  const romeHour = Number(ROME_HOUR.format(utcMidnight));
  return new Date(utcMidnight - romeHour * 3_600_000);
}

/**
 * A minor's PIN, issued under the switch-off's exception, works until the 18th birthday (from then on SPID can be had):
 * it ends at midnight, Italian time, of that day, and the holder is told a month before.
 */
export function comingOfAge(birthDate: string): { at: Date; noticeAt: Date } {
  const at = italianMidnight(eighteenthBirthday(birthDate));
  const noticeAt = new Date(at.getTime());
  noticeAt.setUTCMonth(noticeAt.getUTCMonth() - 1);
  return { at, noticeAt };
}

export function pinIssuanceDecision(
  person: { birthDate: string; citizenship: string | null },
  at: Date,
  switchOffDate: string,
): IssuanceDecision {
  const today = italianDate(at);
  if (!spidEraHasBegun(at, switchOffDate)) return { allowed: true, because: 'before_switch_off' };
  if (today < eighteenthBirthday(person.birthDate)) return { allowed: true, because: 'minor' };
  if (person.citizenship && !EU_CITIZENSHIPS.has(person.citizenship))
    return { allowed: true, because: 'non_eu_citizen' };
  return { allowed: false, reason: 'use_spid' };
}

/**
 * Is this person's PIN retired by the end of the transition? From `retirementDate` (Italian time) a PIN works only for
 * those who still could get one: minors and non-EU citizens.
 */
export function pinRetiredAtEndOfTransition(
  person: { birthDate: string; citizenship: string | null },
  at: Date,
  retirementDate: string | undefined,
): boolean {
  if (!retirementDate || italianDate(at) < retirementDate) return false;
  return !pinIssuanceDecision(person, at, retirementDate).allowed;
}

/** The reason given on the web, at the contact center and at the office alike; Italian for the citizen's pages. */
export function useSpidMessage(switchOffDate: string, lang: 'it' | 'en' = 'en'): string {
  const day = writtenDay(switchOffDate, lang);
  if (lang === 'it')
    return (
      `Dal ${day} l’INPS rilascia nuovi PIN solo a chi non può ottenere SPID: minori di 18 anni e cittadini di ` +
      'Paesi non appartenenti all’Unione europea. Acceda con SPID, con la carta d’identità elettronica (CIE) o con ' +
      'la carta nazionale dei servizi (CNS): aprono gli stessi servizi. Un PIN che possiede già continua a funzionare.'
    );
  return (
    `Since ${day} INPS issues new PINs only to people who cannot get SPID: minors under 18 and citizens of ` +
    'countries outside the European Union. Please sign in with SPID, with your electronic identity card (CIE) or ' +
    'with your national service card (CNS): they open the same services. A PIN you already hold keeps working.'
  );
}
