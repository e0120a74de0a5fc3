// A product start that fails part way (here the worker refuses its workflow code, after the stand-ins and the sign-in
// stand-in are already listening) gives its error and leaves nothing running: a caller that outlives the failure, as
// a test or a benchmark does, is neither held open by half a product nor finds its ports taken.
import { mkdtempSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { portAnswers } from '../../infra/http';
import { freePort } from '../support/ports';
import { startTestProduct } from '../support/product';

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

  expect(await portAnswers(standIns)).toBe(false);
  expect(await portAnswers(signInStandIn)).toBe(false);
}, 60_000);
