// What a citizen gets when a dependency is down (issue "Faults without consequences"): with Postgres unreachable, a
// 503 with Retry-After in the one error shape, never a 500; with Temporal unreachable, a request that is stored is
// answered 202 like any other and goes on its way when Temporal answers again, by the pending-process Schedule.
import type { Server } from 'node:http';
import { Client, Connection } from '@temporalio/client';
import { PENDING_PROCESS_SWEEP_SCHEDULE_ID } from '../../core/schedules';
import { submissionStarter } from '../../core/submission-starter';
import { createDb, type Db } from '../../infra/db';
import { listen } from '../../infra/http';
import { createCitizenApp } from '../../services/citizen/app';
import { requestFor } from '../support/demo';
import { activePinFor } from '../support/pins';
import { benefitApplicationWorkflowId } from '../../workflows/ids';
import { freePort } from '../support/ports';
import { clearRequests, eventually, startTestProduct, type TestProduct } from '../support/product';

let product: TestProduct;
beforeAll(async () => {
  // The sweep leaves rows younger than its period to the intake that stored them: a short period, so that the one
  // whose intake lost Temporal is taken within the test's patience.
  product = await startTestProduct({ PENDING_PROCESS_SWEEP_EVERY: '5 seconds' });
});
afterAll(() => product?.stop());
beforeEach(() => clearRequests(product));

/** The citizen service on its own port, with one of its dependencies swapped for one that is not there. */
async function citizenServiceWith(deps: { db?: Db; temporal?: Client }) {
  const server: Server = await listen(
    createCitizenApp({
      db: deps.db ?? product.db,
      temporal: deps.temporal ?? product.temporal,
      config: product.config,
    }),
    await freePort(),
  );
  const { port } = server.address() as { port: number };
  const get = (path: string) => fetch(`http://127.0.0.1:${port}${path}`);
  const post = async (path: string, body: object, token?: string) => {
    const res = await fetch(`http://127.0.0.1:${port}${path}`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', ...(token ? { authorization: `Bearer ${token}` } : {}) },
      body: JSON.stringify(body),
    });
    return { status: res.status, body: (await res.json()) as any };
  };
  const submit = (body: object) =>
    fetch(`http://127.0.0.1:${port}/api/pin-requests`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify(body),
    });
  return { get, post, submit, close: () => new Promise((resolve) => server.close(resolve)) };
}

it('with Postgres unreachable, answers 503 with Retry-After in the one error shape, and no stack', async () => {
  const deadDb = createDb(`postgres://pin_app:nothing@127.0.0.1:${await freePort()}/pin`, 1);
  const service = await citizenServiceWith({ db: deadDb });
  try {
    const res = await service.submit(requestFor('Rossi'));
    const text = await res.text();
    expect(res.status).toBe(503);
    expect(res.headers.get('retry-after')).toBe('30');
    expect(JSON.parse(text)).toEqual({
      error: { code: 'service_unavailable', message: expect.stringContaining('try again') },
    });
    expect(text).not.toMatch(/ECONNREFUSED|at .*\.ts|stack/i);
  } finally {
    await service.close();
    await deadDb.destroy();
  }
});

it('with Temporal unreachable, stores the request and answers 202; it is started once Temporal can be reached', async () => {
  const deadTemporal = new Client({
    connection: Connection.lazy({ address: `127.0.0.1:${await freePort()}` }),
    namespace: product.config.TEMPORAL_NAMESPACE,
  });
  const service = await citizenServiceWith({ temporal: deadTemporal });
  const fiscalCode = requestFor('Rossi').fiscalCode;
  // The real Schedule and the product's own submission starter reach the real dev server; held still, they cannot
  // take the request in before the test has seen it stored and not started.
  const sweep = product.temporal.schedule.getHandle(PENDING_PROCESS_SWEEP_SCHEDULE_ID);
  await sweep.pause('test: Temporal is unreachable for the citizen service');
  await submissionStarter(product).stop();
  try {
    const started = Date.now();
    const res = await service.submit(requestFor('Rossi'));
    expect(res.status).toBe(202);
    expect(Date.now() - started).toBeLessThan(10_000);
    const stored = await product.db.selectFrom('submissions').select(['id', 'taken_in_at']).execute();
    expect(stored).toEqual([{ id: expect.any(String), taken_in_at: null }]);
  } finally {
    await service.close();
    // The service that cannot reach Temporal stops: the start it kept trying ends, and its claim is given back.
    await submissionStarter({ db: product.db, temporal: deadTemporal, config: product.config }).stop();
    await deadTemporal.connection.close();
    // Temporal is reachable again (the product's own client): its starter, or the Schedule's sweep, starts the row.
    submissionStarter(product).wake();
    await sweep.unpause('test: Temporal answers again');
  }
  let triggeredAt = 0;
  const request = await eventually(async () => {
    if (Date.now() - triggeredAt > 2000) {
      await sweep.trigger();
      triggeredAt = Date.now();
    }
    return product.db
      .selectFrom('pin_requests')
      .select(['status'])
      .where('fiscal_code', '=', fiscalCode)
      .executeTakeFirst();
  });
  expect(request).toBeDefined();
  await eventually(async () =>
    (
      await product.db
        .selectFrom('pin_requests')
        .select('status')
        .where('fiscal_code', '=', fiscalCode)
        .executeTakeFirst()
    )?.status === 'delivered'
      ? true
      : undefined,
  );
});

it('with Temporal unreachable, files an application once and answers 201; the sweep starts its workflow later', async () => {
  const pin = await activePinFor(product, requestFor('Bianchi').fiscalCode);
  const deadTemporal = new Client({
    connection: Connection.lazy({ address: `127.0.0.1:${await freePort()}` }),
    namespace: product.config.TEMPORAL_NAMESPACE,
  });
  const service = await citizenServiceWith({ temporal: deadTemporal });
  const sweep = product.temporal.schedule.getHandle(PENDING_PROCESS_SWEEP_SCHEDULE_ID);
  await sweep.pause('test: Temporal is unreachable for the citizen service');
  let applicationId: string;
  try {
    const session = await service.post('/api/session', { fiscalCode: requestFor('Bianchi').fiscalCode, pin });
    const filed = await service.post('/api/applications', { serviceId: 'family_allowance' }, session.body.token);
    expect(filed.status).toBe(201);
    applicationId = filed.body.applicationId;
    expect(await product.db.selectFrom('benefit_applications').select('id').execute()).toEqual([{ id: applicationId }]);
  } finally {
    await service.close();
    await deadTemporal.connection.close();
    await sweep.unpause('test: Temporal answers again');
  }
  await sweep.trigger();
  const workflow = product.temporal.workflow.getHandle(benefitApplicationWorkflowId(applicationId));
  await eventually(async () => (await workflow.describe()).status.name);
});

describe('health endpoints', () => {
  it('say live and ready on both services when Postgres and Temporal answer', async () => {
    for (const base of [product.urls.citizen, product.urls.agentConsole]) {
      expect(await (await fetch(`${base}/healthz`)).json()).toEqual({ status: 'ok' });
      const ready = await fetch(`${base}/readyz`);
      expect(ready.status).toBe(200);
      expect(await ready.json()).toEqual({ status: 'ready', checks: { postgres: 'ok', temporal: 'ok' } });
    }
  });

  it("on the worker's port, also say whether the worker polls, and show the duplicate-message count", async () => {
    const ready = await fetch(`${product.urls.workerHealth}/readyz`);
    expect(await ready.json()).toEqual({
      status: 'ready',
      checks: { postgres: 'ok', temporal: 'ok', worker: 'ok' },
    });
    const metrics = await (await fetch(`${product.urls.workerHealth}/metrics`)).text();
    expect(metrics).toMatch(/^pin_worker_running 1$/m);
    expect(metrics).toMatch(/^pin_messages_duplicated 0$/m);
  });

  it('say not ready, and which dependency is missing, while staying live', async () => {
    const deadDb = createDb(`postgres://pin_app:nothing@127.0.0.1:${await freePort()}/pin`, 1);
    const deadTemporal = new Client({ connection: Connection.lazy({ address: `127.0.0.1:${await freePort()}` }) });
    const withoutDb = await citizenServiceWith({ db: deadDb });
    const withoutTemporal = await citizenServiceWith({ temporal: deadTemporal });
    try {
      const a = await withoutDb.get('/readyz');
      expect([a.status, a.headers.get('retry-after')]).toEqual([503, '30']);
      expect(await a.json()).toEqual({ status: 'not_ready', checks: { postgres: 'unavailable', temporal: 'ok' } });
      const b = await withoutTemporal.get('/readyz');
      expect(b.status).toBe(503);
      expect(await b.json()).toEqual({ status: 'not_ready', checks: { postgres: 'ok', temporal: 'unavailable' } });
      expect((await withoutDb.get('/healthz')).status).toBe(200);
    } finally {
      await withoutDb.close();
      await withoutTemporal.close();
      await deadDb.destroy();
      await deadTemporal.connection.close();
    }
  });
});
