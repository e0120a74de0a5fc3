// Benchmark of the request-intake hot path: POST /api/pin-requests (schema parsing, codice fiscale and comune
// checks, the insert, the idempotent workflow start) on the real embedded Postgres and Temporal dev server, with
// the worker running. `npm run bench [-- --requests 400 --concurrency 16]`. Loopback only; stops by itself.
import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { performance } from 'node:perf_hooks';
import { computeFiscalCode } from '../domain/fiscal-code';
import { loadConfig } from '../infra/config';
import { startInfrastructure, startProduct } from '../infra/stack';
import { freePort } from '../test/support/ports';

const arg = (name: string, fallback: number) => {
  const i = process.argv.indexOf(`--${name}`);
  return i > 0 ? Number(process.argv[i + 1]) : fallback;
};
const REQUESTS = arg('requests', 400);
const CONCURRENCY = arg('concurrency', 16);

const FIRST = ['Marco', 'Anna', 'Luca', 'Sara', 'Paolo', 'Elena', 'Giorgio', 'Marta', 'Davide', 'Irene'];
const LAST = ['Rinaldi', 'Pellegrini', 'Sartori', 'Fabbri', 'Testa', 'Marchetti', 'Guerra', 'Valentini', 'Orlando'];

/** Distinct people with valid codici fiscali, not in the registry: every request is new work. */
function syntheticRequest(i: number) {
  const firstName = FIRST[i % FIRST.length]!;
  const lastName = LAST[Math.floor(i / FIRST.length) % LAST.length]!;
  const day = 1 + (i % 28);
  const month = 1 + (Math.floor(i / 90) % 12);
  const year = 1940 + (Math.floor(i / 1080) % 60);
  const birthDate = `${year}-${String(month).padStart(2, '0')}-${String(day).padStart(2, '0')}`;
  const sex = 'M' as const;
  const identity = { firstName, lastName, birthDate, sex, birthPlace: 'Roma', birthProvince: 'RM' };
  return {
    ...identity,
    fiscalCode: computeFiscalCode(identity),
    residence: { street: `Via Nazionale ${i + 1}`, city: 'Roma', province: 'RM', postalCode: '00184' },
    phone: '+39 333 1234567',
    email: `bench${i}@example.it`,
    deliveryChannel: 'sms',
  };
}

async function main() {
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
  });
  const infra = await startInfrastructure(config, { headlessTemporal: true });
  const product = await startProduct(config, infra);
  try {
    const bodies = Array.from({ length: REQUESTS }, (_, i) => JSON.stringify(syntheticRequest(i)));
    const latencies: number[] = [];
    let next = 0;
    let failures = 0;
    const started = performance.now();
    await Promise.all(
      Array.from({ length: CONCURRENCY }, async () => {
        while (next < bodies.length) {
          const body = bodies[next++]!;
          const t0 = performance.now();
          const res = await fetch(`${product.urls.citizen}/api/pin-requests`, {
            method: 'POST',
            headers: { 'content-type': 'application/json' },
            body,
          });
          await res.arrayBuffer();
          latencies.push(performance.now() - t0);
          if (res.status !== 202) failures++;
        }
      }),
    );
    const seconds = (performance.now() - started) / 1000;
    latencies.sort((a, b) => a - b);
    const pct = (p: number) =>
      latencies[Math.min(latencies.length - 1, Math.floor((p / 100) * latencies.length))]!.toFixed(1);
    console.log(
      JSON.stringify(
        {
          requests: REQUESTS,
          concurrency: CONCURRENCY,
          failures,
          throughputPerSecond: Number((REQUESTS / seconds).toFixed(1)),
          latencyMs: { p50: pct(50), p90: pct(90), p99: pct(99), max: pct(100) },
        },
        null,
        2,
      ),
    );
  } finally {
    await product.stop();
    await infra.stop();
    rmSync(dataDir, { recursive: true, force: true });
  }
}

main().catch((err) => {
  console.error(err);
  process.exit(1);
});
