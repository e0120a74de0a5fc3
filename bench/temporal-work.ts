// How much Temporal work a PIN request costs, and what the machine could do instead: the product's online path (to a
// delivered PIN, and to an open agent task) measured beside a bare workflow with one activity on the same dev server,
// codec and worker settings, interleaved in one run, with the ratio. Histories are read back from the dev server to
// count events, workflow tasks and activities per request. `npm run bench:temporal [-- --requests 200 --concurrency 16]`.
import { performance } from 'node:perf_hooks';
import { Worker } from '@temporalio/worker';
import { temporal } from '@temporalio/proto';
import { connectWorker } from '../infra/temporal';
import { payloadDataConverter } from '../infra/payload-codec';
import type { Product } from '../app/stack';
import { arg, measure, withBenchProduct } from './harness';
import { cpuByPart, cpuSpent } from './cpu';
import { person } from './people';

const REQUESTS = arg('requests', 200);
const CONCURRENCY = arg('concurrency', 16);
const SAMPLE = 5;
const EventType = temporal.api.enums.v1.EventType;

type Until = 'delivered' | 'awaiting_verification_call';

/** Online requests at the given concurrency, then the wait until every one has reached `until`: the sustained rate. */
async function productRound(product: Product, first: number, until: Until) {
  const people = Array.from({ length: REQUESTS }, (_, i) => person(first + i, until !== 'delivered'));
  await product.db
    .insertInto('persons')
    .values(people.map((p) => p.registry))
    .execute();
  const fiscalCodes = people.map((p) => p.registry.fiscal_code);
  const cpuBefore = cpuByPart();
  const started = performance.now();
  const intake = await measure(REQUESTS, CONCURRENCY, async (i) => {
    const res = await fetch(`${product.urls.citizen}/api/pin-requests`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: people[i]!.request,
    });
    await res.arrayBuffer();
    return res.status === 202;
  });
  const backlogAfterIntake = REQUESTS - (await reached(product, fiscalCodes, until)).length;
  for (;;) {
    if ((await reached(product, fiscalCodes, until)).length === REQUESTS) break;
    await new Promise((r) => setTimeout(r, 100));
  }
  const seconds = (performance.now() - started) / 1000;
  const cpuMsPerRequest = cpuSpent(cpuBefore, cpuByPart(), REQUESTS);
  const requestIds = (await reached(product, fiscalCodes, until)).slice(0, SAMPLE);
  return {
    perSecond: REQUESTS / seconds,
    intake,
    backlogAfterIntake,
    cpuMsPerRequest,
    work: await workPerRequest(product, requestIds),
  };
}

const reached = async (product: Product, fiscalCodes: string[], until: Until) =>
  (
    await product.db
      .selectFrom('pin_requests')
      .select('id')
      .where('fiscal_code', 'in', fiscalCodes)
      .where('status', '=', until)
      .execute()
  ).map((r) => r.id);

/** Every process of a request (found by its RequestId search attribute), its history read back and counted. */
async function workPerRequest(product: Product, requestIds: string[]) {
  const totals = { events: 0, workflowTasks: 0, activities: 0, localActivities: 0, workflows: 0 };
  const byType = new Map<string, number>();
  const tasksByType = new Map<string, number>();
  for (const requestId of requestIds) {
    // Visibility lags a little behind the workflows themselves.
    await new Promise((r) => setTimeout(r, 1500));
    for await (const wf of product.temporal.workflow.list({ query: `RequestId = "${requestId}"` })) {
      const history = await product.temporal.workflow.getHandle(wf.workflowId, wf.runId).fetchHistory();
      const events = history.events ?? [];
      const count = (type: number) => events.filter((e) => e.eventType === type).length;
      totals.workflows++;
      totals.events += events.length;
      totals.workflowTasks += count(EventType.EVENT_TYPE_WORKFLOW_TASK_COMPLETED);
      totals.activities += count(EventType.EVENT_TYPE_ACTIVITY_TASK_SCHEDULED);
      totals.localActivities += events.filter(
        (e) =>
          e.eventType === EventType.EVENT_TYPE_MARKER_RECORDED &&
          e.markerRecordedEventAttributes?.markerName === 'core_local_activity',
      ).length;
      byType.set(wf.type, (byType.get(wf.type) ?? 0) + events.length);
      tasksByType.set(wf.type, (tasksByType.get(wf.type) ?? 0) + count(EventType.EVENT_TYPE_WORKFLOW_TASK_COMPLETED));
    }
  }
  const per = (n: number) => Number((n / requestIds.length).toFixed(1));
  return {
    workflows: per(totals.workflows),
    historyEvents: per(totals.events),
    workflowTasks: per(totals.workflowTasks),
    activities: per(totals.activities),
    localActivities: per(totals.localActivities),
    eventsByWorkflow: Object.fromEntries([...byType].map(([type, n]) => [type, per(n)])),
    workflowTasksByWorkflow: Object.fromEntries([...tasksByType].map(([type, n]) => [type, per(n)])),
  };
}

/** The bare limit: REQUESTS one-activity workflows started at the same concurrency, each to its end. */
async function bareRound(product: Product, round: number) {
  const cpuBefore = cpuByPart();
  const started = performance.now();
  await measure(REQUESTS, CONCURRENCY, async (i) => {
    const id = `bare-${round}-${i}`;
    const result = await product.temporal.workflow.execute('bareWorkflow', {
      taskQueue: BARE_QUEUE,
      workflowId: id,
      args: [id],
    });
    return result === id;
  });
  return {
    perSecond: REQUESTS / ((performance.now() - started) / 1000),
    cpuMsPerWorkflow: cpuSpent(cpuBefore, cpuByPart(), REQUESTS),
  };
}

const BARE_QUEUE = 'bench-bare';

async function main() {
  await withBenchProduct(async (product, { config, temporalAddress }) => {
    const worker = await Worker.create({
      connection: await connectWorker(config, temporalAddress),
      namespace: config.TEMPORAL_NAMESPACE,
      taskQueue: BARE_QUEUE,
      workflowsPath: require.resolve('./workflows/bare'),
      activities: { touch: async (id: string) => id },
      dataConverter: payloadDataConverter(config),
    });
    const running = worker.run();
    const bare: Awaited<ReturnType<typeof bareRound>>[] = [];
    bare.push(await bareRound(product, 1));
    const delivered = await productRound(product, 0, 'delivered');
    bare.push(await bareRound(product, 2));
    const agentTask = await productRound(product, 10_000, 'awaiting_verification_call');
    bare.push(await bareRound(product, 3));
    worker.shutdown();
    await running;

    const bareRate = bare.reduce((a, b) => a + b.perSecond, 0) / bare.length;
    const row = (name: string, r: Awaited<ReturnType<typeof productRound>>) => ({
      path: name,
      perSecond: Number(r.perSecond.toFixed(1)),
      ratioToBare: Number((r.perSecond / bareRate).toFixed(2)),
      intakeP50ms: r.intake.latencyMs.p50,
      intakeP99ms: r.intake.latencyMs.p99,
      backlogAfterIntake: r.backlogAfterIntake,
      cpuMsPerRequest: r.cpuMsPerRequest,
      ...r.work,
    });
    console.log(
      JSON.stringify(
        {
          requests: REQUESTS,
          concurrency: CONCURRENCY,
          bareOneActivityWorkflowPerSecond: bare.map((b) => Number(b.perSecond.toFixed(1))),
          bareCpuMsPerWorkflow: bare.map((b) => b.cpuMsPerWorkflow),
          paths: [row('online request → delivered PIN', delivered), row('online request → agent task', agentTask)],
        },
        null,
        2,
      ),
    );
  });
}

main().catch((err) => {
  console.error(err);
  process.exit(1);
});
