// Parsing the online request at the edge: normalisation, and every bad field named at once.
import { computeFiscalCode, fiscalCodeMatches, isValidFiscalCode } from '../../domain/fiscal-code';
import { CodiceFiscale } from '../../domain/places';
import { parsePinRequestInput } from '../../domain/pin-request-input';
import { requestFor } from '../support/demo';

describe('codice fiscale', () => {
  const mario = {
    firstName: 'Mario',
    lastName: 'Rossi',
    birthDate: '1955-12-03',
    sex: 'M',
    birthPlace: 'Roma',
    birthProvince: 'RM',
  } as const;

  it('checks the control character and the layout', () => {
    expect(isValidFiscalCode('RSSMRA55T03H501N')).toBe(true);
    expect(isValidFiscalCode('RSSMRA55T03H501X')).toBe(false);
    expect(isValidFiscalCode('RSSMRA55T03H50')).toBe(false);
  });

  it('matches declared data, omocodia variants included, and nothing else', () => {
    expect(fiscalCodeMatches('RSSMRA55T03H501N', mario)).toBe(true);
    expect(fiscalCodeMatches('RSSMRA55T03H50MB', mario)).toBe(isValidFiscalCode('RSSMRA55T03H50MB'));
    expect(fiscalCodeMatches('RSSMRA55T03H501N', { ...mario, sex: 'F' })).toBe(false);
    expect(fiscalCodeMatches('RSSMRA55T03H501N', { ...mario, birthPlace: 'Milano', birthProvince: 'MI' })).toBe(false);
  });

  it("agrees with codice-fiscale-js's own compute and omocodia list on every identity", () => {
    const people = [
      mario,
      {
        firstName: 'Zoë',
        lastName: "D'Amico",
        birthDate: '2008-02-29',
        sex: 'F',
        birthPlace: "Reggio nell'Emilia",
        birthProvince: 're',
      },
      { firstName: 'Al', lastName: 'Fo', birthDate: '1931-01-31', sex: 'F', birthPlace: 'Forlì', birthProvince: 'FC' },
      {
        firstName: 'Amadou',
        lastName: 'Diallo',
        birthDate: '1990-07-14',
        sex: 'M',
        birthPlace: 'Senegal',
        birthProvince: 'EE',
      },
    ] as const;
    for (const p of people) {
      const expected = CodiceFiscale.compute({
        name: p.firstName,
        surname: p.lastName,
        gender: p.sex,
        day: Number(p.birthDate.slice(8)),
        month: Number(p.birthDate.slice(5, 7)),
        year: Number(p.birthDate.slice(0, 4)),
        birthplace: p.birthPlace,
        birthplaceProvincia: p.birthProvince.toUpperCase(),
      });
      expect(computeFiscalCode(p)).toBe(expected);
      const variants = CodiceFiscale.getOmocodie(expected);
      expect(variants).toHaveLength(127);
      for (const variant of variants) expect(fiscalCodeMatches(variant, p)).toBe(true);
      // A variant whose check character was not computed again, a letter that is not the digit's, a letter where no
      // digit stands: none is this person's.
      const stale = `${variants[0]!.slice(0, 15)}${expected[15]}`;
      expect(fiscalCodeMatches(stale, p)).toBe(variants.includes(stale));
      const wrongLetter = `${expected.slice(0, 14)}${expected[14] === '0' ? 'M' : 'L'}`;
      expect(fiscalCodeMatches(wrongLetter + CodiceFiscale.getCheckCode(wrongLetter), p)).toBe(false);
      const notADigit = `${expected.slice(0, 8)}Z${expected.slice(9, 15)}`;
      expect(fiscalCodeMatches(notADigit + CodiceFiscale.getCheckCode(notADigit), p)).toBe(false);
    }
    expect(computeFiscalCode({ ...mario, birthDate: '1955-02-30' })).toBeUndefined();
    expect(computeFiscalCode({ ...mario, birthPlace: 'Atlantide' })).toBeUndefined();
  });

  it('knows births abroad', () => {
    expect(parsePinRequestInput(requestFor('Diallo')).ok).toBe(true);
  });
});

describe('parsePinRequestInput', () => {
  it('normalises what people type', () => {
    const result = parsePinRequestInput(
      requestFor('Rossi', {
        fiscalCode: 'rssmra55t03h501n',
        phone: '333 123 4567',
        email: ' Mario.Rossi@Example.IT ',
        residence: { city: 'ROMA', province: 'rm' },
      }),
    );
    expect(result).toMatchObject({
      ok: true,
      value: {
        fiscalCode: 'RSSMRA55T03H501N',
        phone: '+393331234567',
        email: 'mario.rossi@example.it',
        residence: { province: 'RM' },
      },
    });
  });

  it('names every bad field, cross-field checks included, in one answer', () => {
    const result = parsePinRequestInput(
      requestFor('Rossi', {
        firstName: 'Luigi',
        email: 'nope',
        residence: { city: 'Milano', province: 'RM', postalCode: '00183' },
      }),
    );
    expect(result.ok).toBe(false);
    if (result.ok) return;
    expect(Object.keys(result.fields).sort()).toEqual(['email', 'fiscalCode', 'residence.province']);
  });

  it('reports a place in the wrong province under the province, and a place that does not exist under the place', () => {
    const fieldsOf = (overrides: Parameters<typeof requestFor>[1]) => {
      const result = parsePinRequestInput(requestFor('Rossi', overrides));
      return result.ok ? {} : result.fields;
    };
    // Mario Rossi was born in Roma: typed with Milano's province, it is the province that is wrong.
    expect(fieldsOf({ birthProvince: 'MI' })).toEqual({ birthProvince: 'not the province of Roma (RM)' });
    expect(fieldsOf({ residence: { city: 'Milano', province: 'RM', postalCode: '20121' } })).toEqual({
      'residence.province': 'not the province of Milano (MI)',
    });
    expect(fieldsOf({ birthPlace: 'Atlantide' })).toMatchObject({
      birthPlace: 'unknown comune or state for this province',
    });
    expect(fieldsOf({ residence: { city: 'Atlantide' } })).toEqual({
      'residence.city': 'no comune of this name in the province RM',
    });
  });

  it('refuses a birth date in the future and a body that is not an object', () => {
    const future = parsePinRequestInput(requestFor('Rossi', { birthDate: '2999-01-01' }));
    expect(!future.ok && future.fields.birthDate).toBeTruthy();
    const nothing = parsePinRequestInput('hello');
    expect(!nothing.ok && Object.keys(nothing.fields)).toEqual(['body']);
  });
});
