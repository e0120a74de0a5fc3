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
  const env = await startTestServer();
  await registerSearchAttributes(env.client, env.namespace ?? 'default');
  return env;
}

/**
 * The SDK gives the test server, a JVM, a fixed 5 s to answer (sdk-core's ephemeral_server); on two cores busy with
 * the rest of the run it sometimes needs longer. Only that refusal is tried again; anything else fails at once.
 */
async function startTestServer(attempt = 1): Promise<TestWorkflowEnvironment> {
  try {
    return await TestWorkflowEnvironment.createTimeSkipping({
      server: { executable: { type: 'existing-path', path: TEST_SERVER } },
    });
  } catch (err) {
    if (attempt >= 3 || !/did not start within/.test(String(err))) throw err;
    return startTestServer(attempt + 1);
  }
}
