// Starts the real infrastructure once for the whole run, and bundles the workflow code once for every worker.
import { spawn } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { mkdtempSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import readline from 'node:readline';
import { writeWorkflowBundle } from '../../app/workflow-bundle';
import { freePort } from './ports';

export default async function globalSetup(): Promise<void> {
  const root = path.resolve(__dirname, '..', '..');
  const dataDir = mkdtempSync(path.join(os.tmpdir(), 'pin-service-test-'));
  const env = {
    ...process.env,
    NODE_ENV: 'test',
    DATA_DIR: dataDir,
    EMBEDDED_POSTGRES_PORT: String(await freePort()),
    TEMPORAL_DEV_PORT: String(await freePort()),
    TEMPORAL_UI_PORT: String(await freePort()),
  };
  const child = spawn(path.join(root, 'node_modules', '.bin', 'tsx'), [path.join(__dirname, 'infrastructure.ts')], {
    env,
    // Its standard input stays open while we live: it stops when that closes (test/support/infrastructure.ts).
    stdio: ['pipe', 'pipe', 'inherit'],
  });
  const ready = await new Promise<{ databaseUrl: string; migrationUrl: string; temporalAddress: string }>(
    (resolve, reject) => {
      child.once('exit', (code) => reject(new Error(`test infrastructure exited with code ${code}`)));
      readline.createInterface({ input: child.stdout! }).on('line', (line) => {
        if (line.startsWith('{')) resolve(JSON.parse(line));
      });
    },
  );
  (globalThis as { testInfrastructure?: typeof child }).testInfrastructure = child;

  const bundlePath = path.join(dataDir, 'workflow-bundle.js');
  await writeWorkflowBundle(bundlePath);

  process.env.TEST_DATA_DIR = dataDir;
  // One payload key for every product of the run: they share the dev server and its Schedules (fixed ids), and a
  // sweep's run is handed its previous run's result, which another product's key could not open.
  process.env.PAYLOAD_CODEC_KEYS = `test-run:${randomBytes(32).toString('base64')}`;
  process.env.DATABASE_URL = ready.databaseUrl;
  process.env.DATABASE_MIGRATION_URL = ready.migrationUrl;
  process.env.TEMPORAL_ADDRESS = ready.temporalAddress;
  process.env.WORKER_WORKFLOW_BUNDLE = bundlePath;
  process.env.NODE_ENV = 'test';
}
