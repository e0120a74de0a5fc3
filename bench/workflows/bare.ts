// The machine's limit beside the product's path (bench/temporal-work.ts): a workflow that runs one activity and ends,
// on the same dev server, codec and worker settings as the product's workflows.
import { proxyActivities } from '@temporalio/workflow';

const { touch } = proxyActivities<{ touch(id: string): Promise<string> }>({ startToCloseTimeout: '30 seconds' });

export async function bareWorkflow(id: string): Promise<string> {
  return touch(id);
}
