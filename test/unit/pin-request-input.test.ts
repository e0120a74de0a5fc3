// Parsing the online request at the edge: normalisation, and every bad field named at once.
import { fiscalCodeMatches, isValidFiscalCode } from '../../domain/fiscal-code';
import { parsePinRequestInput } from '../../domain/pin-request-input';
import { requestFor } from '../support/demo';

describe('codice fiscale', () => {
  it('checks the control character and the layout', () => {
    expect(isValidFiscalCode('RSSMRA55T03H501N')).toBe(true);
    expect(isValidFiscalCode('RSSMRA55T03H501X')).toBe(false);
    expect(isValidFiscalCode('RSSMRA55T03H50')).toBe(false);
  });

  it('matches declared data, omocodia variants included, and nothing else', () => {
    const mario = {
      firstName: 'Mario',
      lastName: 'Rossi',
      birthDate: '1955-12-03',
      sex: 'M',
      birthPlace: 'Roma',
      birthProvince: 'RM',
    } as const;
    expect(fiscalCodeMatches('RSSMRA55T03H501N', mario)).toBe(true);
    expect(fiscalCodeMatches('RSSMRA55T03H50MB', mario)).toBe(isValidFiscalCode('RSSMRA55T03H50MB'));
    expect(fiscalCodeMatches('RSSMRA55T03H501N', { ...mario, sex: 'F' })).toBe(false);
    expect(fiscalCodeMatches('RSSMRA55T03H501N', { ...mario, birthPlace: 'Milano', birthProvince: 'MI' })).toBe(false);
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
