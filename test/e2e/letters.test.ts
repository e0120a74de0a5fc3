// PIN letters followed to the letterbox, end to end through Lob's real SDK and the local stand-in of its API: the
// tracking events come back to the product's webhook signed Lob's way; a delivered letter shows on the status page
// with its dates, and a letter returned to sender takes its unused PIN with it, telling the citizen why. And the
// citizen's follow-up: finding one's request again by codice fiscale and contact.
import { randomUUID } from 'node:crypto';
import { sql } from 'kysely';
import {
  LOB_SIGNATURE_HEADER,
  LOB_TIMESTAMP_HEADER,
  lobWebhookSignature,
  STAND_IN_LOB_WEBHOOK_SECRET,
} from '../../infra/lob';
import { LETTER_WEBHOOK_PATH } from '../../services/agent-console/routes/letter-tracking';
import { letterWorkflowId } from '../../workflows/ids';
import { letterWorkflow } from '../../workflows/letter';
import { citizenActions, fiscalCodeOf } from '../support/citizen';
import { eventually, startTestProduct, type TestProduct } from '../support/product';
import { requestFor } from '../support/demo';
import { deliveredPin } from '../support/pins';
import { pinRequestActions } from '../support/requests';

let product: TestProduct;
beforeAll(async () => {
  product = await startTestProduct({ FIRST_HALF_RESEND_AFTER: '10 minutes' });
});
afterAll(() => product?.stop());

const letterOf = (requestId: string) =>
  product.db.selectFrom('letters').selectAll().where('pin_request_id', '=', requestId).executeTakeFirst();
const letterReaches = (requestId: string, status: string) =>
  eventually(async () => {
    const letter = await letterOf(requestId);
    return letter?.status === status && letter;
  });
/** What the dev outbox's buttons do: the post delivers the letter, or brings it back to INPS. */
const postOffice = (reference: string, ending: 'delivered' | 'returned') =>
  fetch(`${product.standIns}/dev/lob/letters/${reference}/${ending}`, {
    method: 'POST',
    headers: { accept: 'application/json' },
  });

it('follows a letter through the post: posted, then delivered, with the dates on the status page', async () => {
  const act = citizenActions(product);
  const { pin, requestId } = await act.newPinFor('Rossi');
  const posted = await letterReaches(requestId, 'printed');
  expect(posted.provider).toBe('lob');
  expect(posted.expected_delivery_date).toMatch(/^\d{4}-\d{2}-\d{2}$/);
  const onTheWay = await pinRequestActions(product).statusOf(requestId);
  expect(onTheWay.letter).toMatchObject({
    status: 'printed',
    postedAt: expect.any(String),
    expectedBy: expect.any(String),
  });
  expect(onTheWay.detail).toMatch(/was posted on .+ and should arrive by/);

  expect((await postOffice(posted.provider_reference, 'delivered')).status).toBe(200);
  await letterReaches(requestId, 'delivered');
  const delivered = await pinRequestActions(product).statusOf(requestId);
  expect(delivered.detail).toMatch(/was posted on .+ and delivered on/);
  expect(await product.temporal.workflow.getHandle(letterWorkflowId(posted.id)).result()).toEqual({
    outcome: 'delivered',
  });
  // The PIN works: the letter reached its owner.
  expect((await act.signIn(fiscalCodeOf('Rossi'), pin)).body.stage).toBe('first_access');
});

it('a letter returned to sender: the PIN stops working at once, and the citizen is told why and what to do', async () => {
  const act = citizenActions(product);
  const { pin, requestId } = await act.newPinFor('Bianchi');
  const letter = await letterReaches(requestId, 'printed');
  await postOffice(letter.provider_reference, 'returned');
  expect(await product.temporal.workflow.getHandle(letterWorkflowId(letter.id)).result()).toEqual({
    outcome: 'returned',
  });
  const credential = await act.credentialOf(fiscalCodeOf('Bianchi'));
  expect(credential).toMatchObject({ status: 'revoked', revocation_reason: 'letter_returned' });
  expect((await act.signIn(fiscalCodeOf('Bianchi'), pin)).status).toBe(401);

  const sms = await eventually(async () =>
    (await product.outbox()).find((m) => m.recipient === '+393471112233' && /tornata indietro/.test(m.text)),
  );
  expect(sms.text).toMatch(/il PIN non è più valido[\s\S]*residenza/);
  const status = await pinRequestActions(product).statusOf(requestId);
  expect(status.letter.status).toBe('returned');
  expect(status.detail).toMatch(/came back to us[\s\S]*no longer works/);
  const trail = await product.db
    .selectFrom('audit_log')
    .select(['action', 'details'])
    .where('action', 'in', ['letter.status_changed', 'credential.revoked'])
    .where((eb) => eb.or([eb('subject_id', '=', letter.id), eb('subject_id', '=', credential.id)]))
    .execute();
  expect(trail).toEqual(
    expect.arrayContaining([
      expect.objectContaining({
        action: 'letter.status_changed',
        details: expect.objectContaining({ to: 'returned' }),
      }),
      expect.objectContaining({
        action: 'credential.revoked',
        details: expect.objectContaining({ reason: 'letter_returned' }),
      }),
    ]),
  );
});

it('a letter with no news past its working days is given up as lost: its PIN dies, and its own requester is told', async () => {
  const act = citizenActions(product);
  const { pin, requestId } = await act.newPinFor('Greco');
  const letter = await letterReaches(requestId, 'printed');
  // Handed over thirty days ago, as Postgres records it; the letter's run looks, and finds its time has come.
  await sql`update letters set created_at = now() - interval '30 days' where id = ${letter.id}`.execute(product.db);
  const anotherRequest = randomUUID();
  const run = await product.temporal.workflow.start(letterWorkflow, {
    args: [{ letterId: letter.id, requestId: anotherRequest }],
    taskQueue: product.config.TEMPORAL_TASK_QUEUE,
    workflowId: `${letterWorkflowId(letter.id)}:looked-again`,
  });
  expect(await run.result()).toEqual({ outcome: 'lost' });
  expect((await act.signIn(fiscalCodeOf('Greco'), pin)).status).toBe(401);
  expect(await act.credentialOf(fiscalCodeOf('Greco'))).toMatchObject({ revocation_reason: 'letter_lost' });
  // Told at the request the letter belongs to, whatever request the run was given.
  const told = await eventually(() =>
    product.db
      .selectFrom('notifications')
      .select('pin_request_id')
      .where('kind', '=', 'letter_not_delivered')
      .where('pin_request_id', 'in', [requestId, anotherRequest])
      .executeTakeFirst(),
  );
  expect(told.pin_request_id).toBe(requestId);
});

describe('the tracking webhook', () => {
  const url = () => `${product.urls.agentConsole}${LETTER_WEBHOOK_PATH}`;
  const eventFor = (reference: string, type: string, id = `evt_${randomUUID().replace(/-/g, '')}`) =>
    Buffer.from(
      JSON.stringify({
        id,
        object: 'event',
        date_created: new Date().toISOString(),
        event_type: { id: type, resource: 'letters', object: 'event_type' },
        body: { id: reference, object: 'letter' },
      }),
    );
  const deliver = (body: Buffer, opts: { secret?: string; timestamp?: number } = {}) => {
    const timestamp = String(opts.timestamp ?? Date.now());
    return fetch(url(), {
      method: 'POST',
      headers: {
        'content-type': 'application/json',
        [LOB_TIMESTAMP_HEADER]: timestamp,
        [LOB_SIGNATURE_HEADER]: lobWebhookSignature(opts.secret ?? STAND_IN_LOB_WEBHOOK_SECRET, timestamp, body),
      },
      body,
    });
  };

  it('refuses a forged, a replayed or an unsigned event, and keeps a repeated one once', async () => {
    const { requestId } = await citizenActions(product).newPinFor('Esposito');
    const letter = await letterReaches(requestId, 'printed');
    const returned = eventFor(letter.provider_reference, 'letter.returned_to_sender');
    const statuses = [
      (await deliver(returned, { secret: 'someone-elses-secret-value' })).status,
      (await deliver(returned, { timestamp: Date.now() - 10 * 60_000 })).status,
      (await fetch(url(), { method: 'POST', headers: { 'content-type': 'application/json' }, body: returned })).status,
    ];
    expect(statuses).toEqual([403, 403, 403]);
    expect((await letterOf(requestId))!.status).toBe('printed');
    expect((await citizenActions(product).credentialOf(fiscalCodeOf('Esposito'))).status).toBe('initial');

    // A genuine event delivered twice: kept once, and the letter moves once.
    const inTransit = eventFor(letter.provider_reference, 'letter.in_transit');
    const answers = [await deliver(inTransit), await deliver(inTransit)];
    expect(answers.map((a) => a.status)).toEqual([200, 200]);
    expect(await Promise.all(answers.map((a) => a.json()))).toEqual([
      { outcome: 'recorded' },
      { outcome: 'duplicate' },
    ]);
    const events = await product.db
      .selectFrom('letter_events')
      .select('event_type')
      .where('letter_id', '=', letter.id)
      .where('event_type', '=', 'letter.in_transit')
      .execute();
    expect(events).toHaveLength(1);
    expect((await letterOf(requestId))!.status).toBe('in_transit');

    // A letter that is not ours, and a body that is not an event.
    expect((await deliver(eventFor('ltr_0000000000000000000000aaaa', 'letter.delivered'))).status).toBe(409);
    expect((await deliver(Buffer.from('{"not":"an event"}'))).status).toBe(400);
  });
});

describe('finding one’s request again', () => {
  it('sends a fresh link to the contact the request gave, never shows it, and answers alike whatever was typed', async () => {
    const phone = '+393330000123';
    const { requestId, status } = await pinRequestActions(product).submit(requestFor('Gallo', { phone }));
    expect(status).toBe(202);
    const fiscalCode = fiscalCodeOf('Gallo');
    const linksTo = async (to: string) =>
      (await product.outbox()).filter((m) => m.recipient === to && /\/follow\?t=/.test(m.text));
    await eventually(async () => (await linksTo(phone)).length === 1);

    const answers = [
      await product.citizen.post('/api/pin-requests/lookups', { fiscalCode, phone: '+393330000999' }),
      await product.citizen.post('/api/pin-requests/lookups', { fiscalCode: fiscalCodeOf('Colombo'), phone }),
      await product.citizen.post('/api/pin-requests/lookups', { fiscalCode, phone }),
    ];
    expect(answers.map((a) => a.status)).toEqual([202, 202, 202]);
    expect(new Set(answers.map((a) => JSON.stringify(a.body))).size).toBe(1);
    expect(JSON.stringify(answers[2]!.body)).not.toMatch(/\/follow\?|requestId|https?:/);

    const found = await eventually(async () => (await linksTo(phone)).find((m) => /come ha chiesto/.test(m.text)));
    const token = /\/follow\?t=([\w-]+)/.exec(found.text)![1];
    const opened = await product.citizen.get(`/api/pin-request-status?t=${token}`);
    expect(opened.body).toMatchObject({ requestId });
    // Nothing went to the phone nobody's request gave.
    expect(await linksTo('+393330000999')).toEqual([]);

    const page = await fetch(`${product.urls.citizen}/find-request`);
    expect(await page.text()).toMatch(/Ritrova la Sua richiesta|Find your PIN request again/);
    // Someone whose letter never came, who looks under "Lost PIN", is sent here, to the request's own page.
    const lostPin = await (await fetch(`${product.urls.citizen}/lost-pin`)).text();
    expect(lostPin).toContain('La lettera con gli altri 8 caratteri non Le è mai arrivata?');
    expect(lostPin).toMatch(/<a href="\/find-request">Ritrovi la Sua richiesta<\/a>/);
    const bad = await product.citizen.post('/api/pin-requests/lookups', { fiscalCode, phone, email: 'a@b.it' });
    expect(bad.status).toBe(400);
  });
});

describe('“my letter never came”', () => {
  it('once the expected day has passed: a new PIN by a new letter, the old one dead; at most twice', async () => {
    const phone = '+393330000456';
    const fiscalCode = fiscalCodeOf('Conti');
    const { requestId } = await pinRequestActions(product).submit(requestFor('Conti', { phone }));
    const oldPin = await eventually(() => deliveredPin(product, requestId));
    await letterReaches(requestId, 'printed');
    const token = await pinRequestActions(product).statusTokenOf(requestId);
    const askAgain = () => product.citizen.post(`/api/pin-request-status/new-letter?t=${token}`);
    const status = async () => (await product.citizen.get(`/api/pin-request-status?t=${token}`)).body;

    // Not before the day the post expects to deliver it.
    expect((await status()).newLetterMayBeAskedFor).toBe(false);
    const early = await askAgain();
    expect([early.status, early.body.error.code]).toEqual([409, 'new_letter_not_yet']);

    /** The days pass: the letter is still not delivered the day after it was expected. */
    const expectedDayPasses = (id: string) =>
      product.db
        .updateTable('letters')
        .set({ expected_delivery_date: new Date(Date.now() - 3 * 86_400_000).toISOString().slice(0, 10) })
        .where('pin_request_id', '=', id)
        .execute();
    await expectedDayPasses(requestId);
    expect((await status()).newLetterMayBeAskedFor).toBe(true);
    expect((await askAgain()).status).toBe(202);

    // The old PIN is dead at once; the new one, both halves new, works; the same link follows the new request.
    const act = citizenActions(product);
    expect((await act.signIn(fiscalCode, oldPin)).status).toBe(401);
    const reissue = await eventually(async () => {
      const row = await product.db
        .selectFrom('pin_requests')
        .select(['id', 'status', 'reissue_of'])
        .where('reissue_of', '=', requestId)
        .executeTakeFirst();
      return row?.status === 'delivered' && row;
    });
    expect((await letterOf(requestId))!.status).toBe('lost');
    const newPin = await eventually(() => deliveredPin(product, reissue.id));
    expect(newPin.slice(0, 8)).not.toBe(oldPin.slice(0, 8));
    expect(newPin.slice(8)).not.toBe(oldPin.slice(8));
    expect((await status()).requestId).toBe(reissue.id);
    const audit = await product.db
      .selectFrom('audit_log')
      .select(['actor_type', 'details'])
      .where('action', '=', 'pin.reissued_letter_not_received')
      .where('subject_id', '=', reissue.id)
      .executeTakeFirstOrThrow();
    expect(audit).toMatchObject({ actor_type: 'citizen', details: { replacesRequest: requestId, reissue: 1 } });

    // A second time (the newest request's letter overdue too), then no more: the limit is LETTER_REISSUES_MAX (2).
    await letterReaches(reissue.id, 'printed');
    await expectedDayPasses(reissue.id);
    const secondAsk = await askAgain();
    expect([secondAsk.status, secondAsk.body?.error?.code]).toEqual([202, undefined]);
    const second = await eventually(async () => {
      const rows = await product.db
        .selectFrom('pin_requests')
        .select(['id', 'status'])
        .where('reissue_of', '=', requestId)
        .orderBy('created_at', 'desc')
        .execute();
      return rows.length === 2 && rows[0]!.status === 'delivered' && rows[0]!;
    });
    await letterReaches(second.id, 'printed');
    await expectedDayPasses(second.id);
    const third = await askAgain();
    expect([third.status, third.body.error.code]).toEqual([409, 'new_letter_too_many']);
    expect((await act.signIn(fiscalCode, newPin)).status).toBe(401);
    // The PIN of the last letter is the one that works.
    const lastPin = await eventually(() => deliveredPin(product, second.id));
    expect((await act.signIn(fiscalCode, lastPin)).body.stage).toBe('first_access');
  });
});

describe('“the SMS never came”', () => {
  it('sends the same first half once more, to the request’s own contact, after a while; once; never after use', async () => {
    const phone = '+393330000789';
    const fiscalCode = fiscalCodeOf('Caruso');
    const { requestId } = await pinRequestActions(product).submit(requestFor('Caruso', { phone }));
    const pin = await eventually(() => deliveredPin(product, requestId));
    const token = await pinRequestActions(product).statusTokenOf(requestId);
    const askAgain = () => product.citizen.post(`/api/pin-request-status/first-half-again?t=${token}`);
    const flag = async () =>
      (await product.citizen.get(`/api/pin-request-status?t=${token}`)).body.firstHalfMayBeSentAgain as boolean;

    // Too soon: FIRST_HALF_RESEND_AFTER has not passed.
    expect(await flag()).toBe(false);
    expect((await askAgain()).status).toBe(409);
    // Time passes since the first half left.
    await sql`update notifications set created_at = now() - interval '11 minutes'
      where pin_request_id = ${requestId} and kind = 'pin_first_half'`.execute(product.db);
    expect(await flag()).toBe(true);
    expect((await askAgain()).status).toBe(202);
    const again = await eventually(async () =>
      (await product.outbox()).find((m) => m.recipient === phone && /di nuovo la prima parte/.test(m.text)),
    );
    expect(again.text).toContain(pin.slice(0, 8));
    expect((await askAgain()).status).toBe(409);
    const delivery = await eventually(async () => {
      const row = await product.db
        .selectFrom('pin_deliveries')
        .innerJoin('credentials', 'credentials.id', 'pin_deliveries.credential_id')
        .select(['resend_ciphertext', 'first_half_resent_at'])
        .where('credentials.pin_request_id', '=', requestId)
        .executeTakeFirstOrThrow();
      return row.resend_ciphertext === null && row;
    });
    expect(delivery.first_half_resent_at).not.toBeNull();
    // The PIN, as the two messages and the letter make it, works.
    expect((await citizenActions(product).signIn(fiscalCode, pin)).body.stage).toBe('first_access');
  });
});
