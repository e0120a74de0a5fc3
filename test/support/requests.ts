// Online PIN requests as a test sees them from outside: submitted through the API (answered the same way whoever they
// name), found afterwards in Postgres, and followed through the status link the citizen receives by SMS or email.
import type { PinRequestStatus } from '../../domain/pin-request';
import { requestFor } from './demo';
import { eventually, type TestProduct } from './product';

export function pinRequestActions(product: Pick<TestProduct, 'citizen' | 'db' | 'outbox'>) {
  /** The person's newest request, once the submission's workflow has taken it in. */
  const requestIdFor = (fiscalCode: string) =>
    eventually(async () => {
      const row = await product.db
        .selectFrom('pin_requests')
        .select('id')
        .where('fiscal_code', '=', fiscalCode)
        .orderBy('created_at', 'desc')
        .executeTakeFirst();
      return row?.id;
    });

  /** The token of the newest status link sent for this request, read off the citizen's phone or mailbox. */
  const statusTokenOf = (requestId: string) =>
    eventually(async () => {
      const request = await product.db
        .selectFrom('pin_requests')
        .select(['delivery_channel', 'phone', 'email'])
        .where('id', '=', requestId)
        .executeTakeFirstOrThrow();
      const to = request.delivery_channel === 'sms' ? request.phone : request.email;
      const sent = (await product.outbox()).filter((m) => m.recipient === to && /\/follow\?t=/.test(m.text));
      return /\/follow\?t=([\w-]+)/.exec(sent[0]?.text ?? '')?.[1];
    });

  return {
    requestIdFor,
    statusTokenOf,

    /** Submits; for an accepted submission, also the id of the request it made or found ('' when refused). */
    async submit(body: { fiscalCode: string } & Record<string, unknown>) {
      const res = await product.citizen.post('/api/pin-requests', body);
      return { ...res, requestId: res.status === 202 ? await requestIdFor(body.fiscalCode) : '' };
    },

    /** Waits until the request has reached this status (as Postgres holds it), and fails the test if it never does. */
    reachedStatus: (requestId: string, status: PinRequestStatus, timeoutMs?: number) =>
      eventually(async () => {
        const row = await product.db
          .selectFrom('pin_requests')
          .select('status')
          .where('id', '=', requestId)
          .executeTakeFirst();
        return row?.status === status;
      }, timeoutMs),

    /**
     * A demo citizen's request that automatic validation cannot pass (`body` gives a residence the registry does not
     * hold, and the contact): waiting for an agent's verification call, with the task in the queue.
     */
    async awaitingCall(lastName: string, body: Record<string, unknown>) {
      const submitted = await product.citizen.post('/api/pin-requests', requestFor(lastName, body));
      expect(submitted.status).toBe(202);
      const request = await eventually(() =>
        product.db
          .selectFrom('pin_requests')
          .select(['id', 'email'])
          .where('fiscal_code', '=', requestFor(lastName).fiscalCode)
          .where('status', '=', 'awaiting_verification_call')
          .executeTakeFirst(),
      );
      const task = await product.db
        .selectFrom('agent_tasks')
        .select('id')
        .where('pin_request_id', '=', request.id)
        .where('status', '=', 'open')
        .executeTakeFirstOrThrow();
      return { requestId: request.id, email: request.email, taskId: task.id };
    },

    /** Where the request stands, as its status link shows it. */
    async statusOf(requestId: string) {
      const token = await statusTokenOf(requestId);
      return (await product.citizen.get(`/api/pin-request-status?t=${token}`)).body;
    },
  };
}

/** The newest status link sent to this phone or email, as the citizen would open it from the message. */
export async function statusLinkSentTo(product: Pick<TestProduct, 'outbox'>, recipient: string): Promise<string> {
  return eventually(async () => {
    const sent = (await product.outbox()).find((m) => m.recipient === recipient && /\/follow\?t=/.test(m.text));
    return /https?:\/\/\S+\/follow\?t=[\w-]+/.exec(sent?.text ?? '')?.[0];
  });
}

/**
 * Every stored submission taken in, exactly one PIN request for each of these people, and one submission workflow
 * each: taken in once, however many times (and by however many starters) its start was tried.
 */
export async function expectEachTakenInOnce(
  product: Pick<TestProduct, 'db' | 'temporal'>,
  fiscalCodes: string[],
  withinMs = 60_000,
) {
  const submissions = () => product.db.selectFrom('submissions').select(['id', 'taken_in_at']).execute();
  await eventually(async () => (await submissions()).every((s) => s.taken_in_at), withinMs);
  const requests = await product.db.selectFrom('pin_requests').select('fiscal_code').execute();
  expect(requests.map((r) => r.fiscal_code).sort()).toEqual([...fiscalCodes].sort());
  for (const { id } of await submissions()) {
    const runs = [];
    for await (const run of product.temporal.workflow.list({ query: `WorkflowId = "submission:${id}"` }))
      runs.push(run);
    expect(runs.length).toBe(1);
  }
}
