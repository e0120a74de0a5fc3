// The Temporal worker: runs every workflow and the activities built from the product's clients.
import { Worker, type NativeConnection, type WorkflowBundleOption } from '@temporalio/worker';
import type { DataConverter } from '@temporalio/common';
import { createActivities, type ActivityDependencies } from '../activities';
import { logger } from '../infra/logger';
import type { Config } from '../infra/config';

export type WorkerSizing = Pick<
  Config,
  | 'WORKER_MAX_CACHED_WORKFLOWS'
  | 'WORKER_MAX_CONCURRENT_WORKFLOW_TASKS'
  | 'WORKER_MAX_CONCURRENT_ACTIVITIES'
  | 'WORKER_MAX_CONCURRENT_LOCAL_ACTIVITIES'
>;

export async function createWorker(opts: {
  connection: NativeConnection;
  namespace: string;
  taskQueue: string;
  deps: ActivityDependencies;
  /** Encrypts payloads (infra/payload-codec.ts). */
  dataConverter: DataConverter;
  /** A prebuilt bundle (tests build it once); otherwise the workflows folder is bundled at start-up. */
  workflowBundle?: WorkflowBundleOption;
  /** WORKER_MAX_* (infra/config.ts). */
  sizing: WorkerSizing;
}): Promise<Worker> {
  return Worker.create({
    connection: opts.connection,
    namespace: opts.namespace,
    taskQueue: opts.taskQueue,
    ...(opts.workflowBundle
      ? { workflowBundle: opts.workflowBundle }
      : { workflowsPath: require.resolve('../workflows') }),
    activities: createActivities(opts.deps),
    dataConverter: opts.dataConverter,
    maxCachedWorkflows: opts.sizing.WORKER_MAX_CACHED_WORKFLOWS,
    maxConcurrentWorkflowTaskExecutions: opts.sizing.WORKER_MAX_CONCURRENT_WORKFLOW_TASKS,
    maxConcurrentActivityTaskExecutions: opts.sizing.WORKER_MAX_CONCURRENT_ACTIVITIES,
    maxConcurrentLocalActivityExecutions: opts.sizing.WORKER_MAX_CONCURRENT_LOCAL_ACTIVITIES,
    // On a stop, the activities in flight (a message being sent, a letter being handed over) get this long to finish
    // before they are cancelled; whatever is cut short is retried by the next worker, and leaves once (sendOnce).
    shutdownGraceTime: '20 seconds',
  }).then((worker) => {
    logger.debug({ taskQueue: opts.taskQueue }, 'worker ready');
    return worker;
  });
}
