// When a PIN request may be rejected, on what Postgres holds (domain/pin-request.ts): the registry's answer, an agent's
// recorded outcome, calls nobody answered, or a call left in the queue its whole time; never on a run's say-so.
import { rejectionRestsOn, type RejectionEvidence } from '../../domain/pin-request';

const DAY = 86_400_000;
const openedAt = new Date('2026-12-01T09:00:00Z');
const policy = (at: Date) => ({ at: at.getTime(), taskDeadlineMs: 14 * DAY });
const online = (
  calls: RejectionEvidence['calls'],
  failures: RejectionEvidence['validationFailures'] = ['address_mismatch'],
): RejectionEvidence => ({
  channel: 'online',
  validationFailures: failures,
  calls,
});
const call = (outcome: RejectionEvidence['calls'][number]['outcome'], live = false) => ({ outcome, live, openedAt });

it('"unreachable by phone" needs a call an agent recorded unanswered, and none still in the queue', () => {
  expect(rejectionRestsOn('unreachable_by_phone', online([]), policy(openedAt))).toBe('no');
  expect(
    rejectionRestsOn('unreachable_by_phone', online([call('no_answer'), call(null, true)]), policy(openedAt)),
  ).toBe('no');
  expect(
    rejectionRestsOn('unreachable_by_phone', online([call('no_answer'), call('no_answer')]), policy(openedAt)),
  ).toBe('yes');
});

it('"identity not verified" needs an agent’s recorded "not verified"', () => {
  expect(rejectionRestsOn('identity_not_verified', online([call('no_answer')]), policy(openedAt))).toBe('no');
  expect(rejectionRestsOn('identity_not_verified', online([call('not_verified')]), policy(openedAt))).toBe('yes');
});

it('"verification not completed" waits until the last call has been in the queue for the whole deadline', () => {
  const evidence = online([call('no_answer'), call(null)]);
  expect(rejectionRestsOn('verification_not_completed', evidence, policy(new Date(+openedAt + DAY)))).toEqual({
    notUntil: +openedAt + 14 * DAY,
  });
  expect(rejectionRestsOn('verification_not_completed', evidence, policy(new Date(+openedAt + 14 * DAY)))).toBe('yes');
  expect(rejectionRestsOn('verification_not_completed', online([]), policy(new Date(+openedAt + 30 * DAY)))).toBe('no');
  expect(
    rejectionRestsOn('verification_not_completed', online([call('verified')]), policy(new Date(+openedAt + 30 * DAY))),
  ).toBe('no');
});

it('the registry’s answers: not in it at all, or a phone registration that no longer matches it', () => {
  expect(rejectionRestsOn('not_in_registry', online([]), policy(openedAt))).toBe('no');
  expect(rejectionRestsOn('not_in_registry', online([], ['not_in_registry']), policy(openedAt))).toBe('yes');
  expect(rejectionRestsOn('registry_mismatch', online([]), policy(openedAt))).toBe('no');
  const byPhone: RejectionEvidence = { channel: 'contact_center', validationFailures: ['name_mismatch'], calls: [] };
  expect(rejectionRestsOn('registry_mismatch', byPhone, policy(openedAt))).toBe('yes');
  expect(rejectionRestsOn('registry_mismatch', { ...byPhone, validationFailures: [] }, policy(openedAt))).toBe('no');
});
