// A workflow of an attacker's own, run by a worker of theirs on a task queue of theirs: it asks the product's worker to
// run one of the product's steps, by name, with whatever input the attacker gives, as Temporal lets any workflow do.
import { proxyActivities } from '@temporalio/workflow';

export interface RogueStep {
  /** The product's task queue, where its worker takes activity tasks. */
  taskQueue: string;
  step: string;
  input: unknown;
}

export async function rogueWorkflow({ taskQueue, step, input }: RogueStep): Promise<unknown> {
  const steps = proxyActivities<Record<string, (input: unknown) => Promise<unknown>>>({
    taskQueue,
    startToCloseTimeout: '30 seconds',
    retry: { maximumAttempts: 1 },
  });
  return steps[step]!(input);
}
