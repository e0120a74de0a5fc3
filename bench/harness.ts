// What every benchmark shares: the whole product on its own embedded Postgres and Temporal dev server in a
// temporary folder (loopback only), and a closed-loop load of N calls at concurrency C with latency percentiles.
import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { loadConfig, type Config } from '../infra/config';
import { startInfrastructure, startProduct, type Product } from '../app/stack';
import { writeWorkflowBundle } from '../app/workflow-bundle';
import { freePort } from '../test/support/ports';

export const arg = (name: string, fallback: number) => {
  const i = process.argv.indexOf(`--${name}`);
  return i > 0 ? Number(process.argv[i + 1]) : fallback;
};

/** Where a benchmark's product runs: its configuration, and the environment a part started on its own needs. */
export interface BenchSetting {
  config: Config;
  temporalAddress: string;
  partEnv: NodeJS.ProcessEnv;
}

export async function withBenchProduct(
  run: (product: Product, setting: BenchSetting) => Promise<void>,
  env: Record<string, string> = {},
) {
  const dataDir = mkdtempSync(path.join(os.tmpdir(), 'pin-bench-'));
  // The workflow code prebuilt, as the production image has it (app/workflow-bundle.ts).
  const workflowBundle = path.join(dataDir, 'workflow-bundle.js');
  await writeWorkflowBundle(workflowBundle);
  const benchEnv: NodeJS.ProcessEnv = {
    ...process.env,
    LOG_LEVEL: 'warn',
    DATA_DIR: dataDir,
    EMBEDDED_POSTGRES_PORT: String(await freePort()),
    TEMPORAL_DEV_PORT: String(await freePort()),
    TEMPORAL_UI_PORT: String(await freePort()),
    CITIZEN_PORT: String(await freePort()),
    AGENT_PORT: String(await freePort()),
    STANDINS_PORT: String(await freePort()),
    OIDC_STANDIN_PORT: String(await freePort()),
    CNS_PORT: String(await freePort()),
    // The intake benchmark asks PINs for adults: measured in the regime before the switch to SPID.
    SPID_SWITCH_OFF_DATE: '2099-01-01',
    // The benchmarks load from one client: the intake's ceiling per client is not what they measure.
    PIN_REQUESTS_PER_CLIENT: '100000',
    WORKER_WORKFLOW_BUNDLE: workflowBundle,
    ...env,
  };
  const config = loadConfig(benchEnv);
  const infra = await startInfrastructure(config, { headlessTemporal: true });
  const product = await startProduct(config, infra);
  const partEnv = {
    ...benchEnv,
    DATABASE_URL: infra.databaseUrl,
    DATABASE_MIGRATION_URL: infra.migrationUrl,
    TEMPORAL_ADDRESS: infra.temporalAddress,
  };
  try {
    await run(product, { config, temporalAddress: infra.temporalAddress, partEnv });
  } finally {
    await product.stop();
    await infra.stop();
    rmSync(dataDir, { recursive: true, force: true });
  }
}

/** Runs bench/load.ts in its own Node process with `job` on stdin; resolves with what it measured. */
export function loadProcess<T = { throughputPerSecond: number; failures: number; latencyMs: object }>(
  job: object,
): Promise<T> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, ['--import', 'tsx', require.resolve('./load.ts')], {
      stdio: ['pipe', 'pipe', 'inherit'],
    });
    let out = '';
    child.stdout.on('data', (chunk: Buffer) => (out += chunk.toString('utf8')));
    child.on('error', reject);
    child.on('exit', (code) => (code === 0 ? resolve(JSON.parse(out)) : reject(new Error(`load exited ${code}`))));
    child.stdin.end(JSON.stringify(job));
  });
}

/**
 * A part of the product in a process of its own, as production runs it, on the benchmark's Postgres and Temporal (the
 * stand-ins stay in the benchmark's process): the citizen service, or a worker. Resolves once it answers `/readyz`.
 */
export async function startPart(
  setting: BenchSetting,
  part: 'citizen' | 'worker',
  /** Settings of this part's own; one set to undefined is left out. */
  env: Record<string, string | undefined> = {},
) {
  const port = await freePort();
  const script = part === 'citizen' ? 'services/citizen/server.ts' : 'app/worker-main.ts';
  // Node itself with tsx's loader, not the tsx wrapper: the pid is the process that runs the part.
  const child = spawn(process.execPath, ['--import', 'tsx', script], {
    cwd: path.resolve(__dirname, '..'),
    env: { ...setting.partEnv, [part === 'citizen' ? 'CITIZEN_PORT' : 'WORKER_HEALTH_PORT']: String(port), ...env },
    stdio: ['ignore', 'inherit', 'inherit'],
  });
  const exited = new Promise((resolve) => child.once('exit', resolve));
  const url = `http://127.0.0.1:${port}`;
  for (const deadline = Date.now() + 90_000; ;) {
    if ((await fetch(`${url}/readyz`).catch(() => undefined))?.ok) break;
    if (child.exitCode !== null || Date.now() > deadline) throw new Error(`${part} did not start`);
    await new Promise((r) => setTimeout(r, 250));
  }
  return {
    url,
    pid: child.pid!,
    async stop() {
      child.kill('SIGTERM');
      await exited;
    },
  };
}

export { measure } from './measure';
