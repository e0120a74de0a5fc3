// Staff password guessing (issue "Abuse and bad input"): a username padded with spaces or tabs, or in capitals, is the
// same name and gets no fresh attempts; an account failing from many clients is paused for all of them; and every
// wrong password for a real account is on its audit trail. A screen left signed in: the session ends after 30 minutes
// without anything the person did, however often the console refreshes by itself.
import { sql } from 'kysely';
import { demoStaff } from '../../dev/seed';
import { tokenHash } from '../../services/shared/session-token';
import { clientAddress, postJsonFrom } from '../support/client-address';
import { startTestProduct, staffToken, type TestProduct } from '../support/product';

let product: TestProduct;
beforeAll(async () => {
  product = await startTestProduct({ STAFF_SIGN_IN_ATTEMPTS: '3' });
});
afterAll(() => product?.stop());

const signIn = (username: string, password = 'wrong-password') =>
  product.agents.post('/api/agent/session', { username, password });

it('takes " agent.sala", "AGENT.SALA\\t" and "agent.sala" for one name: no fresh attempts by padding', async () => {
  const statuses = [];
  for (const username of ['agent.sala', ' agent.sala', 'AGENT.SALA\t', 'Agent.Sala '])
    statuses.push((await signIn(username)).status);
  expect(statuses).toEqual([401, 401, 401, 429]);
});

it('pauses an account that keeps failing from many clients, and audits each wrong password', async () => {
  const url = `${product.urls.agentConsole}/api/agent/session`;
  const statuses = [];
  for (let i = 0; i < 10; i++)
    statuses.push(
      (await postJsonFrom(url, { username: 'agent.neri', password: `guess-${i}` }, clientAddress(i))).status,
    );
  expect(statuses).toEqual([...Array(9).fill(401), 429]);
  const { id } = await product.db
    .selectFrom('staff')
    .select('id')
    .where('username', '=', 'agent.neri')
    .executeTakeFirstOrThrow();
  const audited = await product.db
    .selectFrom('audit_log')
    .select(['actor_type', 'subject_type'])
    .where('action', '=', 'staff.sign_in_failed')
    .where('subject_id', '=', id)
    .execute();
  expect(audited).toEqual(Array(9).fill({ actor_type: 'system', subject_type: 'staff' }));
});

describe('a screen left signed in', () => {
  const MINUTE = 60_000;
  const sessionEnd = async (token: string) =>
    (
      await product.db
        .selectFrom('staff_sessions')
        .select('expires_at')
        .where('token_hash', '=', tokenHash(token))
        .executeTakeFirstOrThrow()
    ).expires_at.getTime();
  const setSession = (token: string, times: { expiresAt: Date; openedAt?: Date }) =>
    sql`update staff_sessions set expires_at = ${times.expiresAt}, created_at = coalesce(${times.openedAt ?? null}, created_at)
        where token_hash = ${tokenHash(token)}`.execute(product.db);
  /** What the console asks by itself (the queue's refresh, a call's status), as its page marks it. */
  const refresh = (token: string) =>
    fetch(`${product.urls.agentConsole}/api/agent/tasks`, {
      headers: { authorization: `Bearer ${token}`, 'background-refresh': '1' },
    });
  const act = (token: string) => product.agents.get('/api/agent/tasks', token);

  it('ends 30 minutes after the last thing its person did, refreshes aside, and 9 hours after sign-in however busy', async () => {
    const signedIn = await product.agents.post('/api/agent/session', {
      username: 'agent.ruggeri',
      password: demoStaff('agent.ruggeri').password,
    });
    const token = signedIn.body.token;
    // The browser keeps the cookie for the shift; the service ends the session sooner when nobody uses it.
    const cookieExpires = Date.parse(/Expires=([^;]+)/.exec(signedIn.headers.get('set-cookie') ?? '')![1]!);
    expect(cookieExpires - Date.now()).toBeGreaterThan(8.9 * 60 * MINUTE);
    expect((await sessionEnd(token)) - Date.now()).toBeLessThanOrEqual(30 * MINUTE);
    expect(Date.parse(signedIn.body.expiresAt)).toBe(await sessionEnd(token));

    // Twenty-nine and a half minutes of the queue refreshing itself on an empty desk: the end does not move.
    await setSession(token, { expiresAt: new Date(Date.now() + 30_000) });
    const before = await sessionEnd(token);
    expect((await refresh(token)).status).toBe(200);
    expect(await sessionEnd(token)).toBe(before);
    // The agent comes back and clicks: another 30 minutes.
    expect((await act(token)).status).toBe(200);
    expect((await sessionEnd(token)) - Date.now()).toBeGreaterThan(29 * MINUTE);
    // Thirty minutes with nobody at the screen: over, for the refresh and for the person alike.
    await setSession(token, { expiresAt: new Date(Date.now() - 1000) });
    expect((await refresh(token)).status).toBe(401);
    expect((await act(token)).body.error.code).toBe('unauthenticated');

    // However busy, a session ends with the shift (AGENT_SESSION_HOURS after the sign-in).
    const busy = await staffToken(product, 'agent.ruggeri');
    const openedAt = new Date(Date.now() - 9 * 60 * MINUTE + MINUTE);
    await setSession(busy, { openedAt, expiresAt: new Date(Date.now() + 30_000) });
    expect((await act(busy)).status).toBe(200);
    expect(await sessionEnd(busy)).toBeLessThanOrEqual(openedAt.getTime() + 9 * 60 * MINUTE);
  });
});
