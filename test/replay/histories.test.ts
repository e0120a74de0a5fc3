// Replays recorded histories through today's workflow code: a change that breaks determinism for workflows
// already running fails here, before it reaches production.
import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { Worker } from '@temporalio/worker';

const dir = path.join(__dirname, 'histories');
const files = readdirSync(dir).filter((f) => f.endsWith('.json'));

it('has recorded histories to replay', () => {
  expect(files.map((f) => f.split('.')[0])).toEqual(
    expect.arrayContaining(['pin-request', 'lost-pin', 'credential-lifecycle', 'submission']),
  );
});

it('replays every recorded history without a determinism error', async () => {
  const histories = files.map((f) => ({ workflowId: f, history: JSON.parse(readFileSync(path.join(dir, f), 'utf8')) }));
  const results = [];
  for await (const result of Worker.runReplayHistories(
    { workflowBundle: { codePath: process.env.WORKER_WORKFLOW_BUNDLE! } },
    histories,
  )) {
    results.push(result);
  }
  expect(results.map((r) => [r.workflowId, r.error?.message])).toEqual(files.map((f) => [f, undefined]));
});
