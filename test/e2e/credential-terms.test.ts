// The whole product, with its real activities and Postgres, on Temporal's time-skipping test server: a citizen's PIN
// really expires 6 months after the first access and an intermediary's 3 months after, the reminder email goes out
// 15 days before, and a renewal gives a new PIN whose term starts again. Nothing is shortened: the server's clock
// jumps months in seconds.
import type { TestWorkflowEnvironment } from '@temporalio/testing';
import { demoStaff } from '../../dev/seed';
import { citizenActions, fiscalCodeOf } from '../support/citizen';
import { eventually, startTestProduct, type TestProduct } from '../support/product';
import { createTimeSkippingEnv } from '../support/time-skipping';

let env: TestWorkflowEnvironment;
let product: TestProduct;
let citizen: ReturnType<typeof citizenActions>;
beforeAll(async () => {
  env = await createTimeSkippingEnv();
  product = await startTestProduct({ TEMPORAL_ADDRESS: env.address });
  citizen = citizenActions(product);
});
afterAll(async () => {
  await product?.stop();
  await env?.teardown();
});

const DAY = 86_400_000;
/** Moves the server's clock to `days` days after `from` (an instant of its own clock). */
async function skipTo(from: number, days: number) {
  await env.sleep(from + days * DAY - (await env.currentTimeMs()));
}
const statusOf = async (fiscalCode: string) => (await citizen.credentialOf(fiscalCode)).status;
const reminders = async (to: string) =>
  (await product.outbox()).filter((m) => m.recipient === to && m.subject === 'INPS - Il Suo PIN sta per scadere');

it('a citizen: reminded 15 days before, expired after 6 months, renewed with a new PIN whose term starts again', async () => {
  const fiscalCode = fiscalCodeOf('Colombo');
  const pin = await citizen.firstAccess(fiscalCode, (await citizen.newPinFor('Colombo')).pin);
  const termStart = await env.currentTimeMs();
  await eventually(async () => (await citizen.credentialOf(fiscalCode)).expires_at);
  const email = 'anna@example.it';

  // 5 months and 15 days in: the reminder is out, the PIN still works.
  await skipTo(termStart, 168);
  await eventually(async () => (await reminders(email)).length === 1);
  expect((await reminders(email))[0]!.text).toContain('scade il');
  expect(await statusOf(fiscalCode)).toBe('active');
  expect((await citizen.signIn(fiscalCode, pin)).body.stage).toBe('signed_in');

  // 6 months and a day: expired. The right PIN leads to renewal.
  await skipTo(termStart, 185);
  await eventually(async () => (await statusOf(fiscalCode)) === 'expired');
  const session = await citizen.signIn(fiscalCode, pin);
  expect(session.body.stage).toBe('renewal');
  const renewed = await product.citizen.post('/api/renewal', {}, session.body.token);
  expect(renewed.status).toBe(201);
  const renewedAt = await env.currentTimeMs();
  expect((await citizen.signIn(fiscalCode, renewed.body.pin)).body.stage).toBe('signed_in');

  // The new term runs 6 months from the renewal: still valid 5 months on, expired after 6.
  await eventually(async () => (await citizen.credentialOf(fiscalCode)).expires_at);
  await skipTo(renewedAt, 150);
  expect(await statusOf(fiscalCode)).toBe('active');
  await skipTo(renewedAt, 185);
  await eventually(async () => (await statusOf(fiscalCode)) === 'expired');
  expect(await reminders(email)).toHaveLength(2);
});

it('an intermediary: the PIN issued at the office expires after 3 months, not 6', async () => {
  const operator = demoStaff('operator.verdi');
  const token = (
    await product.agents.post('/api/agent/session', { username: operator.username, password: operator.password })
  ).body.token as string;
  const fiscalCode = fiscalCodeOf('Santoro');
  const issued = await product.agents.post(
    '/api/office/intermediary-credentials',
    { fiscalCode, identityDocumentChecked: true },
    token,
  );
  expect(issued.status).toBe(201);
  const pin = await citizen.firstAccess(fiscalCode, issued.body.pin);
  const termStart = await env.currentTimeMs();
  await eventually(async () => (await citizen.credentialOf(fiscalCode)).expires_at);

  await skipTo(termStart, 88);
  expect(await statusOf(fiscalCode)).toBe('active');
  await skipTo(termStart, 94);
  await eventually(async () => (await statusOf(fiscalCode)) === 'expired');
  expect((await citizen.signIn(fiscalCode, pin)).body.stage).toBe('renewal');
});
