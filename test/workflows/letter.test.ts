// The letter's workflow on the time-skipping server: it waits for the provider's word, ends quietly when the letter
// is delivered, and when it comes back, or has not arrived by the deadline in working days, takes the unused PIN
// with it, tells the PIN's lifecycle and the requester.
import { randomUUID } from 'node:crypto';
import { temporal } from '@temporalio/proto';
import type { TestWorkflowEnvironment } from '@temporalio/testing';
import { startLetterWorkflow } from '../../core/letter-tracking';
import { loadConfig } from '../../infra/config';
import { letterWorkflowId } from '../../workflows/ids';
import { letterMovedSignal, letterWorkflow } from '../../workflows/letter';
import { createTimeSkippingEnv } from '../support/time-skipping';
import { withWorkflowWorker } from '../support/workflow-worker';

let env: TestWorkflowEnvironment;
beforeAll(async () => {
  env = await createTimeSkippingEnv();
});
afterAll(() => env?.teardown());

const DAY = 86_400_000;
const EventType = temporal.api.enums.v1.EventType;

function mocks(statuses: string[], lostInDays = 21) {
  const queue = [...statuses];
  return {
    letterJourney: jest.fn(async () => ({
      status: queue.length > 1 ? queue.shift()! : queue[0]!,
      lostAt: new Date((await env.currentTimeMs()) + lostInDays * DAY).toISOString(),
    })),
    recordLetterNotDelivered: jest.fn(async ({ lost }: { lost: boolean }) => ({
      status: lost ? 'lost' : 'returned',
      revokedCredentialId: randomUUID(),
    })),
    sendLetterNotDeliveredNotice: jest.fn().mockResolvedValue(undefined),
  };
}

const start = (taskQueue: string) =>
  env.client.workflow.start(letterWorkflow, {
    args: [{ letterId: randomUUID(), requestId: randomUUID() }],
    taskQueue,
    workflowId: randomUUID(),
  });

it('ends when the provider says the letter was delivered, touching nothing', async () => {
  const m = mocks(['printed', 'delivered']);
  const result = await withWorkflowWorker(env, m, async (taskQueue) => {
    const handle = await start(taskQueue);
    await env.sleep('2 days');
    await handle.signal(letterMovedSignal);
    return handle.result();
  });
  expect(result).toEqual({ outcome: 'delivered' });
  expect(m.recordLetterNotDelivered).not.toHaveBeenCalled();
  expect(m.sendLetterNotDeliveredNotice).not.toHaveBeenCalled();
});

it('a letter returned to sender takes its PIN with it, and the requester is told', async () => {
  const m = mocks(['in_transit', 'returned']);
  const result = await withWorkflowWorker(env, m, async (taskQueue) => {
    const handle = await start(taskQueue);
    await env.sleep('3 days');
    await handle.signal(letterMovedSignal);
    return handle.result();
  });
  expect(result).toEqual({ outcome: 'returned' });
  expect(m.recordLetterNotDelivered).toHaveBeenCalledWith(expect.objectContaining({ lost: false }));
  expect(m.sendLetterNotDeliveredNotice).toHaveBeenCalledWith(expect.objectContaining({ returned: true }));
});

it('a letter with no news by the deadline is given up as lost, not a moment before', async () => {
  const m = mocks(['printed'], 21);
  const ended = await withWorkflowWorker(env, m, async (taskQueue) => {
    const handle = await start(taskQueue);
    const startedAt = await env.currentTimeMs();
    await env.sleep('20 days');
    // Still waiting the day before: nothing given up.
    expect(m.recordLetterNotDelivered).not.toHaveBeenCalled();
    expect(await handle.result()).toEqual({ outcome: 'lost' });
    return (await env.currentTimeMs()) - startedAt;
  });
  expect(ended).toBeGreaterThanOrEqual(21 * DAY);
  expect(m.recordLetterNotDelivered).toHaveBeenCalledWith(expect.objectContaining({ lost: true }));
  expect(m.sendLetterNotDeliveredNotice).toHaveBeenCalledWith(expect.objectContaining({ returned: false }));
});

it('does not miss news that arrives while it is reading where the letter is', async () => {
  const workflowId = randomUUID();
  let looks = 0;
  const m = {
    ...mocks(['returned']),
    // The provider's word comes in while the first look is still reading Postgres (it read "printed").
    letterJourney: jest.fn(async () => {
      looks++;
      if (looks === 1) {
        await env.client.workflow.getHandle(workflowId).signal(letterMovedSignal);
        return { status: 'printed', lostAt: new Date((await env.currentTimeMs()) + 21 * DAY).toISOString() };
      }
      return { status: 'returned', lostAt: new Date((await env.currentTimeMs()) + 21 * DAY).toISOString() };
    }),
  };
  const result = await withWorkflowWorker(env, m, (taskQueue) =>
    env.client.workflow.execute(letterWorkflow, {
      args: [{ letterId: randomUUID(), requestId: randomUUID() }],
      taskQueue,
      workflowId,
    }),
  );
  expect(result).toEqual({ outcome: 'returned' });
  expect(m.recordLetterNotDelivered).toHaveBeenCalledWith(expect.objectContaining({ lost: false }));
});

it('started with where the letter is, its first task only waits, and every later look runs inside a workflow task', async () => {
  const m = mocks(['delivered']);
  const { result, history } = await withWorkflowWorker(env, m, async (taskQueue) => {
    const handle = await env.client.workflow.start(letterWorkflow, {
      args: [
        {
          letterId: randomUUID(),
          requestId: randomUUID(),
          journey: { status: 'printed', lostAt: new Date((await env.currentTimeMs()) + 21 * DAY).toISOString() },
        },
      ],
      taskQueue,
      workflowId: randomUUID(),
    });
    await env.sleep('2 days');
    // Nobody asked Postgres at the start: the starter had.
    expect(m.letterJourney).not.toHaveBeenCalled();
    await handle.signal(letterMovedSignal);
    return { result: await handle.result(), history: await handle.fetchHistory() };
  });
  expect(result).toEqual({ outcome: 'delivered' });
  expect(m.letterJourney).toHaveBeenCalledTimes(1);
  const types = (history.events ?? []).map((e) => EventType[e.eventType!]!);
  expect(types.filter((t) => t.includes('ACTIVITY_TASK'))).toEqual([]);
  // The one look, a local activity's marker; the letter's state published once, when it changed.
  expect(types.filter((t) => t.includes('MARKER_RECORDED'))).toHaveLength(1);
  expect(types.filter((t) => t.includes('UPSERT_WORKFLOW_SEARCH_ATTRIBUTES'))).toHaveLength(1);
});

it('an event the webhook takes while the letter is being started is not missed: the starter reads again and tells it', async () => {
  const m = mocks(['delivered']);
  const letterId = randomUUID();
  const result = await withWorkflowWorker(env, m, async (taskQueue) => {
    const lostAt = new Date((await env.currentTimeMs()) + 21 * DAY).toISOString();
    // Read 'printed' for the start; by the second reading the provider's "delivered" was taken (and told to nobody).
    const readings = ['printed', 'delivered'];
    const journeyNow = async () => ({ status: readings.shift() as 'printed' | 'delivered', lostAt });
    const config = loadConfig({ NODE_ENV: 'test', TEMPORAL_TASK_QUEUE: taskQueue });
    await startLetterWorkflow(env.client, config, { letterId, requestId: randomUUID() }, journeyNow);
    return env.client.workflow.getHandle(letterWorkflowId(letterId)).result();
  });
  // Without the second reading the workflow would wait for news until the deadline and give the letter up as lost.
  expect(result).toEqual({ outcome: 'delivered' });
  expect(m.recordLetterNotDelivered).not.toHaveBeenCalled();
});
