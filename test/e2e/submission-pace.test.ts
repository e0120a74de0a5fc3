// Online submissions reach Temporal at the pace the pipeline takes them in (issue 19): however many arrive at once,
// and through however many citizen-service replicas, at most SUBMISSIONS_IN_TEMPORAL are in Temporal and not yet taken
// in; the rest wait in Postgres and go as those are taken in, each exactly once.
import type { Server } from 'node:http';
import { submissionStarter } from '../../core/submission-starter';
import { connectClient } from '../../infra/temporal';
import { listen } from '../../infra/http';
import { createCitizenApp } from '../../services/citizen/app';
import { requestFor } from '../support/demo';
import { expectEachTakenInOnce } from '../support/requests';
import { freePort } from '../support/ports';
import { clearRequests, startTestProduct, type TestProduct } from '../support/product';

const BUDGET = 2;
let product: TestProduct;
beforeAll(async () => {
  product = await startTestProduct({ SUBMISSIONS_IN_TEMPORAL: String(BUDGET) });
});
afterAll(() => product?.stop());
beforeEach(() => clearRequests(product));

const CITIZENS = ['Rossi', 'Bianchi', 'Esposito', 'Ferrari', 'Romano', 'Ricci', 'Greco', 'Russo', 'Colombo', 'Bruno'];

it('keeps at most the budget in Temporal across two replicas; the rest waits in Postgres and each is taken in once', async () => {
  // A second replica of the citizen service: its own Temporal connection and starter, the same Postgres.
  const temporal = await connectClient(product.config, product.config.TEMPORAL_ADDRESS!);
  const replica: Server = await listen(
    createCitizenApp({ db: product.db, temporal, config: product.config }),
    await freePort(),
  );
  const urls = [product.urls.citizen, `http://127.0.0.1:${(replica.address() as { port: number }).port}`];

  // What Temporal holds and what waits, read from Postgres while the burst goes through.
  const counts = () =>
    product.db
      .selectFrom('submissions')
      .select((eb) => [
        eb.fn.countAll<string>().filterWhere('taken_in_at', 'is', null).as('pending'),
        eb.fn
          .countAll<string>()
          .filterWhere((w) => w.and([w('taken_in_at', 'is', null), w('start_claimed_at', 'is not', null)]))
          .as('inTemporal'),
      ])
      .executeTakeFirstOrThrow();
  const seen: { pending: number; inTemporal: number }[] = [];
  let sampling = true;
  const sampler = (async () => {
    while (sampling) {
      const c = await counts();
      seen.push({ pending: Number(c.pending), inTemporal: Number(c.inTemporal) });
      await new Promise((resolve) => setTimeout(resolve, 5));
    }
  })();

  try {
    const answers = await Promise.all(
      CITIZENS.map((lastName, i) =>
        fetch(`${urls[i % 2]}/api/pin-requests`, {
          method: 'POST',
          headers: { 'content-type': 'application/json' },
          body: JSON.stringify(requestFor(lastName)),
        }).then((res) => res.status),
      ),
    );
    expect(answers).toEqual(CITIZENS.map(() => 202));

    await expectEachTakenInOnce(
      product,
      CITIZENS.map((lastName) => requestFor(lastName).fiscalCode),
    );
    sampling = false;
    await sampler;
    // Never more than the budget in Temporal, and a moment where the budget was full and others waited their turn.
    expect(Math.max(...seen.map((s) => s.inTemporal))).toBeLessThanOrEqual(BUDGET);
    expect(seen.some((s) => s.inTemporal === BUDGET && s.pending > BUDGET)).toBe(true);
  } finally {
    sampling = false;
    await sampler;
    await new Promise((resolve) => replica.close(resolve));
    await submissionStarter({ db: product.db, temporal, config: product.config }).stop();
    await temporal.connection.close();
  }
});
