// The worker process's start-up as the production image runs it: its workflow code prebuilt (WORKER_WORKFLOW_BUNDLE)
// and its heap under a ceiling. A bundle that is not there, or is not workflow code, stops the start with a message
// that says so, before the worker has started or scheduled anything. The fault tests run every worker they start on
// the suite's bundle, with the ceiling.
import { spawn } from 'node:child_process';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { workerHeapFlag } from '../../app/worker';
import { PENDING_PROCESS_SWEEP_SCHEDULE_ID } from '../../core/schedules';
import { loadConfig } from '../../infra/config';
import { connectClient } from '../../infra/temporal';
import { freePort } from '../support/ports';

const ROOT = path.resolve(__dirname, '..', '..');

/** `app/worker-main.ts` as production starts it; resolves with its exit code and everything it printed. */
function startWorker(env: NodeJS.ProcessEnv): Promise<{ code: number | null; output: string }> {
  const child = spawn(process.execPath, ['--import', 'tsx', 'app/worker-main.ts'], {
    cwd: ROOT,
    env: { PATH: process.env.PATH, HOME: process.env.HOME, NODE_ENV: 'test', LOG_LEVEL: 'warn', ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let output = '';
  child.stdout.on('data', (d: Buffer) => (output += d.toString()));
  child.stderr.on('data', (d: Buffer) => (output += d.toString()));
  return new Promise((resolve) => child.once('exit', (code) => resolve({ code, output })));
}

let dir: string;
beforeAll(() => {
  dir = mkdtempSync(path.join(process.env.TEST_DATA_DIR!, 'worker-start-'));
});

it('refuses a bundle that is not there, naming the setting, before it reaches the database', async () => {
  const missing = path.join(dir, 'no-such-bundle.js');
  // Nothing listens on this port: a worker that went to the database first would fail on the connection instead.
  const nowhere = `postgres://pin:pin@127.0.0.1:${await freePort()}/pin`;
  const { code, output } = await startWorker({
    DATA_DIR: dir,
    WORKER_WORKFLOW_BUNDLE: missing,
    DATABASE_URL: nowhere,
    DATABASE_MIGRATION_URL: nowhere,
    TEMPORAL_ADDRESS: `127.0.0.1:${await freePort()}`,
  });
  expect(code).toBe(1);
  expect(output).toContain(`WORKER_WORKFLOW_BUNDLE names ${missing}, which cannot be read`);
  expect(output).toContain('npm run build:workflows');
  expect(output).not.toMatch(/ECONNREFUSED/);
}, 60_000);

it('refuses a bundle that is not workflow code, before it starts or schedules anything', async () => {
  const notCode = path.join(dir, 'not-workflow-code.js');
  writeFileSync(notCode, 'this is not a workflow bundle {');
  const taskQueue = `worker-start-${Date.now()}`;
  const { code, output } = await startWorker({
    DATA_DIR: dir,
    WORKER_WORKFLOW_BUNDLE: notCode,
    DATABASE_URL: process.env.DATABASE_URL,
    DATABASE_MIGRATION_URL: process.env.DATABASE_MIGRATION_URL,
    TEMPORAL_ADDRESS: process.env.TEMPORAL_ADDRESS,
    PAYLOAD_CODEC_KEYS: process.env.PAYLOAD_CODEC_KEYS,
    TEMPORAL_TASK_QUEUE: taskQueue,
    WORKER_HEALTH_PORT: String(await freePort()),
  });
  expect(code).toBe(1);
  // The SDK's own refusal of the file (its source map is the first thing it looks for).
  expect(output).toMatch(/Workflow Bundle/);
  // A worker that went on would have pointed the suite's sweeps at its task queue (core/schedules.ts).
  const temporal = await connectClient(loadConfig(), process.env.TEMPORAL_ADDRESS!);
  try {
    const sweep = await temporal.schedule
      .getHandle(PENDING_PROCESS_SWEEP_SCHEDULE_ID)
      .describe()
      .catch(() => undefined);
    expect(sweep?.action.taskQueue).not.toBe(taskQueue);
  } finally {
    await temporal.connection.close();
  }
}, 60_000);

it('is started by the production image with the heap ceiling the benchmark measured, on the prebuilt bundle', () => {
  const dockerfile = readFileSync(path.join(ROOT, 'Dockerfile'), 'utf8');
  const command = JSON.parse(/^CMD (.+)$/m.exec(dockerfile)![1]!) as string[];
  expect(command).toEqual(['node', workerHeapFlag(), '--import', 'tsx', 'app/worker-main.ts']);
  expect(dockerfile).toMatch(/^ENV WORKER_WORKFLOW_BUNDLE=\/app\/dist\/workflow-bundle\.js$/m);
  expect(dockerfile).toMatch(/^RUN npx tsx app\/workflow-bundle\.ts \/app\/dist\/workflow-bundle\.js$/m);
  // docker-compose runs the worker on the image's command: a command of its own there would drop the ceiling.
  const compose = readFileSync(path.join(ROOT, 'docker-compose.yml'), 'utf8');
  const workerService = /^ {2}worker:\n((?: {4}.*\n|\s*\n)+)/m.exec(compose)![1]!;
  expect(workerService).toContain('<<: *app');
  expect(workerService).not.toMatch(/^ {4}command:/m);
});
