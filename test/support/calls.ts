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
  const placed = await product.agents.post(`/api/agent/tasks/${taskId}/calls`, {}, token);
  expect(placed.status).toBe(201);
  const phone = (sid: string, action: string) =>
    fetch(`${product.standIns}/dev/calls/${sid}/${action}`, {
      method: 'POST',
      headers: { accept: 'application/json' },
    });
  const ringing = await eventually(async () => {
    const { calls } = (await (await fetch(`${product.standIns}/dev/calls.json`)).json()) as { calls: any[] };
    return calls.find((c) => c.leg === 'citizen' && c.status === 'ringing');
  });
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
