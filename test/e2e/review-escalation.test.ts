// A document review nobody decides within the configured time (2 days by default) is escalated: raised to high
// priority, flagged, first in the queue, and the escalation is audited. The whole product runs on Temporal's
// time-skipping test server, so the two days pass in seconds; a review decided in time is never escalated.
import type { TestWorkflowEnvironment } from '@temporalio/testing';
import { faxPdf, scannedPage } from '../support/fax';
import { pinDispositivoActions } from '../support/pin-dispositivo';
import { eventually, startTestProduct, type TestProduct } from '../support/product';
import { createTimeSkippingEnv } from '../support/time-skipping';

let env: TestWorkflowEnvironment;
let product: TestProduct;
let act: ReturnType<typeof pinDispositivoActions>;
beforeAll(async () => {
  env = await createTimeSkippingEnv();
  product = await startTestProduct({ TEMPORAL_ADDRESS: env.address });
  act = pinDispositivoActions(product);
});
afterAll(async () => {
  await product?.stop();
  await env?.teardown();
});

const HOUR = 3_600_000;

it('escalates a review still undecided after two days, and only that one', async () => {
  const agent = await act.staffToken('agent.neri');
  const returnDocuments = async (lastName: string) => {
    const citizen = await act.signedInCitizen(lastName);
    const { conversionId, requestCode } = (await product.citizen.post('/api/conversions', {}, citizen.token)).body;
    const uploaded = await act.uploadDocuments(citizen.token, conversionId, {
      signedForm: { bytes: await faxPdf({ qrText: requestCode }), name: 'form.pdf' },
      identityDocument: { bytes: scannedPage({}), name: 'id.jpg' },
    });
    expect(uploaded.status).toBe(202);
    return act.openTask(agent, 'document_review', conversionId);
  };
  const stale = await returnDocuments('Moretti');
  const decided = await returnDocuments('De Luca');
  expect(stale).toMatchObject({ priority: 'normal', escalatedAt: null });

  // A day later the second one is decided; the first is still waiting.
  await env.sleep(24 * HOUR);
  await product.agents.post(`/api/agent/tasks/${decided.taskId}/claim`, {}, agent);
  expect(
    (await product.agents.post(`/api/agent/tasks/${decided.taskId}/review`, { decision: 'approved' }, agent)).status,
  ).toBe(200);
  expect((await product.agents.get('/api/agent/tasks', agent)).body.tasks[0].priority).toBe('normal');

  // Two days and a bit after it arrived, the undecided review is escalated.
  await env.sleep(24 * HOUR + HOUR);
  const escalated = await eventually(async () => {
    const { tasks } = (await product.agents.get('/api/agent/tasks', agent)).body;
    return tasks.find((t: any) => t.taskId === stale.taskId && t.priority === 'high' && t.escalatedAt);
  });
  expect((await product.agents.get('/api/agent/tasks', agent)).body.tasks[0].taskId).toBe(escalated.taskId);
  const audit = await product.db
    .selectFrom('audit_log')
    .selectAll()
    .where('action', '=', 'document_review.escalated')
    .execute();
  expect(audit.map((a) => a.subject_id)).toEqual([stale.taskId]);
  const other = await product.db
    .selectFrom('agent_tasks')
    .selectAll()
    .where('id', '=', decided.taskId)
    .executeTakeFirstOrThrow();
  expect(other).toMatchObject({ priority: 'normal', escalated_at: null, status: 'completed' });
});
