// An agent's verification call as the console places it (click-to-call through the Twilio stand-in), and the
// citizen's phone answering it or not: an outcome can be recorded only after such a call.
import { eventually, type TestProduct } from './product';

type PhoneAnswer = 'answer' | 'no-answer' | 'busy';

const citizenLegs = async (product: Pick<TestProduct, 'standIns'>) =>
  ((await (await fetch(`${product.standIns}/dev/calls.json`)).json()) as { calls: any[] }).calls.filter(
    (c) => c.leg === 'citizen',
  );
const phone = (product: Pick<TestProduct, 'standIns'>, sid: string, action: string) =>
  fetch(`${product.standIns}/dev/calls/${sid}/${action}`, { method: 'POST', headers: { accept: 'application/json' } });

/** The citizen's phone, as its dev page works it: the next call ringing on it (none of `seen`) is met with `answer`. */
export async function citizenPhoneDoes(
  product: Pick<TestProduct, 'standIns'>,
  answer: PhoneAnswer,
  seen: ReadonlySet<string> = new Set(),
): Promise<string> {
  const ringing = await eventually(async () =>
    (await citizenLegs(product)).find((c) => !seen.has(c.sid) && c.status === 'ringing'),
  );
  await phone(product, ringing.sid, answer);
  return ringing.sid;
}

/** The calls the citizen's phone has had so far: what `citizenPhoneDoes` must not take for the next one. */
export const callsSoFar = async (product: Pick<TestProduct, 'standIns'>) =>
  new Set((await citizenLegs(product)).map((c) => c.sid as string));

/** Places a call on the claimed task, has the citizen's phone do `answer` (and hang up after), waits for its end. */
export async function callCitizen(
  product: Pick<TestProduct, 'agents' | 'standIns'>,
  taskId: string,
  token: string,
  answer: PhoneAnswer = 'answer',
): Promise<void> {
  const before = await callsSoFar(product);
  const placed = await product.agents.post(`/api/agent/tasks/${taskId}/calls`, {}, token);
  expect(placed.status).toBe(201);
  const sid = await citizenPhoneDoes(product, answer, before);
  const callNow = async () =>
    (await product.agents.get(`/api/agent/tasks/${taskId}`, token)).body.callHistory
      .flatMap((a: any) => a.calls)
      .find((c: any) => c.callId === placed.body.callId);
  if (answer === 'answer') {
    await eventually(async () => (await callNow())?.status === 'answered');
    await phone(product, sid, 'hang-up');
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
