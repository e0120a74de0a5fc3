// The worker's poll settings as an operator sets them for a cluster (docs/scaling.md): a product whose worker polls
// for workflow tasks with the SDK's autoscaling and for activity tasks with the fewest polls allowed still takes a
// PIN request to a delivered PIN, and the two halves it delivered are the PIN it stored.
import { verify } from '@node-rs/argon2';
import { requestFor } from '../support/demo';
import { deliveredPin } from '../support/pins';
import { pinRequestActions } from '../support/requests';
import { startTestProduct, type TestProduct } from '../support/product';

let product: TestProduct;
beforeAll(async () => {
  product = await startTestProduct({ WORKER_WORKFLOW_TASK_POLLS: 'autoscaling', WORKER_ACTIVITY_TASK_POLLS: '2' });
}, 120_000);
afterAll(() => product?.stop());

it('delivers a PIN with autoscaling workflow-task polls and two activity-task polls', async () => {
  expect(product.config).toMatchObject({ WORKER_WORKFLOW_TASK_POLLS: 'autoscaling', WORKER_ACTIVITY_TASK_POLLS: 2 });
  const requests = pinRequestActions(product);
  const { status, requestId } = await requests.submit(requestFor('Rossi'));
  expect(status).toBe(202);
  await requests.reachedStatus(requestId, 'delivered', 60_000);
  const { pin_hash } = await product.db
    .selectFrom('credentials')
    .select('pin_hash')
    .where('pin_request_id', '=', requestId)
    .executeTakeFirstOrThrow();
  expect(await verify(pin_hash, await deliveredPin(product, requestId))).toBe(true);
}, 90_000);
