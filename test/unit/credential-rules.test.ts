// The rules of a PIN's life that need no server: what a sign-in accepts as a PIN, the calendar arithmetic of a
// term, how suspensions grow, and which services each profile sees.
import { lostPinSchema, signInSchema } from '../../domain/credential-input';
import { addCalendarMonths, reminderTime, termEnd } from '../../domain/credential-term';
import { lockoutDuration } from '../../domain/lockout';
import { callerIdentificationSchema } from '../../domain/phone-pin';
import { PIN_ALPHABET } from '../../domain/pin';
import { fieldMessage } from '../../services/shared/i18n';
import { servicesFor } from '../../domain/service-catalog';
import { requestFor } from '../support/demo';

const fiscalCode = requestFor('Rossi').fiscalCode;

describe('sign-in input', () => {
  it('takes a PIN as people copy it: spaces, dashes, lower case', () => {
    expect(signInSchema.parse({ fiscalCode: fiscalCode.toLowerCase(), pin: 'acde fghj-kmnp qrtu' })).toEqual({
      fiscalCode,
      pin: 'ACDEFGHJKMNPQRTU',
    });
  });

  it.each([
    ['ACDEFGH', 'a PIN has 8 characters, or 16 at the first access'],
    ['ACDEFGHJK', 'a PIN has 8 characters, or 16 at the first access'],
    ['ACDEFGH0', 'a PIN has only the letters and digits printed on it (no 0, 1, 2, 5, 6, 8, B, I, L, O, S or Z)'],
    ['ACDEFGH6', 'a PIN has only the letters and digits printed on it (no 0, 1, 2, 5, 6, 8, B, I, L, O, S or Z)'],
  ])('refuses %s: %s', (pin, message) => {
    const parsed = signInSchema.safeParse({ fiscalCode, pin });
    expect(parsed.error?.issues.map((i) => i.message)).toEqual([message]);
  });

  it.each([
    ['ACDE', 'a phone PIN has 8 characters'],
    ['0000 0000', 'a phone PIN has only the letters and digits INPS gave (no 0, 1, 2, 5, 6, 8, B, I, L, O, S or Z)'],
  ])('refuses the phone PIN %s, saying what a phone PIN is: %s', (phonePin, message) => {
    const parsed = callerIdentificationSchema.safeParse({ fiscalCode, phonePin });
    expect(parsed.error?.issues.map((i) => i.message)).toEqual([message]);
    // The console is in Italian: the agent reads it in Italian too.
    expect(fieldMessage('it', message)).toMatch(/^il PIN telefonico (ha|contiene)/);
  });

  it('names exactly the characters no PIN holds', () => {
    for (const c of '0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZ') {
      const parsed = signInSchema.safeParse({ fiscalCode, pin: `ACDEFGH${c}` });
      expect(parsed.success).toBe(PIN_ALPHABET.includes(c));
      if (!parsed.success) expect(parsed.error.issues[0]!.message).toMatch(new RegExp(`\\(no .*\\b${c}\\b`));
    }
  });

  it('a lost-PIN request names exactly one contact', () => {
    expect(lostPinSchema.safeParse({ fiscalCode, phone: '333 1234567' }).data).toEqual({
      fiscalCode,
      phone: '+393331234567',
    });
    expect(lostPinSchema.safeParse({ fiscalCode, phone: '', email: 'A@Example.it' }).data?.email).toBe('a@example.it');
    expect(lostPinSchema.safeParse({ fiscalCode }).success).toBe(false);
    expect(lostPinSchema.safeParse({ fiscalCode, phone: '3331234567', email: 'a@example.it' }).success).toBe(false);
  });
});

describe('terms', () => {
  const policy = { validityMonths: { citizen: 6, intermediary: 3 }, reminderDaysBefore: 15 };

  it('counts calendar months, keeping the time of day', () => {
    expect(addCalendarMonths(new Date('2026-11-24T09:30:00Z'), 6).toISOString()).toBe('2027-05-24T09:30:00.000Z');
    expect(termEnd(new Date('2026-11-24T09:30:00Z'), 'intermediary', policy).toISOString()).toBe(
      '2027-02-24T09:30:00.000Z',
    );
  });

  it('ends on the last day of a shorter month, never later', () => {
    expect(addCalendarMonths(new Date('2026-08-31T12:00:00Z'), 6).toISOString()).toBe('2027-02-28T12:00:00.000Z');
    expect(addCalendarMonths(new Date('2027-08-31T12:00:00Z'), 6).toISOString()).toBe('2028-02-29T12:00:00.000Z');
    expect(addCalendarMonths(new Date('2026-11-30T12:00:00Z'), 3).toISOString()).toBe('2027-02-28T12:00:00.000Z');
  });

  it('reminds the configured number of days before', () => {
    expect(reminderTime(new Date('2027-05-24T09:30:00Z'), policy).toISOString()).toBe('2027-05-09T09:30:00.000Z');
  });
});

it('suspensions double each time, up to the ceiling', () => {
  const policy = { maxFailures: 5, baseMs: 15 * 60_000, maxMs: 24 * 3_600_000 };
  expect([1, 2, 3, 4].map((n) => lockoutDuration(n, policy) / 60_000)).toEqual([15, 30, 60, 120]);
  expect(lockoutDuration(20, policy)).toBe(24 * 3_600_000);
});

describe('service catalog', () => {
  const ids = (...args: Parameters<typeof servicesFor>) => servicesFor(...args).map((s) => s.id);

  it('a pensioner sees no worker services; each fund only its own', () => {
    const privatePensioner = ids({
      profile: 'pensioner',
      fund: 'gestione_privata',
      credentialKind: 'ordinario',
      credentialHolder: 'citizen',
    });
    expect(privatePensioner).toContain('pension_data');
    expect(privatePensioner).not.toContain('medical_certificates');
    expect(privatePensioner).not.toContain('small_loan_public_employees');
    const publicEmployee = ids({
      profile: 'public_employee',
      fund: 'gestione_dipendenti_pubblici',
      credentialKind: 'ordinario',
      credentialHolder: 'citizen',
    });
    expect(publicEmployee).toEqual(expect.arrayContaining(['medical_certificates', 'small_loan_public_employees']));
    expect(publicEmployee).not.toContain('naspi');
    expect(publicEmployee).not.toContain('pension_data');
  });

  it('applications need a PIN dispositivo; consultation any PIN', () => {
    const worker = { profile: 'private_employee', fund: 'gestione_privata', credentialHolder: 'citizen' } as const;
    const access = (kind: 'ordinario' | 'dispositivo') =>
      Object.fromEntries(servicesFor({ ...worker, credentialKind: kind }).map((s) => [s.id, s.access]));
    expect(access('ordinario')).toMatchObject({ contribution_statement: 'usable', naspi: 'needs_pin_dispositivo' });
    expect(access('dispositivo')).toMatchObject({ contribution_statement: 'usable', naspi: 'usable' });
  });

  it('an intermediary’s credential opens the intermediary services only', () => {
    expect(
      ids({ profile: 'private_employee', fund: null, credentialKind: 'dispositivo', credentialHolder: 'intermediary' }),
    ).toEqual(['intermediary_mandates', 'intermediary_applications']);
  });
});
