// Temporal is not a trust boundary, at its strongest: whoever reaches its frontend can run a worker of their own, whose
// workflow asks the product's worker to run any of the product's steps, by name, in any order, with any input, sealed
// with the product's own key. No workflow code of ours stands in between, so each step must refuse by itself what
// Postgres does not hold: no agent's task withdrawn before its time, no citizen told of a rejection or a lost letter
// that did not happen, no PIN expired before its end, no request shown as on its way to a PIN nobody cleared.
import { randomUUID } from 'node:crypto';
import { Client, Connection, WorkflowFailedError } from '@temporalio/client';
import { NativeConnection, Worker } from '@temporalio/worker';
import { sql } from 'kysely';
import { payloadDataConverter } from '../../infra/payload-codec';
import { citizenActions, fiscalCodeOf } from '../support/citizen';
import { faxPdf, scannedPage } from '../support/fax';
import { pinDispositivoActions } from '../support/pin-dispositivo';
import { eventually, startTestProduct, type TestProduct } from '../support/product';
import { pinRequestActions } from '../support/requests';
import type { RogueStep } from '../support/rogue-workflow';

let product: TestProduct;
let connection: Connection;
let nativeConnection: NativeConnection;
let attacker: Client;
let rogueWorker: Worker;
let rogueRun: Promise<void>;
const ROGUE_QUEUE = `rogue-${randomUUID()}`;

beforeAll(async () => {
  product = await startTestProduct();
  const address = product.config.TEMPORAL_ADDRESS!;
  const namespace = product.config.TEMPORAL_NAMESPACE;
  connection = await Connection.connect({ address });
  attacker = new Client({ connection, namespace, dataConverter: payloadDataConverter(product.config) });
  nativeConnection = await NativeConnection.connect({ address });
  rogueWorker = await Worker.create({
    connection: nativeConnection,
    namespace,
    taskQueue: ROGUE_QUEUE,
    workflowsPath: require.resolve('../support/rogue-workflow'),
    dataConverter: payloadDataConverter(product.config),
  });
  rogueRun = rogueWorker.run();
}, 180_000);
afterAll(async () => {
  rogueWorker?.shutdown();
  await rogueRun;
  await nativeConnection?.close();
  await connection?.close();
  await product?.stop();
});

/** Has the product's worker run one of its steps for the attacker: 'done', or 'refused' by the step. */
async function rogueStep(step: string, input: unknown): Promise<'done' | 'refused'> {
  const args: [RogueStep] = [{ taskQueue: product.config.TEMPORAL_TASK_QUEUE, step, input }];
  return attacker.workflow.execute('rogueWorkflow', { args, taskQueue: ROGUE_QUEUE, workflowId: randomUUID() }).then(
    () => 'done' as const,
    (err: unknown) => {
      if (err instanceof WorkflowFailedError) return 'refused' as const;
      throw err;
    },
  );
}

/** A request whose residence differs from the registry's: waiting for an agent's verification call. */
const requestAwaitingCall = (lastName: string) =>
  pinRequestActions(product).awaitingCall(lastName, {
    residence: { street: 'Via Zamboni 33', city: 'Bologna', province: 'BO', postalCode: '40126' },
    deliveryChannel: 'email',
  });

const requestStatus = async (requestId: string) =>
  (await product.db.selectFrom('pin_requests').select('status').where('id', '=', requestId).executeTakeFirstOrThrow())
    .status;

it('withdraws no agent task from the queue before its deadline', async () => {
  const { taskId } = await requestAwaitingCall('Esposito');
  expect(await rogueStep('cancelVerificationTask', { taskId })).toBe('refused');
  const task = await product.db
    .selectFrom('agent_tasks')
    .select('status')
    .where('id', '=', taskId)
    .executeTakeFirstOrThrow();
  expect(task.status).toBe('open');
});

it('moves no request towards its PIN that nobody cleared', async () => {
  const { requestId } = await requestAwaitingCall('Russo');
  expect(await rogueStep('recordStatus', { requestId, status: 'delivering' })).toBe('refused');
  expect(await requestStatus(requestId)).toBe('awaiting_verification_call');
});

it('puts no verification call in the queue beside a live one, nor for a request past its calls', async () => {
  const { requestId } = await requestAwaitingCall('Barbieri');
  const tasksOf = (id: string) =>
    product.db.selectFrom('agent_tasks').select('validation_failures').where('pin_request_id', '=', id).execute();
  const call = (id: string, attempt: number) =>
    rogueStep('openVerificationTask', { requestId: id, taskId: randomUUID(), attempt, failures: ['name_mismatch'] });
  expect(await call(requestId, 2)).toBe('refused');
  // Asked for the attempt in the queue, the step answers with that call: there is still one.
  expect(await call(requestId, 1)).toBe('done');
  expect(await tasksOf(requestId)).toEqual([{ validation_failures: ['address_mismatch'] }]);

  const { requestId: delivered } = await citizenActions(product).newPinFor('El Amrani');
  expect(await call(delivered, 1)).toBe('refused');
  expect(await tasksOf(delivered)).toEqual([]);
});

it('tells nobody that a request under way was rejected', async () => {
  const { requestId, email } = await requestAwaitingCall('De Luca');
  await rogueStep('sendRejectionNotice', { requestId, reason: 'identity_not_verified', notificationId: randomUUID() });
  const told = (await product.outbox()).filter((m) => m.recipient === email! && /non è stata accolta/.test(m.text));
  expect(told).toEqual([]);
  expect(await requestStatus(requestId)).toBe('awaiting_verification_call');
});

it('tells a citizen of a rejection once, however many times a step is asked to', async () => {
  const { requestId, email } = await requestAwaitingCall('Chen');
  // Rejected and told, as Postgres holds it (the agent's "not verified" stands in as a plain update here).
  await sql`update pin_requests set status = 'rejected', rejection_reason = 'identity_not_verified'
      where id = ${requestId}`.execute(product.db);
  for (let i = 0; i < 3; i++)
    await rogueStep('sendRejectionNotice', {
      requestId,
      reason: 'identity_not_verified',
      notificationId: randomUUID(),
    });
  const told = (await product.outbox()).filter((m) => m.recipient === email! && /non è stata accolta/.test(m.text));
  expect(told).toHaveLength(1);
});

it('tells nobody that a letter on its way came back', async () => {
  const { requestId } = await citizenActions(product).newPinFor('Costa');
  await rogueStep('sendLetterNotDeliveredNotice', { requestId, returned: true, notificationId: randomUUID() });
  const told = (await product.outbox()).filter((m) => /il PIN non è più valido/.test(m.text));
  expect(told).toEqual([]);
});

it('expires no PIN before the end of its term', async () => {
  const actions = citizenActions(product);
  const fiscalCode = fiscalCodeOf('Mancini');
  await actions.firstAccess(fiscalCode, (await actions.newPinFor('Mancini')).pin);
  const { id: credentialId, expires_at } = await eventually(async () => {
    const credential = await actions.credentialOf(fiscalCode, 'active');
    return credential.expires_at ? credential : undefined;
  });
  // The attacker reads the term's true end (with the key, from the lifecycle's history) and asks for the expiry now.
  await rogueStep('expireCredential', { credentialId, expiresAt: expires_at!.toISOString() });
  expect((await actions.credentialOf(fiscalCode)).status).toBe('active');
});

it('erases no personal data before its keeping ends, whatever day the step is told it is', async () => {
  const { requestId } = await requestAwaitingCall('Sharma');
  // Rejected today: its data are kept for RETENTION_REJECTED_REQUEST_DAYS from now.
  await sql`update pin_requests set status = 'rejected', rejection_reason = 'identity_not_verified'
      where id = ${requestId}`.execute(product.db);
  await rogueStep('purgePersonalData', '2099-01-01T00:00:00.000Z');
  const request = await product.db
    .selectFrom('pin_requests')
    .select(['last_name', 'personal_data_erased_at'])
    .where('id', '=', requestId)
    .executeTakeFirstOrThrow();
  expect(request).toEqual({ last_name: 'Sharma', personal_data_erased_at: null });
});

describe('a PIN dispositivo on its way', () => {
  let citizen: { token: string };
  let applicationId: string;
  let conversionId: string;
  let requestCode: string;
  beforeAll(async () => {
    citizen = await pinDispositivoActions(product).signedInCitizen('Popescu');
    const filed = await product.citizen.post('/api/applications', { serviceId: 'naspi' }, citizen.token);
    expect(filed.status).toBe(201);
    applicationId = filed.body.applicationId;
    ({ conversionId, requestCode } = (await product.citizen.post('/api/conversions', {}, citizen.token)).body);
  });
  const applicationStatus = async () =>
    (
      await product.db
        .selectFrom('benefit_applications')
        .select('status')
        .where('id', '=', applicationId)
        .executeTakeFirstOrThrow()
    ).status;
  const conversionStatus = async () => (await pinDispositivoActions(product).conversionRow(conversionId)).status;

  it('hands no application filed with a PIN ordinario to the back office', async () => {
    await eventually(async () => (await applicationStatus()) === 'waiting_for_pin_dispositivo');
    expect(await rogueStep('handToBackOffice', { applicationId })).toBe('refused');
    expect(await applicationStatus()).toBe('waiting_for_pin_dispositivo');
  });

  it('lets no conversion lapse before its form was due back', async () => {
    expect(await rogueStep('expireConversion', { conversionId })).toBe('refused');
    expect(await conversionStatus()).toBe('awaiting_documents');
  });

  it('puts no review of documents nobody sent in the queue', async () => {
    expect(await rogueStep('openReviewTask', { conversionId, taskId: randomUUID() })).toBe('refused');
    const reviews = await product.db
      .selectFrom('agent_tasks')
      .select('id')
      .where('conversion_id', '=', conversionId)
      .execute();
    expect(reviews).toEqual([]);
    expect(await conversionStatus()).toBe('awaiting_documents');
  });

  it('tells the holder of no approval, rejection or lapse nobody recorded', async () => {
    const { credential_id: credentialId } = await pinDispositivoActions(product).conversionRow(conversionId);
    const news = [
      { kind: 'conversion_approved' },
      { kind: 'conversion_rejected', reason: 'illegible', requestCode },
      { kind: 'conversion_lapsed', requestCode },
    ];
    for (const told of news)
      await rogueStep('sendCredentialNews', { credentialId, news: told, notificationId: randomUUID() });
    const sent = (await product.outbox()).filter((m) => /PIN dispositivo|PIN è ora dispositivo/.test(m.subject ?? ''));
    expect(sent.map((m) => m.subject)).toEqual([]);
  });

  it('puts no review at the top of the queue before its time', async () => {
    const uploaded = await pinDispositivoActions(product).uploadDocuments(citizen.token, conversionId, {
      signedForm: { bytes: await faxPdf({ qrText: requestCode }), name: 'modulo.pdf', type: 'application/pdf' },
      identityDocument: { bytes: scannedPage({}), name: 'ci.jpg', type: 'image/jpeg' },
    });
    expect(uploaded.status).toBe(202);
    const review = await eventually(() =>
      product.db.selectFrom('agent_tasks').select('id').where('conversion_id', '=', conversionId).executeTakeFirst(),
    );
    expect(await rogueStep('escalateReviewTask', { taskId: review.id })).toBe('refused');
    const task = await product.db
      .selectFrom('agent_tasks')
      .select(['priority', 'escalated_at'])
      .where('id', '=', review.id)
      .executeTakeFirstOrThrow();
    expect(task).toEqual({ priority: 'normal', escalated_at: null });
  });

  it('tells the holder that this request for a PIN dispositivo was cancelled once, however many times asked', async () => {
    // The reviewer's "illegible", as Postgres holds it (a plain update stands in for the review here).
    await sql`update conversions set status = 'rejected', rejection_reason = 'illegible'
        where id = ${conversionId}`.execute(product.db);
    const { credential_id: credentialId } = await pinDispositivoActions(product).conversionRow(conversionId);
    const news = { kind: 'conversion_rejected', reason: 'illegible', requestCode };
    for (let i = 0; i < 3; i++)
      await rogueStep('sendCredentialNews', { credentialId, news, notificationId: randomUUID() });
    const told = (await product.outbox()).filter((m) => m.subject === 'INPS - Richiesta di PIN dispositivo annullata');
    expect(told).toHaveLength(1);
  });
});
