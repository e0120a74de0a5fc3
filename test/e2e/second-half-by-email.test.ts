// The second half by email (SECOND_HALF_BY_EMAIL=on), end to end: only to the address the registry already held,
// never to one typed in the request, and never to the inbox the first half went to; otherwise the letter, as always.
import { verify } from '@node-rs/argon2';
import { requestFor } from '../support/demo';
import { pinRequestActions } from '../support/requests';
import { startTestProduct, type TestProduct } from '../support/product';

let product: TestProduct;
beforeAll(async () => {
  product = await startTestProduct({ SECOND_HALF_BY_EMAIL: 'on' });
});
afterAll(() => product?.stop());

const requests = () => pinRequestActions(product);

async function delivered(body: { fiscalCode: string } & Record<string, unknown>) {
  const { requestId, status } = await requests().submit(body);
  expect(status).toBe(202);
  await requests().reachedStatus(requestId, 'delivered');
  return requestId;
}

const lettersFor = (requestId: string) =>
  product.db.selectFrom('letters').select('id').where('pin_request_id', '=', requestId).execute();

it('sends the second half to the email the registry holds, the first by SMS, and posts no letter', async () => {
  const requestId = await delivered(requestFor('Rossi', { deliveryChannel: 'sms' }));
  const outbox = await product.outbox();
  const sms = outbox.find((m) => m.channel === 'sms' && m.recipient === '+393331234567' && /prima parte/.test(m.text));
  const email = outbox.find((m) => m.channel === 'email' && m.subject === 'INPS - Seconda parte del Suo PIN');
  expect(sms?.text).toMatch(/arriverà per email all’indirizzo registrato presso l’INPS/);
  expect(email?.recipient).toBe('mario.rossi@example.it');
  expect(email?.text).toMatch(/803 164/);
  const firstHalf = sms!.text.match(/PIN è ([A-Z0-9]{8})\./)![1]!;
  const secondHalf = email!.text.match(/PIN INPS è ([A-Z0-9]{8})\./)![1]!;
  const credential = await product.db
    .selectFrom('credentials')
    .select(['id', 'pin_hash'])
    .where('pin_request_id', '=', requestId)
    .executeTakeFirstOrThrow();
  expect(await verify(credential.pin_hash, firstHalf + secondHalf)).toBe(true);
  expect(await lettersFor(requestId)).toHaveLength(0);
  // Once sent, neither half is kept anywhere.
  expect(
    await product.db
      .selectFrom('pin_deliveries')
      .select(['first_half_ciphertext', 'second_half_ciphertext', 'second_half_channel'])
      .where('credential_id', '=', credential.id)
      .executeTakeFirstOrThrow(),
  ).toEqual({ first_half_ciphertext: null, second_half_ciphertext: null, second_half_channel: 'email' });
  // The status page says where the other 8 went.
  const status = await requests().statusOf(requestId);
  expect(status).toMatchObject({ status: 'delivered', letter: { status: 'emailed' } });
  expect(status.detail).toMatch(/email address INPS holds/);
});

it('never sends the second half to an email typed in the request: with none in the registry, the letter goes', async () => {
  // Russo has no email in the registry; the request names one anyone could have typed.
  const requestId = await delivered(
    requestFor('Russo', { deliveryChannel: 'sms', phone: '+393330000311', email: 'someone@example.net' }),
  );
  const outbox = await product.outbox();
  expect(outbox.some((m) => m.recipient === 'someone@example.net')).toBe(false);
  expect(await lettersFor(requestId)).toHaveLength(1);
});

it('never sends both halves to one inbox: a first half by email to the registry address means a letter', async () => {
  const requestId = await delivered(
    requestFor('Esposito', { deliveryChannel: 'email', email: 'F.Esposito@example.it' }),
  );
  const toHer = (await product.outbox()).filter((m) => m.recipient.toLowerCase() === 'f.esposito@example.it');
  expect(toHer.map((m) => m.subject)).not.toContain('INPS - Seconda parte del Suo PIN');
  expect(await lettersFor(requestId)).toHaveLength(1);
});
