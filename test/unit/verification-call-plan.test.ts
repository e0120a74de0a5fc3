// What a request's page says about its verification call: each attempt is a task with a deadline of its own, so the
// day the call is due by runs from the attempt under way, not from the day the request was made.
import { loadConfig } from '../../infra/config';
import { verificationCallPlan } from '../../services/citizen/routes/pin-requests';

const config = loadConfig({
  NODE_ENV: 'test',
  VERIFICATION_TASK_DEADLINE: '14 days',
  VERIFICATION_RETRY_DELAY: '4 hours',
  VERIFICATION_MAX_CALL_ATTEMPTS: '3',
});
const DAY = 86_400_000;

describe('verificationCallPlan', () => {
  it('the attempt under way is due 14 days after its own task opened, whenever the request was made', () => {
    const secondTaskOpened = new Date('2026-11-20T10:00:00Z');
    const plan = verificationCallPlan(
      config,
      { status: 'awaiting_verification_call', updated_at: new Date(secondTaskOpened.getTime() + 50) },
      secondTaskOpened,
    );
    expect(plan).toMatchObject({ by: new Date(secondTaskOpened.getTime() + 14 * DAY).toISOString(), attempts: 3 });
    expect(plan).not.toHaveProperty('nextFrom');
  });

  it('after a missed call: the next attempt opens after the retry delay, and is due 14 days after that', () => {
    const missed = new Date('2026-11-20T10:00:00Z');
    const plan = verificationCallPlan(config, { status: 'verification_call_scheduled', updated_at: missed }, undefined);
    const nextFrom = missed.getTime() + 4 * 3_600_000;
    expect(plan).toEqual({
      hours: config.VERIFICATION_CALL_HOURS,
      attempts: 3,
      retryAfterHours: 4,
      missedAt: missed.toISOString(),
      nextFrom: new Date(nextFrom).toISOString(),
      by: new Date(nextFrom + 14 * DAY).toISOString(),
    });
  });

  it('says nothing of a call once the request is past verification', () => {
    expect(verificationCallPlan(config, { status: 'delivering', updated_at: new Date() }, undefined)).toBeNull();
  });
});
