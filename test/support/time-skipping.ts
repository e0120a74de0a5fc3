// Temporal's time-skipping test environment on the official Java test server (installed by the test command).
import path from 'node:path';
import { TestWorkflowEnvironment } from '@temporalio/testing';
import { registerSearchAttributes } from '../../infra/temporal';

export const TEST_SERVER = path.resolve(
  __dirname,
  '..',
  '..',
  '.tools',
  'temporal-test-server',
  'temporal-test-server',
);

/** The environment, with the product's search attributes registered as on a real cluster. */
export async function createTimeSkippingEnv(): Promise<TestWorkflowEnvironment> {
  const env = await TestWorkflowEnvironment.createTimeSkipping({
    server: { executable: { type: 'existing-path', path: TEST_SERVER } },
  });
  await registerSearchAttributes(env.client, env.namespace ?? 'default');
  return env;
}
