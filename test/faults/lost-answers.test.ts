// A provider that sends the message and then loses its answer (a timeout, a dropped connection) must not make the
// citizen receive it twice: the retry asks the provider whether the first attempt went through (Twilio's Messages
// list, SendGrid's Email Activity) and sends only if it did not (issue "Faults without consequences").
import { requestFor } from '../support/demo';
import { clearRequests, eventually, startTestProduct, type TestProduct } from '../support/product';

let product: TestProduct;
beforeAll(async () => {
  product = await startTestProduct();
});
afterAll(() => product?.stop());
beforeEach(() => clearRequests(product));
afterEach(() => setProviderFaults({}));

async function setProviderFaults(faults: { loseAnswerRate?: number; delayMs?: number }) {
  const res = await fetch(`${product.standIns}/dev/faults`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify(faults),
  });
  expect(res.status).toBe(204);
}

async function deliveredRequestOf(fiscalCode: string) {
  return eventually(async () => {
    const row = await product.db
      .selectFrom('pin_requests')
      .select(['id', 'status'])
      .where('fiscal_code', '=', fiscalCode)
      .executeTakeFirst();
    return row?.status === 'delivered' ? row : undefined;
  }, 60_000);
}

it.each(['sms', 'email'] as const)(
  'every %s answer lost: each message still reaches the citizen exactly once',
  async (deliveryChannel) => {
    await setProviderFaults({ loseAnswerRate: 1 });
    const request = requestFor('Rossi', { deliveryChannel });
    const accepted = await product.citizen.post('/api/pin-requests', request);
    expect(accepted.status).toBe(202);
    const { id } = await deliveredRequestOf(request.fiscalCode);

    const recipient = deliveryChannel === 'sms' ? request.phone : request.email;
    const received = (await product.outbox()).filter((m) => m.recipient === recipient);
    expect(received.filter((m) => /prima parte del Suo PIN/.test(m.text))).toHaveLength(1);
    expect(received.filter((m) => /\/follow\?t=/.test(m.text))).toHaveLength(1);

    // What the product knows it sent: each message once, under the provider's own id.
    const sent = await product.db
      .selectFrom('notifications')
      .select(['kind', 'provider_message_id', 'provider_copies'])
      .where('pin_request_id', '=', id)
      .orderBy('kind')
      .execute();
    expect(sent).toEqual([
      { kind: 'pin_first_half', provider_message_id: expect.stringMatching(/^[\w-]{8,}$/), provider_copies: 1 },
      { kind: 'status_link', provider_message_id: expect.stringMatching(/^[\w-]{8,}$/), provider_copies: 1 },
    ]);
  },
  90_000,
);
