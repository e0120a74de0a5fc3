// What every benchmark shares: the whole product on its own embedded Postgres and Temporal dev server in a
// temporary folder (loopback only), and a closed-loop load of N calls at concurrency C with latency percentiles.
import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { performance } from 'node:perf_hooks';
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

/** Sends `count` calls, `concurrency` at a time; `call(i)` returns whether the answer was the expected one. */
export async function measure(count: number, concurrency: number, call: (i: number) => Promise<boolean>) {
  const latencies: number[] = [];
  let next = 0;
  let failures = 0;
  const started = performance.now();
  await Promise.all(
    Array.from({ length: concurrency }, async () => {
      while (next < count) {
        const i = next++;
        const t0 = performance.now();
        if (!(await call(i))) failures++;
        latencies.push(performance.now() - t0);
      }
    }),
  );
  const seconds = (performance.now() - started) / 1000;
  latencies.sort((a, b) => a - b);
  const pct = (p: number) =>
    latencies[Math.min(latencies.length - 1, Math.floor((p / 100) * latencies.length))]!.toFixed(1);
  return {
    calls: count,
    concurrency,
    failures,
    throughputPerSecond: Number((count / seconds).toFixed(1)),
    latencyMs: { p50: pct(50), p90: pct(90), p99: pct(99), max: pct(100) },
  };
}
