// Staff password guessing (issue "Abuse and bad input"): a username padded with spaces or tabs, or in capitals, is the
// same name and gets no fresh attempts; an account failing from many clients is paused for all of them; and every
// wrong password for a real account is on its audit trail.
import { clientAddress, postJsonFrom } from '../support/client-address';
import { startTestProduct, type TestProduct } from '../support/product';

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
