// A month before the end of the transition (PIN_RETIREMENT_DATE): the holders whose PIN will stop working are told
// once, by email (or SMS), by a Temporal Schedule; those whose PIN goes on (minors, non-EU citizens) are not.
import { PIN_RETIREMENT_NOTICES_SCHEDULE_ID } from '../../core/schedules';
import { fiscalCodeOf } from '../support/citizen';
import { activePinFor } from '../support/pins';
import { eventually, startTestProduct, type TestProduct } from '../support/product';

let product: TestProduct;
beforeAll(async () => {
  const inTwentyDays = new Date(Date.now() + 20 * 86_400_000).toISOString().slice(0, 10);
  product = await startTestProduct({ PIN_RETIREMENT_DATE: inTwentyDays });
});
afterAll(() => product?.stop());

it('tells each holder whose PIN will stop working, once; not the non-EU citizen whose PIN goes on', async () => {
  for (const lastName of ['Rossi', 'Diallo']) await activePinFor(product, fiscalCodeOf(lastName));
  const notices = async () =>
    (await product.outbox()).filter((m) => /smetterà di funzionare|non funzionerà più/.test(m.text));
  const schedule = product.temporal.schedule.getHandle(PIN_RETIREMENT_NOTICES_SCHEDULE_ID);
  await schedule.trigger();
  const told = await eventually(async () => ((await notices()).length > 0 ? notices() : undefined));
  expect(told.map((m) => m.recipient)).toEqual(['mario.rossi@example.it']);
  await schedule.trigger();
  await new Promise((r) => setTimeout(r, 2_000));
  expect(await notices()).toHaveLength(1);
});
