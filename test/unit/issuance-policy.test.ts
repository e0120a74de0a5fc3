// Who may still get a new PIN, on both sides of the switch-off date and of an 18th birthday.
import {
  comingOfAge,
  eighteenthBirthday,
  italianMidnight,
  pinIssuanceDecision,
  pinRetiredAtEndOfTransition,
  useSpidMessage,
} from '../../domain/issuance-policy';

const SWITCH_OFF = '2020-10-01';
const adultItalian = { birthDate: '1980-05-10', citizenship: 'ITA' };
/** Noon in Rome on that day. */
const on = (day: string) => new Date(`${day}T10:00:00Z`);

it('before the switch-off anyone gets a PIN; from that day an adult EU citizen is told to use SPID', () => {
  expect(pinIssuanceDecision(adultItalian, on('2020-09-30'), SWITCH_OFF)).toEqual({
    allowed: true,
    because: 'before_switch_off',
  });
  expect(pinIssuanceDecision(adultItalian, on('2020-10-01'), SWITCH_OFF)).toEqual({
    allowed: false,
    reason: 'use_spid',
  });
  // Midnight in Rome is still 30 September in UTC: Italian time decides.
  expect(pinIssuanceDecision(adultItalian, new Date('2020-09-30T22:30:00Z'), SWITCH_OFF).allowed).toBe(false);
  expect(
    pinIssuanceDecision({ birthDate: '1985-11-11', citizenship: 'ROU' }, on('2026-01-01'), SWITCH_OFF).allowed,
  ).toBe(false);
});

it('a minor gets a PIN until the day before turning 18, and not on the birthday', () => {
  const sofia = { birthDate: '2010-05-17', citizenship: 'ITA' };
  expect(pinIssuanceDecision(sofia, on('2028-05-16'), SWITCH_OFF)).toEqual({ allowed: true, because: 'minor' });
  expect(pinIssuanceDecision(sofia, on('2028-05-17'), SWITCH_OFF)).toEqual({ allowed: false, reason: 'use_spid' });
  expect(eighteenthBirthday('2008-02-29')).toBe('2026-03-01');
});

it('a citizen of a country outside the EU gets a PIN at any age', () => {
  expect(pinIssuanceDecision({ birthDate: '1990-02-03', citizenship: 'SEN' }, on('2026-11-24'), SWITCH_OFF)).toEqual({
    allowed: true,
    because: 'non_eu_citizen',
  });
  expect(
    pinIssuanceDecision({ birthDate: '1990-02-03', citizenship: null }, on('2026-11-24'), SWITCH_OFF).allowed,
  ).toBe(false);
});

it('says the same reason wherever it is asked, naming the date and the alternatives', () => {
  const message = useSpidMessage(SWITCH_OFF);
  expect(message).toContain('1 October 2020');
  for (const alternative of ['SPID', 'CIE', 'CNS', 'minors under 18', 'outside the European Union'])
    expect(message).toContain(alternative);
});

it('ends a minor’s PIN at midnight, Italian time, of the 18th birthday, and tells them a month before', () => {
  // Summer time (UTC+2) on 17 May; winter time (UTC+1) on 1 March, the birthday of someone born on 29 February.
  expect(comingOfAge('2010-05-17')).toEqual({
    at: new Date('2028-05-16T22:00:00Z'),
    noticeAt: new Date('2028-04-16T22:00:00Z'),
  });
  expect(comingOfAge('2008-02-29').at).toEqual(new Date('2026-02-28T23:00:00Z'));
  expect(italianMidnight('2026-11-29')).toEqual(new Date('2026-11-28T23:00:00Z'));
});

it('ends the transition at midnight, Italian time, of PIN_RETIREMENT_DATE, for adults who could use SPID only', () => {
  const adult = { birthDate: '1980-03-01', citizenship: 'ITA' };
  const minor = { birthDate: '2015-03-01', citizenship: 'ITA' };
  const nonEu = { birthDate: '1980-03-01', citizenship: 'SEN' };
  // 30 June 2026 begins at 22:00 UTC on the 29th (summer time in Rome).
  const before = new Date('2026-06-29T21:59:59Z');
  const from = new Date('2026-06-29T22:00:00Z');
  expect(pinRetiredAtEndOfTransition(adult, before, '2026-06-30')).toBe(false);
  expect(pinRetiredAtEndOfTransition(adult, from, '2026-06-30')).toBe(true);
  expect(pinRetiredAtEndOfTransition(minor, from, '2026-06-30')).toBe(false);
  expect(pinRetiredAtEndOfTransition(nonEu, from, '2026-06-30')).toBe(false);
  expect(pinRetiredAtEndOfTransition(adult, from, undefined)).toBe(false);
});
