// What every benchmark shares: the whole product on its own embedded Postgres and Temporal dev server in a
// temporary folder (loopback only), and a closed-loop load of N calls at concurrency C with latency percentiles.
import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { loadConfig, type Config } from '../infra/config';
import { startInfrastructure, startProduct, type Product } from '../app/stack';
import { freePort } from '../test/support/ports';

export const arg = (name: string, fallback: number) => {
  const i = process.argv.indexOf(`--${name}`);
  return i > 0 ? Number(process.argv[i + 1]) : fallback;
};

export async function withBenchProduct(
  run: (product: Product, setting: { config: Config; temporalAddress: string }) => Promise<void>,
  env: Record<string, string> = {},
) {
  const dataDir = mkdtempSync(path.join(os.tmpdir(), 'pin-bench-'));
  const config = loadConfig({
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
    ...env,
  });
  const infra = await startInfrastructure(config, { headlessTemporal: true });
  const product = await startProduct(config, infra);
  try {
    await run(product, { config, temporalAddress: infra.temporalAddress });
  } finally {
    await product.stop();
    await infra.stop();
    rmSync(dataDir, { recursive: true, force: true });
  }
}

export { measure } from './measure';
