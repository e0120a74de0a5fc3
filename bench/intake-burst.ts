// Intake under a burst (issue 19): PIN requests at a fixed rate for a minute (50 a second by default), sent by a load
// process of its own to the citizen service running in a process of its own, as in production, while the pipeline
// behind it (worker, dev server, Postgres, the stand-ins) drains on the same two cores. Reports the answers' p50/p99
// (from each request's appointed time), what was stored, the backlog when the burst ends (the submissions not taken in
// yet wait in Postgres for room in Temporal, core/submission-starter.ts), and how long the pipeline
// then takes to deliver everything. With `--pipeline 0` the citizen service starts its workflows on a task queue no
// worker serves: the intake alone (its starter hands Temporal its budget of submissions, then waits), for comparison.
// `npm run bench:intake-burst [-- --rate 50 --seconds 60 --drain-minutes 15 --pipeline 1]`.
import { performance } from 'node:perf_hooks';
import { arg, loadProcess, startPart, withBenchProduct } from './harness';
import { cpuByPart, cpuSpent } from './cpu';
import { person } from './people';

const RATE = arg('rate', 50);
const SECONDS = arg('seconds', 60);
const DRAIN_MINUTES = arg('drain-minutes', 15);
const PIPELINE = arg('pipeline', 1) === 1;

interface FixedRateResult {
  calls: number;
  failures: number;
  sentPerSecond: number;
  latencyMs: { p50: string; p90: string; p99: string; max: string };
}

async function main() {
  await withBenchProduct(async (product, setting) => {
    const people = Array.from({ length: RATE * SECONDS }, (_, i) => person(i, false));
    for (let i = 0; i < people.length; i += 1000)
      await product.db
        .insertInto('persons')
        .values(people.slice(i, i + 1000).map((p) => p.registry))
        .execute();
    const citizen = await startPart(setting, 'citizen', PIPELINE ? {} : { TEMPORAL_TASK_QUEUE: 'bench-no-worker' });
    const count = async (status?: 'delivered') => {
      let query = product.db.selectFrom('pin_requests').select((eb) => eb.fn.countAll<string>().as('n'));
      if (status) query = query.where('status', '=', status);
      return Number((await query.executeTakeFirstOrThrow()).n);
    };
    try {
      const cpuBefore = cpuByPart();
      const started = performance.now();
      const burst = await loadProcess<FixedRateResult>({
        mode: 'intake',
        perSecond: RATE,
        citizenUrl: citizen.url,
        bodies: people.map((p) => p.request),
      });
      const burstSeconds = (performance.now() - started) / 1000;
      const waitingInPostgres = await product.db
        .selectFrom('submissions')
        .select((eb) => eb.fn.countAll<string>().as('n'))
        .where('taken_in_at', 'is', null)
        .executeTakeFirstOrThrow();
      const atEnd = {
        stored: await count(),
        delivered: await count('delivered'),
        submissionsNotTakenIn: Number(waitingInPostgres.n),
      };
      const cpuDuringBurst = cpuSpent(cpuBefore, cpuByPart(), people.length);
      let drainedAfterSeconds: number | undefined;
      const drainMs = (PIPELINE ? DRAIN_MINUTES : 0) * 60_000;
      for (const deadline = performance.now() + drainMs; performance.now() < deadline;) {
        if ((await count('delivered')) === people.length) {
          drainedAfterSeconds = Math.round((performance.now() - started) / 1000 - burstSeconds);
          break;
        }
        await new Promise((r) => setTimeout(r, 1_000));
      }
      console.log(
        JSON.stringify(
          {
            requests: people.length,
            perSecond: RATE,
            seconds: SECONDS,
            pipeline: PIPELINE ? 'draining behind the intake' : 'not running',
            answers: { ...burst, accepted: burst.calls - burst.failures },
            atEndOfBurst: { ...atEnd, backlog: people.length - atEnd.delivered },
            cpuMsPerRequestDuringBurst: cpuDuringBurst,
            drainedAfterSeconds: drainedAfterSeconds ?? `not within ${DRAIN_MINUTES} minutes`,
            deliveredPerSecondOverall: drainedAfterSeconds
              ? Number((people.length / (burstSeconds + drainedAfterSeconds)).toFixed(1))
              : undefined,
          },
          null,
          2,
        ),
      );
    } finally {
      await citizen.stop();
    }
  });
}

main().catch((err) => {
  console.error(err);
  process.exit(1);
});
