// A verification call nobody takes before VERIFICATION_TASK_DEADLINE: the task leaves the queue and the request is
// rejected as "verification not completed", with the citizen told, only once the call has been in the queue for the
// whole deadline (the rejection rests on Postgres's task, not on the run's say-so). Real dev server and Postgres, with
// a deadline of seconds.
import { parsePinRequestInput } from '../../domain/pin-request-input';
import { findOrInsertPinRequest } from '../../repositories/pin-requests';
import { pinRequestWorkflowId } from '../../workflows/ids';
import { pinRequestWorkflow } from '../../workflows/pin-request';
import { movedCitizen, requestFor } from '../support/demo';
import { pinRequestActions } from '../support/requests';
import { eventually, startTestProduct, type TestProduct } from '../support/product';

const DEADLINE_MS = 3_000;
let product: TestProduct;
beforeAll(async () => {
  product = await startTestProduct({ VERIFICATION_TASK_DEADLINE: `${DEADLINE_MS / 1000}s` });
});
afterAll(() => product?.stop());

it('a call left in the queue its whole time: withdrawn, the request rejected and its citizen told', async () => {
  const body = movedCitizen();
  const submitted = await pinRequestActions(product).submit(body);
  expect(submitted.status).toBe(202);
  const request = await eventually(
    () =>
      product.db
        .selectFrom('pin_requests')
        .select(['status', 'rejection_reason', 'updated_at'])
        .where('id', '=', submitted.requestId)
        .where('status', '=', 'rejected')
        .executeTakeFirst(),
    30_000,
  );
  expect(request.rejection_reason).toBe('verification_not_completed');
  const task = await product.db
    .selectFrom('agent_tasks')
    .select(['status', 'created_at'])
    .where('pin_request_id', '=', submitted.requestId)
    .executeTakeFirstOrThrow();
  expect(task.status).toBe('cancelled');
  expect(request.updated_at.getTime() - task.created_at.getTime()).toBeGreaterThanOrEqual(DEADLINE_MS);
  await eventually(async () =>
    (await product.outbox()).some(
      (m) => m.recipient === body.email && m.subject === 'INPS - Esito della Sua richiesta di PIN',
    ),
  );
});

it('a run started before the deadline was raised rejects only once the call has waited the deadline now configured', async () => {
  const parsed = parsePinRequestInput(requestFor('Romano', { residence: movedCitizen().residence }));
  if (!parsed.ok) throw new Error('demo request does not parse');
  const { row: request } = await findOrInsertPinRequest(product.db, parsed.value, { channel: 'online' });
  // Its run was given a deadline of one second; the deadline configured now is three.
  const run = await product.temporal.workflow.start(pinRequestWorkflow, {
    args: [
      {
        requestId: request.id,
        channel: 'online',
        verification: { maxCallAttempts: 3, retryDelay: '1s', taskDeadline: '1s' },
      },
    ],
    taskQueue: product.config.TEMPORAL_TASK_QUEUE,
    workflowId: pinRequestWorkflowId(request.id),
  });
  expect(await run.result()).toEqual({ outcome: 'rejected', reason: 'verification_not_completed' });
  const { updated_at } = await product.db
    .selectFrom('pin_requests')
    .select('updated_at')
    .where('id', '=', request.id)
    .executeTakeFirstOrThrow();
  const task = await product.db
    .selectFrom('agent_tasks')
    .select('created_at')
    .where('pin_request_id', '=', request.id)
    .executeTakeFirstOrThrow();
  expect(updated_at.getTime() - task.created_at.getTime()).toBeGreaterThanOrEqual(DEADLINE_MS);
  // One wait for the rest of the time, not a retry after retry in the history.
  const events = (await run.fetchHistory()).events ?? [];
  expect(events.filter((e) => e.timerStartedEventAttributes).length).toBeLessThanOrEqual(2);
});
