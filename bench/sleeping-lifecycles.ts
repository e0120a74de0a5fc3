// What the PINs at rest cost: N credential lifecycles started (each begins its term and sleeps until its reminder),
// the rate they start at, the memory of the worker that runs them (a worker process of its own, as in production, on
// a task queue of its own) with them asleep, and the dev server's database bytes per lifecycle.
// `npm run bench:lifecycles [-- --lifecycles 20000 --concurrency 32 --bundle-at-start --worker-heap-mib 0]`.
// Loopback only.
import { randomUUID } from 'node:crypto';
import { statSync } from 'node:fs';
import path from 'node:path';
import { performance } from 'node:perf_hooks';
import { startCredentialLifecycle } from '../core/credential-lifecycle-processes';
import { readFileSync } from 'node:fs';
import { WORKER_HEAP_CEILING_MIB, workerHeapFlag } from '../app/worker';
import { arg, measure, startPart, withBenchProduct } from './harness';

const LIFECYCLES = arg('lifecycles', 20_000);
/** The worker bundles the workflows itself at start-up, as it did before the image prebuilt them: for a comparison. */
const BUNDLE_AT_START = process.argv.includes('--bundle-at-start');
/** The worker's V8 old-space ceiling in MiB: the image's by default; 0 for none, as before the image set one. */
const WORKER_HEAP_MIB = arg('worker-heap-mib', WORKER_HEAP_CEILING_MIB);
const CONCURRENCY = arg('concurrency', 32);
const MB = 1024 * 1024;

/** The dev server's SQLite database with its write-ahead log: what its persistence holds. */
function temporalBytes(dataDir: string): number {
  return ['temporal.sqlite', 'temporal.sqlite-wal']
    .map((f) => path.join(dataDir, 'temporal', f))
    .reduce((sum, f) => {
      try {
        return sum + statSync(f).size;
      } catch {
        return sum;
      }
    }, 0);
}

/** Resident memory of a process, from Linux's /proc. */
const rssOf = (pid: number) => Number(/VmRSS:\s+(\d+) kB/.exec(readFileSync(`/proc/${pid}/status`, 'utf8'))![1]) * 1024;

const QUEUE = 'bench-lifecycles';

async function main() {
  await withBenchProduct(async (product, setting) => {
    const config = { ...setting.config, TEMPORAL_TASK_QUEUE: QUEUE };
    const worker = await startPart(setting, 'worker', {
      TEMPORAL_TASK_QUEUE: QUEUE,
      ...(BUNDLE_AT_START && { WORKER_WORKFLOW_BUNDLE: undefined }),
      ...(WORKER_HEAP_MIB > 0 && { NODE_OPTIONS: workerHeapFlag(WORKER_HEAP_MIB) }),
    });
    const persons = await product.db.selectFrom('persons').select('id').execute();
    const ids = Array.from({ length: LIFECYCLES }, () => randomUUID());
    for (let i = 0; i < ids.length; i += 1000)
      await product.db
        .insertInto('credentials')
        .values(
          ids.slice(i, i + 1000).map((id, j) => ({
            id,
            person_id: persons[(i + j) % persons.length]!.id,
            kind: 'ordinario' as const,
            status: 'active' as const,
            pin_hash: 'not-a-real-hash',
            pin_length: 8,
            pin_request_id: null,
          })),
        )
        .execute();
    const rssBefore = rssOf(worker.pid);
    const bytesBefore = temporalBytes(config.DATA_DIR);
    const started = performance.now();
    const starts = await measure(LIFECYCLES, CONCURRENCY, async (i) => {
      await startCredentialLifecycle(product.temporal, config, ids[i]!);
      return true;
    });
    // Asleep: every term written (the first workflow task of each lifecycle has run).
    for (;;) {
      const { waiting } = await product.db
        .selectFrom('credentials')
        .select((eb) => eb.fn.countAll<string>().as('waiting'))
        .where('id', 'in', ids)
        .where('expires_at', 'is', null)
        .executeTakeFirstOrThrow();
      if (Number(waiting) === 0) break;
      await new Promise((r) => setTimeout(r, 500));
    }
    const seconds = (performance.now() - started) / 1000;
    await new Promise((r) => setTimeout(r, 5_000));
    const rssAfter = rssOf(worker.pid);
    await worker.stop();
    const bytesAfter = temporalBytes(config.DATA_DIR);
    console.log(
      JSON.stringify(
        {
          lifecycles: LIFECYCLES,
          concurrency: CONCURRENCY,
          startsPerSecond: starts.throughputPerSecond,
          asleepPerSecond: Number((LIFECYCLES / seconds).toFixed(1)),
          startLatencyMs: starts.latencyMs,
          workerRssMiB: { before: Math.round(rssBefore / MB), asleep: Math.round(rssAfter / MB) },
          workerCachedWorkflows: config.WORKER_MAX_CACHED_WORKFLOWS,
          workflowCode: BUNDLE_AT_START ? 'bundled at start-up' : 'prebuilt bundle',
          workerHeapMiB: WORKER_HEAP_MIB || 'no ceiling',
          devServerBytesPerLifecycle: Math.round((bytesAfter - bytesBefore) / LIFECYCLES),
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
