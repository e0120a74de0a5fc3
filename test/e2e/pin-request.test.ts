// The online PIN request end to end, through the HTTP API, on the real Temporal dev server and Postgres.
import { randomUUID } from 'node:crypto';
import { verify } from '@node-rs/argon2';
import {
  startPendingPinRequests,
  startPinRequestWorkflow,
  startSubmissionWorkflow,
} from '../../core/pin-request-processes';
import { PENDING_PROCESS_SWEEP_SCHEDULE_ID } from '../../core/schedules';
import { DEMO_STAFF } from '../../dev/seed';
import { pinRequestWorkflowId, submissionWorkflowId } from '../../workflows/ids';
import { movedCitizen, requestFor } from '../support/demo';
import { callCitizen, workVerificationTask } from '../support/calls';
import { pdfText, secondHalfInLetter } from '../support/pdf-text';
import { pinRequestActions } from '../support/requests';
import { eventually, startTestProduct, type TestProduct } from '../support/product';

let product: TestProduct;
beforeAll(async () => {
  product = await startTestProduct({ VERIFICATION_MAX_CALL_ATTEMPTS: '3', VERIFICATION_RETRY_DELAY: '1s' });
});
afterAll(() => product?.stop());

const submit = (body: any) => pinRequestActions(product).submit(body);

/** Where the request stands in Postgres (what its status page shows is tested on its own, below). */
async function statusOf(requestId: string) {
  const row = await product.db
    .selectFrom('pin_requests')
    .select(['status', 'rejection_reason'])
    .where('id', '=', requestId)
    .executeTakeFirst();
  return row && { status: row.status, rejectionReason: row.rejection_reason };
}

const waitForStatus = (requestId: string, status: string) =>
  eventually(async () => {
    const s = await statusOf(requestId);
    return s?.status === status && s;
  });

async function signIn(username = DEMO_STAFF[0]!.username, password = DEMO_STAFF[0]!.password) {
  const res = await product.agents.post('/api/agent/session', { username, password });
  expect(res.status).toBe(200);
  return res.body.token as string;
}

async function openTaskFor(requestId: string, token: string) {
  return eventually(async () => {
    const { body } = await product.agents.get('/api/agent/tasks', token);
    return body.tasks.find((t: any) => t.pinRequestId === requestId && t.status === 'open');
  });
}

async function answerCall(requestId: string, outcome: 'verified' | 'not_verified' | 'no_answer', token: string) {
  const task = await openTaskFor(requestId, token);
  const res = await workVerificationTask(product, task.taskId, outcome, token);
  expect(res.status).toBe(200);
  return task;
}

async function letterText(pdfUrl: string) {
  const pdf = Buffer.from(await (await fetch(`${product.standIns}${pdfUrl}`)).arrayBuffer());
  expect(pdf.subarray(0, 5).toString()).toBe('%PDF-');
  return pdfText(pdf);
}

describe('automatic validation passes', () => {
  it('delivers the first half by SMS and the second by letter, and the two halves are the PIN', async () => {
    const res = await submit(requestFor('Rossi'));
    expect(res.status).toBe(202);
    expect(res.body).toEqual({ message: expect.stringMatching(/link to follow your request/) });
    await waitForStatus(res.requestId, 'delivered');

    const outbox = await product.outbox();
    const sms = outbox.find((m) => m.channel === 'sms' && m.recipient === '+393331234567');
    const letter = outbox.find(
      (m) => m.channel === 'letter' && m.recipient.startsWith('Mario Rossi, Via Appia Nuova 100'),
    );
    expect(sms && letter).toBeTruthy();
    const firstHalf = sms!.text.match(/PIN è ([A-Z0-9]{8})\./)![1]!;
    const secondHalf = secondHalfInLetter(await letterText(letter!.letterPdfUrl!));

    const credential = await product.db
      .selectFrom('credentials')
      .selectAll()
      .where('pin_request_id', '=', res.requestId)
      .executeTakeFirstOrThrow();
    expect(credential).toMatchObject({ kind: 'ordinario', status: 'initial', pin_length: 16 });
    expect(await verify(credential.pin_hash, firstHalf + secondHalf)).toBe(true);
    expect(await verify(credential.pin_hash, secondHalf + firstHalf)).toBe(false);

    // Once delivered, the halves are gone from the vault: the PIN exists only with the citizen.
    const delivery = await product.db
      .selectFrom('pin_deliveries')
      .selectAll()
      .where('credential_id', '=', credential.id)
      .executeTakeFirstOrThrow();
    expect(delivery.first_half_ciphertext).toBeNull();
    expect(delivery.second_half_ciphertext).toBeNull();
    // The letter went through Lob (its stand-in here), under the reference Lob gave it.
    expect(
      await product.db
        .selectFrom('letters')
        .select(['provider', 'provider_reference'])
        .where('pin_request_id', '=', res.requestId)
        .executeTakeFirstOrThrow(),
    ).toEqual({ provider: 'lob', provider_reference: letter!.reference });
  });

  it('sends the first half by email when the citizen chose email', async () => {
    const res = await submit(requestFor('Bianchi', { deliveryChannel: 'email' }));
    await waitForStatus(res.requestId, 'delivered');
    const email = (await product.outbox()).find(
      (m) => m.channel === 'email' && m.recipient === 'giulia.bianchi@example.it',
    );
    expect(email?.subject).toBe('INPS - Prima parte del Suo PIN');
    expect(email?.text).toMatch(/PIN è [A-Z0-9]{8}\./);
  });
});

describe('automatic validation fails: outbound verification call', () => {
  it('verified by an agent: delivered, the letter to the residence INPS holds, not to the one typed', async () => {
    const token = await signIn();
    // The registry has "Viale dei Mille 8": she typed "Via". On the phone she states the residence INPS holds.
    const res = await submit(
      requestFor('Romano', { residence: { street: 'Via dei Mille 8' }, deliveryChannel: 'email' }),
    );
    expect(res.status).toBe(202);
    await waitForStatus(res.requestId, 'awaiting_verification_call');
    const task = await answerCall(res.requestId, 'verified', token);
    expect(task.validationFailures).toEqual(['address_mismatch']);
    await waitForStatus(res.requestId, 'delivered');
    const outbox = await product.outbox();
    expect(
      outbox.some((m) => m.channel === 'email' && m.recipient === 'chiara.romano@example.it' && /PIN è/.test(m.text)),
    ).toBe(true);
    const letter = outbox.find((m) => m.channel === 'letter' && m.recipient.includes('Chiara Romano'));
    expect(letter?.recipient).toContain('Viale dei Mille 8, 50131 Firenze');

    const audit = await product.db
      .selectFrom('audit_log')
      .select(['action', 'actor_id'])
      .where('subject_id', '=', task.taskId)
      .execute();
    expect([...new Set(audit.map((a) => a.action))].sort()).toEqual([
      'agent_task.claimed',
      'agent_task.viewed',
      'verification_call.answers_checked',
      'verification_call.outcome_recorded',
      'verification_call.placed',
    ]);
  });

  it('not verified (he moved and INPS does not know yet): rejected, and told by email to update his residence', async () => {
    const token = await signIn();
    const res = await submit({ ...movedCitizen(), deliveryChannel: 'sms' });
    await waitForStatus(res.requestId, 'awaiting_verification_call');
    await answerCall(res.requestId, 'not_verified', token);
    const status = await waitForStatus(res.requestId, 'rejected');
    expect(status.rejectionReason).toBe('identity_not_verified');
    const email = await eventually(async () =>
      (await product.outbox()).find((m) => m.channel === 'email' && m.recipient === 'luca.ferrari@example.it'),
    );
    expect(email.subject).toBe('INPS - Esito della Sua richiesta di PIN');
    expect(email.text).toMatch(/non è stato possibile confermare/);
    expect(email.text).toMatch(/aggiornamento al Suo Comune/);
    const registry = await product.db
      .selectFrom('persons')
      .select('street')
      .where('fiscal_code', '=', requestFor('Ferrari').fiscalCode)
      .executeTakeFirstOrThrow();
    expect(registry.street).toBe('Via Garibaldi 12');
    const credentials = await product.db
      .selectFrom('credentials')
      .select('id')
      .where('pin_request_id', '=', res.requestId)
      .execute();
    expect(credentials).toHaveLength(0);
  });

  it('no answer: called again after the delay, rejected after the configured number of attempts', async () => {
    const token = await signIn();
    const res = await submit(requestFor('Greco', { residence: { street: 'Corso Cavour 121' } }));
    const attempts: number[] = [];
    for (let i = 0; i < 3; i++) attempts.push((await answerCall(res.requestId, 'no_answer', token)).attempt);
    expect(attempts).toEqual([1, 2, 3]);
    const status = await waitForStatus(res.requestId, 'rejected');
    expect(status.rejectionReason).toBe('unreachable_by_phone');
    const tasks = await product.db
      .selectFrom('agent_tasks')
      .select(['outcome'])
      .where('pin_request_id', '=', res.requestId)
      .execute();
    expect(tasks.map((t) => t.outcome)).toEqual(['no_answer', 'no_answer', 'no_answer']);
    await eventually(async () =>
      (await product.outbox()).some((m) => m.recipient === 'patronato.greco@example.it' && /contattarLa/.test(m.text)),
    );
  });

  it('refuses an outcome for a task that is not claimed by the agent, or already closed', async () => {
    const [neri, sala] = [await signIn(), await signIn(DEMO_STAFF[1]!.username, DEMO_STAFF[1]!.password)];
    const res = await submit(requestFor('Russo', { residence: { street: 'Via Maqueda 1' } }));
    const task = await openTaskFor(res.requestId, neri);
    expect(
      (await product.agents.post(`/api/agent/tasks/${task.taskId}/outcome`, { outcome: 'verified' }, neri)).status,
    ).toBe(409);
    expect((await product.agents.post(`/api/agent/tasks/${task.taskId}/claim`, {}, neri)).status).toBe(200);
    expect((await product.agents.post(`/api/agent/tasks/${task.taskId}/claim`, {}, sala)).status).toBe(409);
    expect(
      (await product.agents.post(`/api/agent/tasks/${task.taskId}/outcome`, { outcome: 'maybe' }, neri)).body.error
        .fields,
    ).toHaveProperty('outcome');
    const unexplained = await product.agents.post(
      `/api/agent/tasks/${task.taskId}/outcome`,
      { outcome: 'not_verified' },
      neri,
    );
    expect(unexplained.body.error.fields).toHaveProperty('note');
    await callCitizen(product, task.taskId, neri, 'answer');
    expect(
      (
        await product.agents.post(
          `/api/agent/tasks/${task.taskId}/outcome`,
          { outcome: 'not_verified', note: 'Did not know the birthplace' },
          neri,
        )
      ).status,
    ).toBe(200);
    expect(
      (await product.agents.post(`/api/agent/tasks/${task.taskId}/outcome`, { outcome: 'verified' }, neri)).status,
    ).toBe(409);
    expect((await waitForStatus(res.requestId, 'rejected')).rejectionReason).toBe('identity_not_verified');
  });
});

/** A request's row as intake stores it, and nothing else: no workflow started. */
async function storedRequest(lastName: string): Promise<string> {
  const body = requestFor(lastName);
  const requestId = randomUUID();
  await product.db
    .insertInto('pin_requests')
    .values({
      id: requestId,
      fiscal_code: body.fiscalCode,
      first_name: body.firstName,
      last_name: body.lastName,
      birth_date: body.birthDate,
      sex: body.sex as 'F',
      birth_place: body.birthPlace,
      birth_province: body.birthProvince,
      street: body.residence.street,
      city: body.residence.city,
      province: body.residence.province,
      postal_code: body.residence.postalCode,
      phone: body.phone,
      email: body.email,
      delivery_channel: 'sms',
      status: 'received',
    })
    .execute();
  return requestId;
}

describe('a crash between storing a request and starting its workflow', () => {
  it('loses nothing: the next start-up starts the stored request', async () => {
    // What the service had written when it died: the row, but no workflow.
    const requestId = await storedRequest('Fontana');
    expect(await startPendingPinRequests(product.db, product.temporal, product.config)).toBe(1);
    await waitForStatus(requestId, 'delivered');
  });
});

describe('the sweep under a backlog', () => {
  /** A request stored as intake stores it, its workflow started on a task queue no worker polls: under way, waiting. */
  async function storedAndWaiting(lastName: string) {
    const requestId = await storedRequest(lastName);
    const idleQueue = { ...product.config, TEMPORAL_TASK_QUEUE: `nobody-polls-${randomUUID()}` };
    await startPinRequestWorkflow(product.temporal, idleQueue, requestId);
    const handle = product.temporal.workflow.getHandle(pinRequestWorkflowId(requestId));
    const { runId } = await handle.describe();
    // The sweep reads Temporal's visibility store, which follows a start by moments.
    await eventually(async () => {
      const listed = [];
      for await (const run of product.temporal.workflow.list({ query: `WorkflowId = '${handle.workflowId}'` }))
        listed.push(run.runId);
      return listed.length === 1 && listed[0] === runId;
    });
    return { requestId, handle, runId, idleQueue: idleQueue.TEMPORAL_TASK_QUEUE };
  }

  it('starts nothing whose workflow is under way, and starts again one an operator terminated', async () => {
    // The minute's sweep is this test's to run: the Schedule's own would race it for the terminated one.
    const schedule = product.temporal.schedule.getHandle(PENDING_PROCESS_SWEEP_SCHEDULE_ID);
    await schedule.pause('the test runs the sweep itself');
    const waiting = await storedAndWaiting('Gallo');
    const terminated = await storedAndWaiting('Bruno');
    await terminated.handle.terminate('an operator stopped it');
    await eventually(async () => {
      const statuses = [];
      for await (const run of product.temporal.workflow.list({
        query: `WorkflowId = '${terminated.handle.workflowId}'`,
      }))
        statuses.push(run.status.name);
      return statuses.join() === 'TERMINATED';
    });
    try {
      expect(await startPendingPinRequests(product.db, product.temporal, product.config)).toBe(1);
      // The waiting one keeps its one run, still on its queue; the terminated one has a new run, which delivers.
      const stillWaiting = await waiting.handle.describe();
      expect(stillWaiting.runId).toBe(waiting.runId);
      expect(stillWaiting.taskQueue).toBe(waiting.idleQueue);
      expect(stillWaiting.status.name).toBe('RUNNING');
      expect((await terminated.handle.describe()).runId).not.toBe(terminated.runId);
      await waitForStatus(terminated.requestId, 'delivered');
    } finally {
      await schedule.unpause();
      await waiting.handle.terminate('end of the test');
      await product.db.deleteFrom('pin_requests').where('id', '=', waiting.requestId).execute();
    }
  });
});

describe('a start that comes late', () => {
  it('after the request was delivered (a sweep read it while it still waited) runs nothing a second time', async () => {
    const res = await submit(requestFor('Mancini'));
    await waitForStatus(res.requestId, 'delivered');
    const { id: submissionId } = await product.db
      .selectFrom('submissions')
      .select('id')
      .where('pin_request_id', '=', res.requestId)
      .executeTakeFirstOrThrow();
    const request = product.temporal.workflow.getHandle(pinRequestWorkflowId(res.requestId));
    const submission = product.temporal.workflow.getHandle(submissionWorkflowId(submissionId));
    const runs = async () => [(await request.describe()).runId, (await submission.describe()).runId];
    await eventually(async () => (await submission.describe()).status.name === 'COMPLETED');
    const before = await runs();

    // What the minute's sweep does with a request it read as never started and a submission not taken in.
    await startPinRequestWorkflow(product.temporal, product.config, res.requestId);
    await startSubmissionWorkflow(product.temporal, product.config, submissionId);

    // Still the one run of each: a second one would issue nothing but retry its sends for ever.
    expect(await runs()).toEqual(before);
    expect((await request.describe()).status.name).toBe('COMPLETED');
  });
});

describe('duplicate submission', () => {
  it('finds the live request instead of making a second one, and tells its own contact, never the new submitter', async () => {
    const body = requestFor('Esposito', { residence: { street: 'Via Toledo 1' } });
    const first = await submit(body);
    await waitForStatus(first.requestId!, 'awaiting_verification_call');
    const second = await submit({ ...body, email: 'someone.else@example.org', deliveryChannel: 'email' });
    expect([first.status, first.body]).toEqual([second.status, second.body]);
    expect(second.requestId).toBe(first.requestId);
    const rows = await product.db
      .selectFrom('pin_requests')
      .select('id')
      .where('fiscal_code', '=', body.fiscalCode)
      .execute();
    expect(rows).toHaveLength(1);
    // The request's own phone hears of it; the address the second submitter typed hears nothing.
    await eventually(async () =>
      (await product.outbox()).some((m) => m.recipient === body.phone && /ripresentata/.test(m.text)),
    );
    expect((await product.outbox()).filter((m) => m.recipient === 'someone.else@example.org')).toEqual([]);
  });

  it('lets two identical submissions racing each other make one request', async () => {
    const body = requestFor('Colombo');
    const [a, b] = await Promise.all([submit(body), submit(body)]);
    expect(a.requestId).toBe(b.requestId);
    expect([a.status, b.status]).toEqual([202, 202]);
  });
});

describe('bad input', () => {
  const valid = () => requestFor('Conti');
  const cases: Array<[string, (b: any) => unknown, string[]]> = [
    [
      'invalid codice fiscale checksum',
      (b) => ({ ...b, fiscalCode: b.fiscalCode.slice(0, 15) + (b.fiscalCode.endsWith('A') ? 'B' : 'A') }),
      ['fiscalCode'],
    ],
    ['codice fiscale of somebody else', (b) => ({ ...b, firstName: 'Antonia', sex: 'F' }), ['fiscalCode']],
    ['codice fiscale with another birth date', (b) => ({ ...b, birthDate: '1960-08-12' }), ['fiscalCode']],
    ['unknown comune', (b) => ({ ...b, residence: { ...b.residence, city: 'Atlantide' } }), ['residence.city']],
    [
      'postal code of another comune',
      (b) => ({ ...b, residence: { ...b.residence, postalCode: '20121' } }),
      ['residence.postalCode'],
    ],
    ['malformed phone', (b) => ({ ...b, phone: '12345' }), ['phone']],
    ['malformed email', (b) => ({ ...b, email: 'antonio.conti@' }), ['email']],
    ['unknown delivery channel', (b) => ({ ...b, deliveryChannel: 'fax' }), ['deliveryChannel']],
    [
      'missing fields',
      ({ firstName: _f, residence, ...b }) => ({ ...b, residence: { ...residence, street: undefined } }),
      ['firstName', 'residence.street'],
    ],
    [
      'several bad fields at once',
      (b) => ({ ...b, email: 'x', phone: 'y', residence: { ...b.residence, postalCode: '1' } }),
      ['email', 'phone', 'residence.postalCode'],
    ],
  ];

  it.each(cases)('%s: 400 naming the fields, nothing started', async (_name, mutate, fields) => {
    const res = await submit(mutate(valid()));
    expect(res.status).toBe(400);
    expect(res.body.error.code).toBe('invalid_request');
    expect(Object.keys(res.body.error.fields).sort()).toEqual([...fields].sort());
    const rows = await product.db.selectFrom('pin_requests').select('id').where('last_name', '=', 'Conti').execute();
    expect(rows).toHaveLength(0);
  });

  it('answers malformed JSON and unknown ids with the one error shape', async () => {
    const broken = await product.citizen.post('/api/pin-requests', '{"fiscalCode":');
    expect(broken.status).toBe(400);
    expect(broken.body.error.code).toBe('bad_request');
    expect((await product.citizen.get('/api/pin-requests/not-an-id')).body.error.fields).toHaveProperty('id');
    expect((await product.citizen.get('/api/pin-requests/3f1b8a52-3d0e-4c43-9a39-0d2f5b8a9e11')).status).toBe(404);
  });
});

describe('workflow histories', () => {
  it('hold no PIN, no codice fiscale and no personal data in clear', async () => {
    const requests = await product.db.selectFrom('pin_requests').selectAll().execute();
    expect(requests.length).toBeGreaterThan(3);
    const outbox = await product.outbox();
    const pinHalves = outbox.flatMap((m) => [...m.text.matchAll(/PIN è ([A-Z0-9]{8})/g)].map((x) => x[1]!));
    expect(pinHalves.length).toBeGreaterThan(0);
    for (const r of requests) {
      const history = await product.temporal.workflow.getHandle(pinRequestWorkflowId(r.id)).fetchHistory();
      const text = JSON.stringify(history, (_k, v) => (v instanceof Uint8Array ? Buffer.from(v).toString('utf8') : v));
      expect(text).toContain(r.id);
      for (const secret of [r.fiscal_code, r.last_name, r.phone, r.email, r.street, ...pinHalves])
        expect(text).not.toContain(secret);
    }
  });
});

describe('Temporal Web', () => {
  it('finds requests by stage through the PinRequestStage search attribute', async () => {
    const delivered = await product.db
      .selectFrom('pin_requests')
      .select('id')
      .where('status', '=', 'delivered')
      .execute();
    const expected = delivered.map((r) => pinRequestWorkflowId(r.id));
    expect(expected.length).toBeGreaterThan(0);
    const query = `PinRequestStage = "delivered" AND TaskQueue = "${product.config.TEMPORAL_TASK_QUEUE}"`;
    const found = await eventually(async () => {
      const ids: string[] = [];
      for await (const wf of product.temporal.workflow.list({ query })) ids.push(wf.workflowId);
      return expected.every((id) => ids.includes(id)) && ids;
    });
    // Nothing found that is not delivered: the workflow sets the attribute, then records the status, so a request
    // caught in between is found a moment before Postgres says so.
    const ids = found.map((id) => id.slice('pin-request:'.length));
    await eventually(async () => {
      const rows = await product.db.selectFrom('pin_requests').select('status').where('id', 'in', ids).execute();
      return rows.length === ids.length && rows.every((r) => r.status === 'delivered');
    });
  });
});

describe('OpenAPI', () => {
  it('documents every endpoint of both services', async () => {
    const citizen = (await product.citizen.get('/openapi.json')).body;
    const agents = (await product.agents.get('/openapi.json')).body;
    expect(Object.keys(citizen.paths).sort()).toEqual([
      '/api/applications',
      '/api/conversions',
      '/api/conversions/{id}',
      '/api/conversions/{id}/documents',
      '/api/conversions/{id}/form',
      '/api/first-access',
      '/api/lost-pin',
      '/api/me',
      '/api/phone-pins',
      '/api/phone-pins/{id}',
      '/api/pin-request-status',
      '/api/pin-request-status/first-half-again',
      '/api/pin-request-status/new-letter',
      '/api/pin-requests',
      '/api/pin-requests/lookups',
      '/api/pin-requests/{id}',
      '/api/pin/retirement',
      '/api/renewal',
      '/api/session',
    ]);
    expect(
      citizen.paths['/api/conversions/{id}/documents'].post.requestBody.content['multipart/form-data'],
    ).toBeDefined();
    expect(citizen.paths['/api/session'].post.requestBody.content['application/json'].schema.required).toEqual([
      'fiscalCode',
      'pin',
    ]);
    expect(citizen.paths['/api/pin-requests'].post.requestBody.content['application/json'].schema.required).toContain(
      'fiscalCode',
    );
    expect(Object.keys(agents.paths)).toEqual(
      expect.arrayContaining([
        '/api/agent/session',
        '/api/agent/tasks',
        '/api/agent/tasks/next',
        '/api/agent/tasks/{id}/claim',
        '/api/agent/tasks/{id}/outcome',
        '/api/agent/caller-identification',
        '/api/agent/pin-eligibility',
        '/api/agent/tasks/{id}/review',
        '/api/agent/tasks/{id}/attachment',
        '/api/agent/tasks/{id}/discard',
        '/api/agent/tasks/{id}/documents/{documentId}',
        '/webhooks/fax',
        '/webhooks/letters',
        '/api/office/pin-dispositivo-issuances',
        '/api/office/conversions',
        '/api/office/intermediary-credentials',
        '/api/office/credentials/{id}/revocation',
        '/api/supervision/queues',
        '/api/supervision/cases',
        '/api/supervision/requests/{id}/audit',
      ]),
    );
  });
});
