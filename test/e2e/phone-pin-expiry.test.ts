// Each validity of the temporary phone PIN ends on time: the whole product on Temporal's time-skipping test server,
// so one day, one week, one month and three months pass in seconds. Just before its end a phone PIN identifies the
// caller; just after, its timer has ended it and it no longer does.
import type { TestWorkflowEnvironment } from '@temporalio/testing';
import { fiscalCodeOf, spidSession } from '../support/citizen';
import { pinDispositivoActions } from '../support/pin-dispositivo';
import { eventually, startTestProduct, type TestProduct } from '../support/product';
import { createTimeSkippingEnv } from '../support/time-skipping';

let env: TestWorkflowEnvironment;
let product: TestProduct;
beforeAll(async () => {
  env = await createTimeSkippingEnv();
  product = await startTestProduct({ TEMPORAL_ADDRESS: env.address });
});
afterAll(async () => {
  await product?.stop();
  await env?.teardown();
});

const HOUR = 3_600_000;

it('ends each phone PIN when its validity runs out: a day, a week, a month, three months', async () => {
  const token = await spidSession(product, 'Romano');
  const agent = await pinDispositivoActions(product).staffToken('agent.neri');
  const identify = (phonePin: string) =>
    product.agents.post('/api/agent/caller-identification', { fiscalCode: fiscalCodeOf('Romano'), phonePin }, agent);

  const made: Record<string, { pin: string; phonePinId: string; expiresAt: string }> = {};
  for (const validity of ['1_day', '1_week', '1_month', '3_months']) {
    const res = await product.citizen.post('/api/phone-pins', { validity }, token);
    expect(res.status).toBe(201);
    made[validity] = res.body;
  }
  const status = async (id: string) =>
    (await product.db.selectFrom('phone_pins').select('status').where('id', '=', id).executeTakeFirstOrThrow()).status;

  for (const validity of ['1_day', '1_week', '1_month', '3_months']) {
    const { pin, phonePinId, expiresAt } = made[validity]!;
    // The time-skipping server's clock: an hour before the end, the PIN still identifies the caller.
    await env.sleep(Math.max(0, Date.parse(expiresAt) - HOUR - (await env.currentTimeMs())));
    expect(await status(phonePinId)).toBe('active');
    expect((await identify(pin)).status).toBe(200);
    await env.sleep(2 * HOUR);
    await eventually(async () => (await status(phonePinId)) === 'expired');
    expect((await identify(pin)).status).toBe(401);
  }
  // Days by the clock, months by the calendar.
  const created = new Date(Date.parse(made['1_day']!.expiresAt) - 24 * HOUR);
  expect(Date.parse(made['1_week']!.expiresAt) - created.getTime()).toBeGreaterThanOrEqual(7 * 24 * HOUR - 60_000);
});
