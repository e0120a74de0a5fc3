// Running workflows on the time-skipping test server against mocked activities: one worker on its own task queue,
// with the product's workflow bundle (built once by the global setup), for as long as the test body runs.
import { randomUUID } from 'node:crypto';
import type { TestWorkflowEnvironment } from '@temporalio/testing';
import { Worker } from '@temporalio/worker';

export async function withWorkflowWorker<T>(
  env: TestWorkflowEnvironment,
  activities: object,
  body: (taskQueue: string) => Promise<T>,
): Promise<T> {
  const taskQueue = `wf-${randomUUID()}`;
  const worker = await Worker.create({
    connection: env.nativeConnection,
    taskQueue,
    workflowBundle: { codePath: process.env.WORKER_WORKFLOW_BUNDLE! },
    activities,
  });
  return worker.runUntil(body(taskQueue));
}
