// The Temporal worker: runs every workflow and the activities built from the product's clients.
import { Worker, type NativeConnection, type WorkerOptions, type WorkflowBundleOption } from '@temporalio/worker';
import type { DataConverter } from '@temporalio/common';
import { createActivities, type ActivityDependencies } from '../activities';
import { logger } from '../infra/logger';
import type { Config } from '../infra/config';
import { WORKFLOWS_PATH } from './workflow-bundle';

/**
 * The worker process's V8 old-space ceiling (`node --max-old-space-size`), in MiB: the image starts it with this
 * (Dockerfile). With no ceiling V8 lets the heap grow with the pace of work and keeps what it took; with 20,000
 * lifecycles asleep the worker held 502 MiB without it and 398 MiB with it, at the same rate (bench/README.md,
 * sleeping lifecycles). Images and PDFs in Buffers and the Rust core's own memory are outside the V8 heap and not
 * bounded by it.
 */
export const WORKER_HEAP_CEILING_MIB = 256;

/** The Node flag that sets that ceiling, for whatever starts a worker process (the image, the fault tests, the benchmark). */
export const workerHeapFlag = (mib: number = WORKER_HEAP_CEILING_MIB) => `--max-old-space-size=${mib}`;

export type WorkerSizing = Pick<
  Config,
  | 'WORKER_MAX_CACHED_WORKFLOWS'
  | 'WORKER_MAX_CONCURRENT_WORKFLOW_TASKS'
  | 'WORKER_MAX_CONCURRENT_ACTIVITIES'
  | 'WORKER_MAX_CONCURRENT_LOCAL_ACTIVITIES'
  | 'WORKER_WORKFLOW_TASK_POLLS'
  | 'WORKER_ACTIVITY_TASK_POLLS'
>;

const pollerBehavior = (polls: number | 'autoscaling'): WorkerOptions['workflowTaskPollerBehavior'] =>
  polls === 'autoscaling' ? { type: 'autoscaling' } : { type: 'simple-maximum', maximum: polls };

export async function createWorker(opts: {
  connection: NativeConnection;
  namespace: string;
  taskQueue: string;
  deps: ActivityDependencies;
  /** Encrypts payloads (infra/payload-codec.ts). */
  dataConverter: DataConverter;
  /** A prebuilt bundle (app/workflow-bundle.ts); otherwise the workflows folder is bundled at start-up. */
  workflowBundle?: WorkflowBundleOption;
  /** WORKER_MAX_* (infra/config.ts). */
  sizing: WorkerSizing;
}): Promise<Worker> {
  return Worker.create({
    connection: opts.connection,
    namespace: opts.namespace,
    taskQueue: opts.taskQueue,
    ...(opts.workflowBundle ? { workflowBundle: opts.workflowBundle } : { workflowsPath: WORKFLOWS_PATH }),
    activities: createActivities(opts.deps),
    dataConverter: opts.dataConverter,
    maxCachedWorkflows: opts.sizing.WORKER_MAX_CACHED_WORKFLOWS,
    maxConcurrentWorkflowTaskExecutions: opts.sizing.WORKER_MAX_CONCURRENT_WORKFLOW_TASKS,
    maxConcurrentActivityTaskExecutions: opts.sizing.WORKER_MAX_CONCURRENT_ACTIVITIES,
    maxConcurrentLocalActivityExecutions: opts.sizing.WORKER_MAX_CONCURRENT_LOCAL_ACTIVITIES,
    workflowTaskPollerBehavior: pollerBehavior(opts.sizing.WORKER_WORKFLOW_TASK_POLLS),
    activityTaskPollerBehavior: pollerBehavior(opts.sizing.WORKER_ACTIVITY_TASK_POLLS),
    // On a stop, the activities in flight (a message being sent, a letter being handed over) get this long to finish
    // before they are cancelled; whatever is cut short is retried by the next worker, and leaves once (sendOnce).
    shutdownGraceTime: '20 seconds',
  }).then((worker) => {
    logger.debug({ taskQueue: opts.taskQueue }, 'worker ready');
    return worker;
  });
}
