// Nothing the product answers tells a stranger whether a person holds a PIN or has a request under way, and a
// request's page opens only for its owner: whoever holds the status link sent to the requester's own contact, or the
// person signed in. The request id alone opens nothing. (Response times: bench/submission-timing.ts.)
import { randomUUID } from 'node:crypto';
import { Client } from '@temporalio/client';
import { payloadDataConverter } from '../../infra/payload-codec';
import { submissionWorkflow } from '../../workflows/submission';
import { citizenActions, fiscalCodeOf, strangerFiscalCode } from '../support/citizen';
import { clientAddress, postJsonFrom } from '../support/client-address';
import { movedCitizen, requestFor } from '../support/demo';
import { activePinFor, deliveredPin } from '../support/pins';
import { eventually, startTestProduct, type TestProduct } from '../support/product';
import { pinRequestActions } from '../support/requests';

let product: TestProduct;
beforeAll(async () => {
  product = await startTestProduct();
});
afterAll(() => product?.stop());

const STRANGER = { email: 'stranger@example.org', phone: '+393990000001' };

const givePinTo = (lastName: string) => activePinFor(product, fiscalCodeOf(lastName));

it('answers a new person, one with a request under way and a PIN holder the same way, and writes only to their own contacts', async () => {
  const requests = pinRequestActions(product);
  // Luca Ferrari's own request, under way (his address differs: it waits for a call).
  const own = await requests.submit(movedCitizen());
  await eventually(async () => (await requests.statusOf(own.requestId))?.status === 'awaiting_verification_call');
  await givePinTo('Esposito');

  const asStranger = (lastName: string) =>
    product.citizen.post('/api/pin-requests', requestFor(lastName, { ...STRANGER, deliveryChannel: 'email' }));
  const answers = [await asStranger('Costa'), await asStranger('Ferrari'), await asStranger('Esposito')];
  for (const a of answers) expect([a.status, a.body, a.headers.get('location')]).toEqual([202, answers[0]!.body, null]);
  expect(JSON.stringify(answers.map((a) => a.body))).not.toMatch(/[0-9a-f]{8}-[0-9a-f]{4}-/);

  // The new person (Valentina Costa, whose contact the stranger typed) gets her link there: it is her request.
  await eventually(async () =>
    (await product.outbox()).some((m) => m.recipient === STRANGER.email && /\/follow\?t=/.test(m.text)),
  );
  // Luca Ferrari's request: the word goes to the email his own request gave; the holder: to the registry's email.
  await eventually(async () =>
    (await product.outbox()).some((m) => m.recipient === movedCitizen().email && /ripresentata/.test(m.text)),
  );
  const holder = await product.db
    .selectFrom('persons')
    .select(['email', 'phone'])
    .where('fiscal_code', '=', fiscalCodeOf('Esposito'))
    .executeTakeFirstOrThrow();
  await eventually(async () =>
    (await product.outbox()).some(
      (m) => (m.recipient === holder.email || m.recipient === holder.phone) && /PIN smarrito/.test(m.text),
    ),
  );
  // Only Valentina Costa's request writes there: its link and, once her PIN is issued, its first half (the second goes
  // by letter to her registry address). Nothing about Ferrari's request or Esposito's PIN, however fast they go.
  const toStranger = (await product.outbox()).filter((m) => m.recipient === STRANGER.email);
  expect(toStranger.filter((m) => /\/follow\?t=/.test(m.text))).toHaveLength(1);
  expect(toStranger.filter((m) => /prima parte del Suo PIN/.test(m.text)).length).toBeLessThanOrEqual(1);
  expect(toStranger.every((m) => /\/follow\?t=|prima parte del Suo PIN/.test(m.text))).toBe(true);
  // No second request was made for Ferrari, none at all for the PIN holder.
  const rows = await product.db
    .selectFrom('pin_requests')
    .select('fiscal_code')
    .where('fiscal_code', 'in', [fiscalCodeOf('Ferrari'), fiscalCodeOf('Esposito')])
    .execute();
  expect(rows.map((r) => r.fiscal_code)).toEqual([fiscalCodeOf('Ferrari')]);
});

it('opens a request only by its status link or for its owner signed in; the id alone opens nothing', async () => {
  const requests = pinRequestActions(product);
  const { requestId } = await requests.submit(requestFor('Rossi'));
  await eventually(async () => (await requests.statusOf(requestId))?.status === 'delivered');

  for (const path of [`/api/pin-requests/${requestId}`, `/requests/${requestId}`])
    expect((await product.citizen.get(path)).status).toBe(404);
  const token = await requests.statusTokenOf(requestId);
  const byLink = await product.citizen.get(`/api/pin-request-status?t=${token}`);
  expect(byLink.body).toMatchObject({ requestId, status: 'delivered' });
  expect((await fetch(`${product.urls.citizen}/follow?t=${token}`)).status).toBe(200);
  for (const wrong of [token.slice(0, -1) + (token.endsWith('A') ? 'B' : 'A'), 'short', ''])
    expect((await product.citizen.get(`/api/pin-request-status?t=${wrong}`)).status).toBe(404);

  // Its owner, signed in, sees it; somebody else signed in does not.
  const { pin } = await citizenActions(product).newPinFor('Bianchi');
  const other = await citizenActions(product).signIn(fiscalCodeOf('Bianchi'), pin);
  expect((await product.citizen.get(`/api/pin-requests/${requestId}`, other.body.token)).status).toBe(404);
  const rossiPin = await eventually(() => deliveredPin(product, requestId));
  const owner = await citizenActions(product).signIn(fiscalCodeOf('Rossi'), rossiPin);
  expect((await product.citizen.get(`/api/pin-requests/${requestId}`, owner.body.token)).status).toBe(200);

  // Some days after the request ended, the link stops working.
  await product.db
    .updateTable('pin_requests')
    .set({ updated_at: new Date(Date.now() - (product.config.STATUS_LINK_DAYS_AFTER_END + 1) * 86_400_000) })
    .where('id', '=', requestId)
    .execute();
  expect((await product.citizen.get(`/api/pin-request-status?t=${token}`)).status).toBe(404);
  const page = await fetch(`${product.urls.citizen}/follow?t=${token}`);
  expect(page.status).toBe(404);
  expect(await page.text()).toMatch(/non è valido o è scaduto/);
});

it('gives the lost-PIN form the same answer for a holder, a person without a PIN and an unknown contact', async () => {
  await givePinTo('Bruno');
  const bruno = await product.db
    .selectFrom('persons')
    .select(['phone', 'email'])
    .where('fiscal_code', '=', fiscalCodeOf('Bruno'))
    .executeTakeFirstOrThrow();
  const ask = (lastName: string, contact: { phone?: string; email?: string }) =>
    product.citizen.post('/api/lost-pin', { fiscalCode: fiscalCodeOf(lastName), ...contact });
  const answers = [
    await ask('Bruno', bruno.email ? { email: bruno.email } : { phone: bruno.phone ?? STRANGER.phone }),
    await ask('Bruno', { email: STRANGER.email }),
    await ask('Moretti', { email: STRANGER.email }),
  ];
  for (const a of answers) expect([a.status, a.body]).toEqual([202, answers[0]!.body]);
  expect(
    (await product.outbox()).filter((m) => m.recipient === STRANGER.email && /Lost|smarrit/i.test(m.text)),
  ).toEqual([]);
});

it('a submission workflow started by someone else than the citizen service finds nothing to take in, and stops', async () => {
  const sealed = new Client({
    connection: product.temporal.connection,
    namespace: product.config.TEMPORAL_NAMESPACE,
    dataConverter: payloadDataConverter(product.config),
  });
  for (const submissionId of [randomUUID(), 'not-a-uuid'])
    await expect(
      sealed.workflow.execute(submissionWorkflow, {
        workflowId: `forged-${randomUUID()}`,
        taskQueue: product.config.TEMPORAL_TASK_QUEUE,
        args: [{ submissionId }],
      }),
    ).rejects.toThrow();
});

it('limits Lost PIN per client and per codice fiscale, counting every request, the same for holders and others', async () => {
  await givePinTo('Gallo');
  const url = `${product.urls.citizen}/api/lost-pin`;
  const ask = (fiscalCode: string, client: number) =>
    postJsonFrom(url, { fiscalCode, email: STRANGER.email }, clientAddress(client));
  // One codice fiscale from many clients: a few requests a day reach the pipeline, then a clear refusal for anyone,
  // whether the codice fiscale holds a PIN (Gallo) or not (Conti).
  for (const lastName of ['Gallo', 'Conti']) {
    const statuses: number[] = [];
    for (let n = 0; n < 5; n++) statuses.push((await ask(fiscalCodeOf(lastName), 40 + n)).status);
    expect(statuses).toEqual([202, 202, 202, 429, 429]);
  }
  // One client naming ever new codici fiscali: the ceiling per client holds although every answer is a 202.
  const fromOne: number[] = [];
  for (let n = 0; n < 25; n++) fromOne.push((await ask(strangerFiscalCode(n), 90)).status);
  expect(fromOne.slice(0, 20).every((s) => s === 202)).toBe(true);
  expect(fromOne.slice(20)).toEqual([429, 429, 429, 429, 429]);
  const refused = await ask(strangerFiscalCode(30), 90);
  expect(refused.body).toMatchObject({ error: { code: 'too_many_lost_pin_requests' } });
});
