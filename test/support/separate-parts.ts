// The product's parts as separate processes, the way production runs them, so a fault test can kill any one of them
// with SIGKILL and start it again: Postgres and the Temporal dev server (their own data, not the suite's), the worker
// and the citizen service (`tsx` children), and the providers' stand-ins (in this process, a fresh outbox per round).
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdirSync, readFileSync } from 'node:fs';
import type { Server } from 'node:http';
import path from 'node:path';
import { createStandInsApp, type OutboxEntry } from '../../dev/stand-ins/server';
import { createDb, prepareDatabase, type Db } from '../../infra/db';
import { listen, stopServer } from '../../infra/http';
import { createLocalPrintHouseDrop } from '../../infra/print-house';
import { startTemporalDevServer, temporalPidFile } from '../../infra/temporal';
import { workerHeapFlag } from '../../app/worker';
import { freePort } from './ports';
import { eventually } from './product';

const ROOT = path.resolve(__dirname, '..', '..');

export type PartName = 'postgres' | 'temporal' | 'worker' | 'citizen';

const pidIn = (file: string) => Number(readFileSync(file, 'utf8').split('\n')[0]);

/** Embedded Postgres in a child process (test/support/postgres-process.ts); resolves with its URLs once it is up. */
function startPostgresProcess(dir: string, port: number) {
  const child = spawn(
    process.execPath,
    ['--import', 'tsx', path.join(__dirname, 'postgres-process.ts'), dir, String(port)],
    {
      cwd: ROOT,
      stdio: ['ignore', 'pipe', 'pipe'],
    },
  );
  let output = '';
  return new Promise<{ url: string; migrationUrl: string; helper: ChildProcess }>((resolve, reject) => {
    child.stdout!.on('data', (d: Buffer) => {
      output += d.toString();
      const line = output.split('\n').find((l) => l.startsWith('{"url"'));
      if (line) resolve({ ...(JSON.parse(line) as { url: string; migrationUrl: string }), helper: child });
    });
    child.stderr!.on('data', (d: Buffer) => (output += d.toString()));
    child.once('exit', (code) => reject(new Error(`postgres exited (${code}): ${output}`)));
  });
}

export async function startSeparateParts(dir: string) {
  const ports = {
    postgres: await freePort(),
    temporal: await freePort(),
    temporalUi: await freePort(),
    citizen: await freePort(),
    workerHealth: await freePort(),
  };
  const postgresDir = path.join(dir, 'postgres');
  const temporalDir = path.join(dir, 'temporal');
  let postgres = await startPostgresProcess(postgresDir, ports.postgres);
  const startTemporal = () =>
    startTemporalDevServer({
      dataDir: temporalDir,
      port: ports.temporal,
      uiPort: ports.temporalUi,
      namespace: 'default',
      headless: true,
    });
  let temporal = await startTemporal();
  await prepareDatabase(postgres.migrationUrl, postgres.url);
  const db: Db = createDb(postgres.url, 4);

  let round: { env: NodeJS.ProcessEnv; standIns: Server; standInsUrl: string; printHouseDir: string } | undefined;
  const children: Partial<Record<'worker' | 'citizen', ChildProcess>> = {};
  const output: Record<'worker' | 'citizen', string> = { worker: '', citizen: '' };

  function spawnChild(name: 'worker' | 'citizen') {
    const script = name === 'worker' ? 'app/worker-main.ts' : 'services/citizen/server.ts';
    // Node itself with tsx's loader, not the tsx wrapper: a SIGKILL must reach the process that runs the part.
    // The worker with the heap ceiling the production image gives it.
    const heap = name === 'worker' ? [workerHeapFlag()] : [];
    const child = spawn(process.execPath, [...heap, '--import', 'tsx', script], {
      cwd: ROOT,
      env: round!.env,
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    child.stdout!.on('data', (d: Buffer) => (output[name] += d.toString()));
    child.stderr!.on('data', (d: Buffer) => (output[name] += d.toString()));
    children[name] = child;
  }

  const ready = (url: string, what: string) =>
    eventually(async () => (await fetch(`${url}/readyz`).catch(() => undefined))?.ok, 90_000).catch((err) => {
      throw new Error(`${what} not ready: ${String(err)}\n${what === 'worker' ? output.worker : output.citizen}`);
    });

  const parts = {
    db,
    ownerUrl: () => postgres.migrationUrl,
    temporalAddress: () => `127.0.0.1:${ports.temporal}`,
    citizenUrl: `http://127.0.0.1:${ports.citizen}`,
    workerHealthUrl: `http://127.0.0.1:${ports.workerHealth}`,
    standInsUrl: () => round!.standInsUrl,
    output,

    /** A fresh round: its own task queue, outbox and print house, then the worker and the citizen service. */
    async startRound(name: string, extraEnv: Record<string, string> = {}) {
      const roundDir = path.join(dir, name);
      const printHouseDir = path.join(roundDir, 'print-house');
      mkdirSync(printHouseDir, { recursive: true });
      const standInsPort = await freePort();
      const standIns = await listen(
        createStandInsApp({
          dataDir: path.join(roundDir, 'stand-ins'),
          printHouse: createLocalPrintHouseDrop(printHouseDir),
          faxWebhookToken: 'fault-test-fax-token-0123456789',
        }),
        standInsPort,
      );
      round = {
        standIns,
        standInsUrl: `http://127.0.0.1:${standInsPort}`,
        printHouseDir,
        env: {
          PATH: process.env.PATH,
          HOME: process.env.HOME,
          NODE_ENV: 'test',
          LOG_LEVEL: 'warn',
          DATA_DIR: path.join(dir, 'data'),
          DATABASE_URL: postgres.url,
          DATABASE_MIGRATION_URL: postgres.migrationUrl,
          TEMPORAL_ADDRESS: `127.0.0.1:${ports.temporal}`,
          TEMPORAL_TASK_QUEUE: `faults-${name}`,
          // The workflow code prebuilt once for the run, as the production image has it.
          WORKER_WORKFLOW_BUNDLE: process.env.WORKER_WORKFLOW_BUNDLE!,
          CITIZEN_PORT: String(ports.citizen),
          WORKER_HEALTH_PORT: String(ports.workerHealth),
          STANDINS_PORT: String(standInsPort),
          PRINT_HOUSE_DIR: printHouseDir,
          SPID_SWITCH_OFF_DATE: '2099-01-01',
          // Load from one client, on purpose: the intake's ceiling per client is not what these rounds measure.
          PIN_REQUESTS_PER_CLIENT: '100000',
          ...extraEnv,
        },
      };
      output.worker = output.citizen = '';
      spawnChild('worker');
      await ready(parts.workerHealthUrl, 'worker');
      spawnChild('citizen');
      await ready(parts.citizenUrl, 'citizen');
    },

    async endRound() {
      await Promise.all(
        (['citizen', 'worker'] as const).map(async (name) => {
          const child = children[name];
          if (!child || child.exitCode !== null || child.signalCode !== null) return;
          const exited = new Promise((r) => child.once('exit', r));
          child.kill('SIGTERM');
          await exited;
        }),
      );
      if (round) await stopServer(round.standIns, 1_000);
    },

    async outbox(): Promise<OutboxEntry[]> {
      return ((await (await fetch(`${round!.standInsUrl}/dev/outbox.json`)).json()) as { messages: OutboxEntry[] })
        .messages;
    },

    printHouse: () => createLocalPrintHouseDrop(round!.printHouseDir),

    async setProviderFaults(faults: { delayMs?: number; loseAnswerRate?: number }) {
      await fetch(`${round!.standInsUrl}/dev/faults`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify(faults),
      });
    },

    /** SIGKILL, as the kernel's OOM killer or a pulled plug does: nothing gets to clean up. */
    kill(part: PartName) {
      if (part === 'postgres') {
        process.kill(pidIn(path.join(postgresDir, 'postmaster.pid')), 'SIGKILL');
        postgres.helper.kill('SIGKILL');
      } else if (part === 'temporal') process.kill(pidIn(temporalPidFile(temporalDir)), 'SIGKILL');
      else children[part]!.kill('SIGKILL');
    },

    /** SIGTERM, as an orchestrator's stop or a deploy does: the part drains and exits. */
    async terminate(part: 'worker' | 'citizen') {
      const child = children[part]!;
      const exited = new Promise((r) => child.once('exit', r));
      child.kill('SIGTERM');
      await exited;
    },

    async restart(part: PartName) {
      if (part === 'postgres') {
        // Its backends notice the postmaster's death and leave; until they have, the new one may not start.
        postgres = await eventually(() => startPostgresProcess(postgresDir, ports.postgres), 30_000);
      } else if (part === 'temporal') {
        temporal = await eventually(() => startTemporal(), 30_000);
      } else {
        spawnChild(part);
        await ready(part === 'worker' ? parts.workerHealthUrl : parts.citizenUrl, part);
      }
    },

    async stop() {
      await parts.endRound();
      await db.destroy();
      await temporal.stop();
      const exited = new Promise((r) => postgres.helper.once('exit', r));
      postgres.helper.kill('SIGTERM');
      await exited;
    },
  };
  return parts;
}

export type SeparateParts = Awaited<ReturnType<typeof startSeparateParts>>;
