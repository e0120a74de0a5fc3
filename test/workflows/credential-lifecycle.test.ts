// The lifecycle of a credential on the time-skipping test server, with the product's default policy: the real
// 6-month (citizen) and 3-month (intermediary) terms are crossed, the reminder goes 15 days before, a renewal
// starts a new term as a new run, a revocation ends it. Activities are stand-ins that compute the term with the real
// domain rule, and note when (in the server's time) the workflow called them.
import { randomUUID } from 'node:crypto';
import type { TestWorkflowEnvironment } from '@temporalio/testing';
import type { createActivities } from '../../activities';
import type { CredentialTerm, ExpiryOutcome } from '../../activities/credentials';
import { addCalendarMonths, reminderTime, termEnd } from '../../domain/credential-term';
import { termPolicy } from '../../app/clients';
import { loadConfig } from '../../infra/config';
import type { CredentialHolder, CredentialKind } from '../../domain/credential';
import {
  credentialConvertedSignal,
  credentialLifecycleWorkflow,
  credentialRevokedSignal,
  lifecycleQuery,
  newPinAssignedSignal,
} from '../../workflows/credential-lifecycle';
import { SEARCH_ATTRIBUTES } from '../../workflows/search-attributes';
import { createTimeSkippingEnv } from '../support/time-skipping';
import { withWorkflowWorker } from '../support/workflow-worker';

type Activities = ReturnType<typeof createActivities>;
const DAY = 86_400_000;
// What the product runs with when nothing is configured: the brief's 6 and 3 months, reminder 15 days before.
const POLICY = termPolicy(loadConfig({ NODE_ENV: 'test' }));

let env: TestWorkflowEnvironment;
beforeAll(async () => {
  env = await createTimeSkippingEnv();
});
afterAll(() => env?.teardown());

function lifecycleActivities(holder: CredentialHolder, expiry: () => ExpiryOutcome = () => ({ outcome: 'expired' })) {
  const calls = {
    terms: [] as Array<{ at: number; termStart: string }>,
    reminders: [] as number[],
    expiries: [] as number[],
    revocationNotices: [] as number[],
  };
  /** What Postgres says of the PIN when the workflow asks, after a revocation signal. */
  const postgres = { revoked: true, kind: 'ordinario' as CredentialKind };
  const activities = {
    beginCredentialTerm: jest.fn(async ({ termStart }: { termStart: string }): Promise<CredentialTerm> => {
      calls.terms.push({ at: await env.currentTimeMs(), termStart });
      const expiresAt = termEnd(new Date(termStart), holder, POLICY);
      return {
        status: 'active',
        holder,
        expiresAt: expiresAt.toISOString(),
        reminderAt: reminderTime(expiresAt, POLICY).toISOString(),
      };
    }),
    sendExpiryReminder: jest.fn(async () => {
      calls.reminders.push(await env.currentTimeMs());
      return 'sent' as const;
    }),
    expireCredential: jest.fn(async () => {
      calls.expiries.push(await env.currentTimeMs());
      return expiry();
    }),
    sendRevocationNotice: jest.fn(async () => {
      calls.revocationNotices.push(await env.currentTimeMs());
      return 'sent' as const;
    }),
    credentialRevoked: jest.fn(async () => postgres.revoked),
    credentialKind: jest.fn(async () => postgres.kind),
  } satisfies Partial<Record<keyof Activities, jest.Mock>>;
  return { activities, calls, postgres };
}

const withWorker = <T>(activities: object, body: (taskQueue: string) => Promise<T>) =>
  withWorkflowWorker(env, activities, body);

/** A new credential's lifecycle, started and through its first minute (its term written). */
async function startLifecycle(taskQueue: string, workflowId = `credential:${randomUUID()}`) {
  const handle = await env.client.workflow.start(credentialLifecycleWorkflow, {
    args: [{ credentialId: randomUUID() }],
    taskQueue,
    workflowId,
  });
  await env.sleep('1 minute');
  return handle;
}

const near = (actual: number | undefined, expected: number, toleranceMs = 60_000) =>
  expect(Math.abs((actual ?? 0) - expected)).toBeLessThan(toleranceMs);

it('uses the brief’s terms by default: 6 months for a citizen, 3 for an intermediary, reminder 15 days before', () => {
  expect(POLICY).toEqual({ validityMonths: { citizen: 6, intermediary: 3 }, reminderDaysBefore: 15 });
});

// First in the file: the time-skipping server skips time only while no other test's workflow waits for a worker.
it('a minor’s PIN: told a month before the 18th birthday, retired on the day, across terms; the lifecycle then ends', async () => {
  const { activities, calls } = lifecycleActivities('citizen');
  const events = { notices: [] as number[], retirements: [] as number[] };
  let comingOfAge: { noticeAt: string; at: string } | undefined;
  const minorActivities = {
    ...activities,
    beginCredentialTerm: jest.fn(async (input: { credentialId: string; termStart: string }) => {
      const term = await activities.beginCredentialTerm(input);
      // Eighteen in 8 months (two terms away): the first term renews, the second is cut short by the birthday.
      comingOfAge ??= {
        at: new Date(Date.parse(input.termStart) + 240 * DAY).toISOString(),
        noticeAt: new Date(Date.parse(input.termStart) + 210 * DAY).toISOString(),
      };
      return { ...term, comingOfAge };
    }),
    sendComingOfAgeNotice: jest.fn(async () => {
      events.notices.push(await env.currentTimeMs());
      return 'sent' as const;
    }),
    retireAtComingOfAge: jest.fn(async () => {
      events.retirements.push(await env.currentTimeMs());
      return 'retired' as const;
    }),
  };
  await withWorker(minorActivities, async (taskQueue) => {
    const workflowId = `credential:${randomUUID()}`;
    const handle = await startLifecycle(taskQueue, workflowId);
    await env.sleep('100 days');
    await handle.signal(newPinAssignedSignal);
    await env.sleep('100 days');
    expect(events.notices).toEqual([]);
    const latest = env.client.workflow.getHandle(workflowId);

    await env.sleep('20 days');
    expect(events.notices).toHaveLength(1);
    near(events.notices[0], Date.parse(comingOfAge!.noticeAt));
    expect(events.retirements).toEqual([]);

    await env.sleep('25 days');
    expect(await latest.result()).toBe('revoked');
    expect(events.retirements).toHaveLength(1);
    near(events.retirements[0], Date.parse(comingOfAge!.at));
    expect(calls.expiries).toEqual([]);
  });
});

it.each([
  ['a citizen', 6, 'citizen'],
  ['an intermediary', 3, 'intermediary'],
] as const)(
  'the PIN of %s: reminded 15 days before, still valid the day before, expired %i calendar months after issue',
  async (_who, months, holder) => {
    const { activities, calls } = lifecycleActivities(holder);
    await withWorker(activities, async (taskQueue) => {
      const handle = await startLifecycle(taskQueue);
      const start = Date.parse(calls.terms[0]!.termStart);
      const expiresAt = addCalendarMonths(new Date(start), months).getTime();
      expect((await handle.query(lifecycleQuery)).expiresAt).toBe(new Date(expiresAt).toISOString());

      await env.sleep(expiresAt - DAY - (await env.currentTimeMs()));
      expect(calls.reminders).toHaveLength(1);
      near(calls.reminders[0], expiresAt - 15 * DAY);
      expect(calls.expiries).toHaveLength(0);
      expect((await handle.query(lifecycleQuery)).status).toBe('active');

      await env.sleep('2 days');
      expect(calls.expiries).toHaveLength(1);
      near(calls.expiries[0], expiresAt);
      expect((await handle.query(lifecycleQuery)).status).toBe('expired');
      const described = await handle.describe();
      expect(described.typedSearchAttributes.get(SEARCH_ATTRIBUTES.credentialState)).toBe('expired');
      expect(described.typedSearchAttributes.get(SEARCH_ATTRIBUTES.credentialHolder)).toBe(holder);

      // Expired, it waits for its holder however long that takes: a year later it is still there, still expired.
      await env.sleep('365 days');
      expect(calls.expiries).toHaveLength(1);
      expect((await handle.describe()).status.name).toBe('RUNNING');
    });
  },
);

it('a renewal starts a new term in a new run, whose history starts afresh; revocation ends the lifecycle', async () => {
  const { activities, calls } = lifecycleActivities('citizen');
  await withWorker(activities, async (taskQueue) => {
    const workflowId = `credential:${randomUUID()}`;
    const handle = await startLifecycle(taskQueue, workflowId);
    await env.sleep('200 days');
    expect((await handle.query(lifecycleQuery)).status).toBe('expired');
    const firstRun = (await handle.describe()).runId;

    const renewedAt = await env.currentTimeMs();
    await handle.signal(newPinAssignedSignal);
    await env.sleep('1 minute');
    const latest = env.client.workflow.getHandle(workflowId);
    const described = await latest.describe();
    expect(described.runId).not.toBe(firstRun);
    const newTermStart = Date.parse(calls.terms.at(-1)!.termStart);
    near(newTermStart, renewedAt);
    const state = await latest.query(lifecycleQuery);
    expect(state).toMatchObject({ status: 'active', reminderSent: false });
    expect(state.expiresAt).toBe(addCalendarMonths(new Date(newTermStart), 6).toISOString());
    const history = await latest.fetchHistory();
    expect(history.events!.length).toBeLessThan(20);

    // A second renewal before expiry (a lost PIN replaced, say) restarts the term again.
    await env.sleep('100 days');
    const secondRenewal = await env.currentTimeMs();
    await latest.signal(newPinAssignedSignal);
    await env.sleep('1 minute');
    near(
      Date.parse((await latest.query(lifecycleQuery)).expiresAt!),
      addCalendarMonths(new Date(secondRenewal), 6).getTime(),
    );
    expect(calls.expiries).toHaveLength(1);

    await latest.signal(credentialRevokedSignal);
    expect(await latest.result()).toBe('revoked');
    // The holder is told the PIN no longer works (the activity reads why from Postgres).
    expect(calls.revocationNotices).toHaveLength(1);
  });
});

it('ends nothing on a revocation signal Postgres does not back (forged, or stray): the PIN goes on, its holder untold', async () => {
  const { activities, calls, postgres } = lifecycleActivities('citizen');
  postgres.revoked = false;
  await withWorker(activities, async (taskQueue) => {
    const workflowId = `credential:${randomUUID()}`;
    const handle = await startLifecycle(taskQueue, workflowId);
    const firstRun = (await handle.describe()).runId;
    await handle.signal(credentialRevokedSignal);
    await env.sleep('1 minute');
    const latest = env.client.workflow.getHandle(workflowId);
    const described = await latest.describe();
    expect([described.status.name, described.runId === firstRun]).toEqual(['RUNNING', false]);
    expect((await latest.query(lifecycleQuery)).status).toBe('active');
    expect(calls.revocationNotices).toHaveLength(0);
    // Revoked in Postgres after all: the next signal ends it, and the holder is told.
    postgres.revoked = true;
    await latest.signal(credentialRevokedSignal);
    expect(await latest.result()).toBe('revoked');
    expect(calls.revocationNotices).toHaveLength(1);
  });
});

it('an email provider down for weeks delays nothing: the reminder gives up at expiry, and the PIN expires on time', async () => {
  const { activities, calls } = lifecycleActivities('citizen');
  activities.sendExpiryReminder.mockImplementation(async () => {
    calls.reminders.push(await env.currentTimeMs());
    throw new Error('SendGrid: 503 Service Unavailable');
  });
  await withWorker(activities, async (taskQueue) => {
    const handle = await startLifecycle(taskQueue);
    const expiresAt = Date.parse((await handle.query(lifecycleQuery)).expiresAt!);
    await env.sleep(expiresAt + DAY - (await env.currentTimeMs()));
    expect(calls.reminders.length).toBeGreaterThan(10);
    expect(calls.expiries).toHaveLength(1);
    near(calls.expiries[0], expiresAt, 2 * 3_600_000);
    expect(await handle.query(lifecycleQuery)).toMatchObject({ status: 'expired', reminderSent: false });
  });
});

it('started with the term its PIN was issued with: asks Postgres nothing, reminds and expires on that term’s dates', async () => {
  const { activities, calls } = lifecycleActivities('citizen');
  await withWorker(activities, async (taskQueue) => {
    const issuedAt = await env.currentTimeMs();
    const expiresAt = termEnd(new Date(issuedAt), 'citizen', POLICY);
    const handle = await env.client.workflow.start(credentialLifecycleWorkflow, {
      args: [
        {
          credentialId: randomUUID(),
          begunTerm: {
            status: 'initial',
            holder: 'citizen',
            kind: 'ordinario',
            expiresAt: expiresAt.toISOString(),
            reminderAt: reminderTime(expiresAt, POLICY).toISOString(),
          },
        },
      ],
      taskQueue,
      workflowId: `credential:${randomUUID()}`,
    });
    await env.sleep('1 minute');
    expect(await handle.query(lifecycleQuery)).toMatchObject({ status: 'initial', kind: 'ordinario' });
    const firstTask = (await handle.fetchHistory()).events ?? [];
    expect(firstTask.filter((e) => e.markerRecordedEventAttributes || e.activityTaskScheduledEventAttributes)).toEqual(
      [],
    );

    await env.sleep(expiresAt.getTime() + DAY - (await env.currentTimeMs()));
    expect(calls.terms).toEqual([]);
    expect(calls.reminders).toHaveLength(1);
    near(calls.reminders[0], expiresAt.getTime() - 15 * DAY);
    expect(calls.expiries).toHaveLength(1);
    near(calls.expiries[0], expiresAt.getTime());
    expect((await handle.query(lifecycleQuery)).status).toBe('expired');
  });
});

it('takes "converted" only when Postgres holds the PIN dispositivo: Temporal Web shows the kind it has', async () => {
  const { activities, postgres } = lifecycleActivities('citizen');
  await withWorker(activities, async (taskQueue) => {
    const handle = await startLifecycle(taskQueue);
    const kind = async () => {
      await env.sleep('1 minute');
      const described = await handle.describe();
      return [
        (await handle.query(lifecycleQuery)).kind,
        described.typedSearchAttributes.get(SEARCH_ATTRIBUTES.credentialKind),
      ];
    };
    await handle.signal(credentialConvertedSignal);
    expect(await kind()).toEqual([undefined, undefined]);
    postgres.kind = 'dispositivo';
    await handle.signal(credentialConvertedSignal);
    expect(await kind()).toEqual(['dispositivo', 'dispositivo']);
    await handle.signal(credentialRevokedSignal);
    expect(await handle.result()).toBe('revoked');
  });
  expect(activities.credentialKind).toHaveBeenCalledTimes(2);
});

// Last in the file: its lifecycle keeps a timer, which nobody serves once its worker is gone.
it('when the data say the PIN was renewed meanwhile (a lost signal), it follows them into a new term', async () => {
  let renewedAt = '';
  const { activities, calls } = lifecycleActivities('citizen', () => ({ outcome: 'renewed', termStart: renewedAt }));
  await withWorker(activities, async (taskQueue) => {
    const workflowId = `credential:${randomUUID()}`;
    await startLifecycle(taskQueue, workflowId);
    renewedAt = new Date(Date.parse(calls.terms[0]!.termStart) + 170 * DAY).toISOString();
    await env.sleep('190 days');
    expect(calls.terms.map((t) => t.termStart)).toEqual([calls.terms[0]!.termStart, renewedAt]);
    expect((await env.client.workflow.getHandle(workflowId).query(lifecycleQuery)).status).toBe('active');
  });
});
