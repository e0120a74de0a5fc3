// `npm start` owns its children (issue "Faults without consequences"): a second start on the same data folder is
// refused while the first runs; whatever way the first is killed (its whole process group, or the product alone),
// nothing it started outlives it, and the next start comes up clean; Ctrl-C stops everything in order.
import { spawn, type ChildProcess } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { freePort } from '../support/ports';
import { eventually } from '../support/product';

const ROOT = path.resolve(__dirname, '..', '..');
const TSX = path.join(ROOT, 'node_modules', '.bin', 'tsx');
let env: NodeJS.ProcessEnv;
let dataDir: string;

beforeAll(async () => {
  dataDir = path.join(mkdtempSync(path.join(process.env.TEST_DATA_DIR!, 'start-')), 'data');
  // Not the suite's Postgres and Temporal: `npm start` embeds its own.
  env = { ...process.env, NODE_ENV: 'development', LOG_LEVEL: 'warn', DATA_DIR: dataDir };
  for (const key of ['DATABASE_URL', 'DATABASE_MIGRATION_URL', 'TEMPORAL_ADDRESS']) delete env[key];
  for (const key of [
    'CITIZEN_PORT',
    'AGENT_PORT',
    'STANDINS_PORT',
    'OIDC_STANDIN_PORT',
    'CNS_PORT',
    'WORKER_HEALTH_PORT',
    'EMBEDDED_POSTGRES_PORT',
    'TEMPORAL_DEV_PORT',
    'TEMPORAL_UI_PORT',
  ])
    env[key] = String(await freePort());
});

interface Started {
  process: ChildProcess;
  output: () => string;
  exited: Promise<number | null>;
}

/** `npm start` as a terminal runs it: its own process group, which a Ctrl-C or a kill of the group reaches whole. */
function start(): Started {
  const child = spawn(TSX, ['app/start.ts'], { cwd: ROOT, env, detached: true, stdio: ['ignore', 'pipe', 'pipe'] });
  let output = '';
  child.stdout!.on('data', (d: Buffer) => (output += d.toString()));
  child.stderr!.on('data', (d: Buffer) => (output += d.toString()));
  return { process: child, output: () => output, exited: new Promise((r) => child.once('exit', (code) => r(code))) };
}

const running = (started: Started) =>
  eventually(async () => started.output().includes('is running'), 120_000).catch((err) => {
    throw new Error(`${String(err)}\n${started.output()}`);
  });

const pidIn = (file: string) => Number(readFileSync(file, 'utf8').split('\n')[0]);
const alive = (pid: number) => {
  try {
    process.kill(pid, 0);
    return true;
  } catch (err) {
    return (err as NodeJS.ErrnoException).code === 'EPERM';
  }
};

/** The processes a running start is made of: its supervisor, the product, and the embedded Temporal and Postgres. */
function processesOf() {
  return {
    supervisor: pidIn(path.join(dataDir, 'run', 'start.pid')),
    product: pidIn(path.join(dataDir, 'run', 'product.pid')),
    temporal: pidIn(path.join(dataDir, 'temporal', 'temporal.pid')),
    postgres: pidIn(path.join(dataDir, 'postgres', 'postmaster.pid')),
  };
}

const allGone = (pids: Record<string, number>) =>
  eventually(async () => Object.values(pids).every((pid) => !alive(pid)), 40_000).catch(() => {
    throw new Error(`still running: ${JSON.stringify(Object.entries(pids).filter(([, pid]) => alive(pid)))}`);
  });

it('refuses a second start, survives the kill of its group or of the product, and stops in order on Ctrl-C', async () => {
  const first = start();
  await running(first);
  const firstProcesses = processesOf();
  // The banner names the demo staff, never their passwords.
  expect(first.output()).toContain('agent.neri');
  expect(first.output()).not.toMatch(/demo-(agent|supervisor|operator|ops)-2026/);

  const second = start();
  expect(await second.exited).toBe(1);
  expect(second.output()).toMatch(/already running from .* \(pid \d+\)/);

  // The whole group killed, as a closed terminal or a `kill -9 -- -pgid` does: nothing is left behind.
  process.kill(-first.process.pid!, 'SIGKILL');
  await allGone(firstProcesses);

  // The next start comes up clean; this time only the product is killed: its supervisor stops what it left.
  const third = start();
  await running(third);
  const thirdProcesses = processesOf();
  expect(thirdProcesses.temporal).not.toBe(firstProcesses.temporal);
  process.kill(thirdProcesses.product, 'SIGKILL');
  await allGone(thirdProcesses);
  expect(await third.exited).not.toBe(0);

  // Ctrl-C reaches the whole group: the product drains and stops, then Temporal and Postgres, and the folder is free.
  const fourth = start();
  await running(fourth);
  const fourthProcesses = processesOf();
  process.kill(-fourth.process.pid!, 'SIGINT');
  expect(await fourth.exited).toBe(0);
  expect(fourth.output()).toMatch(/Stopping…[\s\S]*Stopped\./);
  expect(fourth.output()).not.toMatch(/"level":50/);
  await allGone(fourthProcesses);
  expect(existsSync(path.join(dataDir, 'run', 'start.pid'))).toBe(false);
}, 400_000);
