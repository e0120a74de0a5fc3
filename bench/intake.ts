// Benchmark of the request-intake hot path: POST /api/pin-requests (schema parsing, codice fiscale and comune
// checks, the insert, the idempotent workflow start) on the real embedded Postgres and Temporal dev server, with
// the worker running. `npm run bench [-- --requests 400 --concurrency 16]`. Loopback only; stops by itself.
import { computeFiscalCode } from '../domain/fiscal-code';
import { arg, measure, withBenchProduct } from './harness';

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
  await withBenchProduct(async (product) => {
    const bodies = Array.from({ length: REQUESTS }, (_, i) => JSON.stringify(syntheticRequest(i)));
    const result = await measure(REQUESTS, CONCURRENCY, async (i) => {
      const res = await fetch(`${product.urls.citizen}/api/pin-requests`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: bodies[i],
      });
      await res.arrayBuffer();
      return res.status === 202;
    });
    console.log(JSON.stringify(result, null, 2));
  });
}

main().catch((err) => {
  console.error(err);
  process.exit(1);
});
