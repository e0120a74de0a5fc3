// A product start that fails part way (here the worker refuses its workflow code, after the stand-ins and the sign-in
// stand-in are already listening) gives its error and leaves nothing running: a caller that outlives the failure, as
// a test or a benchmark does, is neither held open by half a product nor finds its ports taken.
import { mkdtempSync, writeFileSync } from 'node:fs';
import { connect } from 'node:net';
import path from 'node:path';
import { freePort } from '../support/ports';
import { startTestProduct } from '../support/product';

/** Whether anything still accepts connections on this loopback port. */
const answers = (port: number) =>
  new Promise<boolean>((resolve) => {
    const socket = connect(port, '127.0.0.1');
    socket.once('connect', () => {
      socket.destroy();
      resolve(true);
    });
    socket.once('error', () => resolve(false));
  });

it('stops what it had started when its worker is refused, and says why', async () => {
  const dir = mkdtempSync(path.join(process.env.TEST_DATA_DIR!, 'product-start-'));
  const notCode = path.join(dir, 'not-workflow-code.js');
  writeFileSync(notCode, 'this is not a workflow bundle {');
  const standIns = await freePort();
  const signInStandIn = await freePort();

  await expect(
    startTestProduct({
      WORKER_WORKFLOW_BUNDLE: notCode,
      STANDINS_PORT: String(standIns),
      OIDC_STANDIN_PORT: String(signInStandIn),
    }),
  ).rejects.toThrow(/Workflow Bundle/);

  expect(await answers(standIns)).toBe(false);
  expect(await answers(signInStandIn)).toBe(false);
}, 60_000);
