// An agent's verification call as the console places it (click-to-call through the Twilio stand-in), and the
// citizen's phone answering it or not: an outcome can be recorded only after such a call.
import { eventually, type TestProduct } from './product';

type PhoneAnswer = 'answer' | 'no-answer' | 'busy';

/** Places a call on the claimed task, has the citizen's phone do `answer` (and hang up after), waits for its end. */
export async function callCitizen(
  product: Pick<TestProduct, 'agents' | 'standIns'>,
  taskId: string,
  token: string,
  answer: PhoneAnswer = 'answer',
): Promise<void> {
  const citizenLegs = async () =>
    ((await (await fetch(`${product.standIns}/dev/calls.json`)).json()) as { calls: any[] }).calls.filter(
      (c) => c.leg === 'citizen',
    );
  const before = new Set((await citizenLegs()).map((c) => c.sid));
  const placed = await product.agents.post(`/api/agent/tasks/${taskId}/calls`, {}, token);
  expect(placed.status).toBe(201);
  const phone = (sid: string, action: string) =>
    fetch(`${product.standIns}/dev/calls/${sid}/${action}`, {
      method: 'POST',
      headers: { accept: 'application/json' },
    });
  const ringing = await eventually(async () =>
    (await citizenLegs()).find((c) => !before.has(c.sid) && c.status === 'ringing'),
  );
  await phone(ringing.sid, answer);
  const callNow = async () =>
    (await product.agents.get(`/api/agent/tasks/${taskId}`, token)).body.callHistory
      .flatMap((a: any) => a.calls)
      .find((c: any) => c.callId === placed.body.callId);
  if (answer === 'answer') {
    await eventually(async () => (await callNow())?.status === 'answered');
    await phone(ringing.sid, 'hang-up');
  }
  await eventually(async () => ['completed', 'busy', 'no_answer', 'failed'].includes((await callNow())?.status));
}

/** The caller states the residence INPS holds (read here from the registry, as the real citizen would know it). */
export async function confirmResidence(
  product: Pick<TestProduct, 'agents' | 'db'>,
  taskId: string,
  token: string,
): Promise<void> {
  const person = await product.db
    .selectFrom('agent_tasks')
    .innerJoin('pin_requests', 'pin_requests.id', 'agent_tasks.pin_request_id')
    .innerJoin('persons', 'persons.fiscal_code', 'pin_requests.fiscal_code')
    .select(['persons.street', 'persons.postal_code', 'persons.city'])
    .where('agent_tasks.id', '=', taskId)
    .executeTakeFirstOrThrow();
  const res = await product.agents.post(
    `/api/agent/tasks/${taskId}/answers`,
    { residence: { street: person.street, postalCode: person.postal_code, city: person.city } },
    token,
  );
  expect(res.body.checks).toEqual({ residence: 'matches' });
}

/** A verification task worked to its end: claimed, the citizen called, the outcome recorded. */
export async function workVerificationTask(
  product: Pick<TestProduct, 'agents' | 'db' | 'standIns'>,
  taskId: string,
  outcome: 'verified' | 'not_verified' | 'no_answer',
  token: string,
) {
  expect((await product.agents.post(`/api/agent/tasks/${taskId}/claim`, {}, token)).status).toBe(200);
  await callCitizen(product, taskId, token, outcome === 'no_answer' ? 'no-answer' : 'answer');
  if (outcome === 'verified') await confirmResidence(product, taskId, token);
  const note = outcome === 'not_verified' ? 'Could not confirm the birth data' : undefined;
  return product.agents.post(`/api/agent/tasks/${taskId}/outcome`, { outcome, note }, token);
}
