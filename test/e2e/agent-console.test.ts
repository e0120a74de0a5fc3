// Staff access to the agent console: authentication, roles, sessions, and the audit trail of what agents do.
import { demoStaff } from '../../dev/seed';
import { startTestProduct, type TestProduct } from '../support/product';

let product: TestProduct;
beforeAll(async () => {
  product = await startTestProduct();
});
afterAll(() => product?.stop());

const agent = demoStaff('agent.neri');
const operator = demoStaff('operator.verdi');

it('refuses the task queue without a session, and with a role that is not the contact center', async () => {
  expect((await product.agents.get('/api/agent/tasks')).status).toBe(401);
  expect((await product.agents.get('/api/agent/tasks', 'forged-token')).status).toBe(401);
  const login = await product.agents.post('/api/agent/session', {
    username: operator.username,
    password: operator.password,
  });
  expect(login.status).toBe(200);
  const res = await product.agents.get('/api/agent/tasks', login.body.token);
  expect(res.status).toBe(403);
  expect(res.body.error.code).toBe('forbidden');
});

it('gives the same answer for a wrong password and an unknown user, and names missing fields', async () => {
  const wrong = await product.agents.post('/api/agent/session', { username: agent.username, password: 'guess' });
  const unknown = await product.agents.post('/api/agent/session', { username: 'nobody', password: 'guess' });
  expect(wrong.status).toBe(401);
  expect(unknown.status).toBe(401);
  expect(wrong.body).toEqual(unknown.body);
  const missing = await product.agents.post('/api/agent/session', { username: '' });
  expect(missing.status).toBe(400);
  expect(Object.keys(missing.body.error.fields).sort()).toEqual(['password', 'username']);
});

it('sets an HttpOnly session cookie, stores only a hash of the token, and signs out', async () => {
  const login = await product.agents.post('/api/agent/session', { username: agent.username, password: agent.password });
  expect(login.headers.get('set-cookie')).toMatch(/pin_staff_session=.+HttpOnly.*SameSite=Strict/i);
  const sessions = await product.db.selectFrom('staff_sessions').select('token_hash').execute();
  expect(sessions.map((s) => s.token_hash)).not.toContain(login.body.token);
  expect((await product.agents.get('/api/agent/tasks', login.body.token)).status).toBe(200);
  expect((await product.agents.delete('/api/agent/session', login.body.token)).status).toBe(204);
  expect((await product.agents.get('/api/agent/tasks', login.body.token)).status).toBe(401);

  const actions = await product.db.selectFrom('audit_log').select('action').where('actor_type', '=', 'staff').execute();
  expect(actions.map((a) => a.action)).toEqual(expect.arrayContaining(['staff.signed_in', 'staff.signed_out']));
});

it('answers an unknown task id with 404 and a malformed one with 400', async () => {
  const { token } = (
    await product.agents.post('/api/agent/session', { username: agent.username, password: agent.password })
  ).body;
  expect(
    (await product.agents.post('/api/agent/tasks/7a0c1f8e-5d1b-4a55-9f0e-2b7d3c9a1e44/claim', {}, token)).status,
  ).toBe(409);
  expect((await product.agents.get('/api/agent/tasks/7a0c1f8e-5d1b-4a55-9f0e-2b7d3c9a1e44', token)).status).toBe(404);
  expect((await product.agents.get('/api/agent/tasks/42', token)).status).toBe(400);
});

it('pauses sign-in after repeated failures for a username, without locking out the others', async () => {
  const attempts = Number(product.config.STAFF_SIGN_IN_ATTEMPTS);
  for (let i = 0; i < attempts; i++)
    expect(
      (await product.agents.post('/api/agent/session', { username: 'agent.sala', password: `guess-${i}` })).status,
    ).toBe(401);
  const blocked = await product.agents.post('/api/agent/session', {
    username: 'agent.sala',
    password: 'demo-agent-2026',
  });
  expect(blocked.status).toBe(429);
  expect(blocked.body.error.code).toBe('too_many_attempts');
  const other = await product.agents.post('/api/agent/session', { username: agent.username, password: agent.password });
  expect(other.status).toBe(200);
});
