// The words every holder is told (domain/notices.ts), and which way a PIN's second half may go (domain/delivery.ts).
import { writtenDay } from '../../domain/written-dates';
import { secondHalfChannel } from '../../domain/delivery';
import { noticeEmail, noticeWords, type HolderNotice } from '../../domain/notices';

const EVERY_NOTICE: HolderNotice[] = [
  { kind: 'pin_revoked', reason: 'revoked_by_office' },
  { kind: 'pin_revoked', reason: 'came_of_age' },
  { kind: 'coming_of_age_notice', day: '2028-05-16T22:00:00.000Z' },
  { kind: 'pin_retirement_notice', day: '2027-03-31T22:00:00.000Z' },
  { kind: 'conversion_approved' },
  { kind: 'conversion_rejected', reason: 'illegible', requestCode: 'CNV-7K3M-Q9XH' },
  { kind: 'conversion_lapsed', requestCode: 'CNV-7K3M-Q9XH' },
  { kind: 'issued_at_office' },
];

it('every notice is written in Italian and then English, with both numbers to call', () => {
  for (const notice of EVERY_NOTICE) {
    const { subject, text } = noticeEmail(notice, 'Anna Colombo', { officeOpen: true });
    expect(subject).toMatch(/^INPS - /);
    const [italian, english] = text.split('— English —');
    expect(italian).toMatch(/^Gentile Anna Colombo,[\s\S]*803 164, gratuito da rete fissa[\s\S]*06 164 164/);
    expect(english).toMatch(/Dear Anna Colombo,[\s\S]*803 164, free from landlines[\s\S]*06 164 164/);
    expect(noticeWords(notice, { officeOpen: true }).sms).toMatch(/^INPS: .*803 164.*06 164 164/);
  }
});

it('dates are written the Italian way in Italian and the English way in English, in Italian time', () => {
  const { body } = noticeWords({ kind: 'coming_of_age_notice', day: '2028-05-16T22:00:00.000Z' }, { officeOpen: true });
  expect(body.it).toContain('17 maggio 2028');
  expect(body.en).toContain('17 May 2028');
});

it('with the offices suspended, no notice sends the citizen to an office for a PIN', () => {
  for (const notice of EVERY_NOTICE.filter((n) => n.kind.startsWith('conversion_'))) {
    const open = noticeWords(notice, { officeOpen: true }).body;
    const closed = noticeWords(notice, { officeOpen: false }).body;
    if (notice.kind === 'conversion_approved') continue;
    expect(open.it).toMatch(/recarsi presso una sede INPS/);
    expect(closed.it).not.toMatch(/recarsi presso una sede INPS/);
    expect(closed.it).toMatch(/temporaneamente sospesa/);
    expect(closed.en).toMatch(/temporarily suspended/);
  }
});

describe('the second half by email', () => {
  const registryEmail = 'mario.rossi@example.it';
  it('goes by letter unless the setting allows email and the registry holds an address', () => {
    const firstHalf = { channel: 'sms' as const, email: null };
    expect(secondHalfChannel({ byEmailAllowed: false, registryEmail, firstHalf })).toBe('letter');
    expect(secondHalfChannel({ byEmailAllowed: true, registryEmail: null, firstHalf })).toBe('letter');
    expect(secondHalfChannel({ byEmailAllowed: true, registryEmail, firstHalf })).toBe('email');
  });
  it('never goes to the inbox the first half went to, however the address is written', () => {
    const firstHalf = { channel: 'email' as const, email: ' Mario.Rossi@Example.it ' };
    expect(secondHalfChannel({ byEmailAllowed: true, registryEmail, firstHalf })).toBe('letter');
    const elsewhere = { channel: 'email' as const, email: 'mario@altro.it' };
    expect(secondHalfChannel({ byEmailAllowed: true, registryEmail, firstHalf: elsewhere })).toBe('email');
  });
});

describe('writtenDay', () => {
  it('writes the first of the month as Italian administrations do, in Rome’s calendar', () => {
    expect(writtenDay('2020-10-01', 'it')).toBe('1° ottobre 2020');
    expect(writtenDay('2020-10-01', 'en')).toBe('1 October 2020');
    expect(writtenDay('2026-11-24', 'it')).toBe('24 novembre 2026');
    // 23:30 UTC on 30 September is already 1 October in Rome.
    expect(writtenDay(new Date('2020-09-30T23:30:00Z'), 'it')).toBe('1° ottobre 2020');
    expect(writtenDay(new Date('2026-11-01T12:00:00Z'), 'it')).toBe('1° novembre 2026');
  });
});
