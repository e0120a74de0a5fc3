// Benchmark of the sign-in hot path: POST /api/session with codice fiscale + PIN (schema parsing, the lockout
// guard, the credential lookup, the argon2id check, the session and audit rows), right and wrong PINs mixed, on the
// real embedded Postgres, beside the raw argon2id verify rate with the same parameters and the same mix. The load runs
// in a process of its own (bench/load.ts), as a client would. `npm run bench:sign-in [-- --requests 400
// --concurrency 8]`. Loopback only.
import { randomUUID } from 'node:crypto';
import { generatePin, HALF_LENGTH, hashPin } from '../domain/pin';
import { cpuByPart, cpuSpent } from './cpu';
import { arg, loadProcess, withBenchProduct } from './harness';

const REQUESTS = arg('requests', 400);
const CONCURRENCY = arg('concurrency', 8);

async function main() {
  // Many wrong PINs per person would suspend sign-in: with the limit lifted, every call does the whole work.
  await withBenchProduct(
    async (product) => {
      const persons = await product.db.selectFrom('persons').select(['id', 'fiscal_code']).execute();
      const holders = await Promise.all(
        persons.map(async (p) => {
          const pin = generatePin(HALF_LENGTH);
          const pinHash = await hashPin(pin);
          await product.db
            .insertInto('credentials')
            .values({
              id: randomUUID(),
              person_id: p.id,
              kind: 'ordinario',
              status: 'active',
              pin_hash: pinHash,
              pin_length: HALF_LENGTH,
              pin_request_id: null,
            })
            .execute();
          return { fiscalCode: p.fiscal_code, pin, pinHash };
        }),
      );
      const job = { requests: REQUESTS, concurrency: CONCURRENCY, holders, citizenUrl: product.urls.citizen };
      // Interleaved: raw, product, raw, product.
      // What each part spent per call (ms of CPU): the load process, this one (the services and the worker), Postgres.
      const withCpu = async (mode: 'argon2' | 'sign-in') => {
        const before = cpuByPart();
        const run = await loadProcess({ ...job, mode });
        return { ...run, cpuMsPerCall: cpuSpent(before, cpuByPart(), REQUESTS) };
      };
      const raw1 = await withCpu('argon2');
      const signIn1 = await withCpu('sign-in');
      const raw2 = await withCpu('argon2');
      const signIn2 = await withCpu('sign-in');
      const rate = (...runs: { throughputPerSecond: number }[]) =>
        runs.reduce((sum, r) => sum + r.throughputPerSecond, 0) / runs.length;
      console.log(
        JSON.stringify(
          {
            holders: holders.length,
            wrongShare: 0.25,
            rawArgon2idVerify: [raw1, raw2],
            signIn: [signIn1, signIn2],
            ratioToRaw: Number((rate(signIn1, signIn2) / rate(raw1, raw2)).toFixed(2)),
          },
          null,
          2,
        ),
      );
    },
    { SIGN_IN_MAX_FAILURES: '50', CITIZEN_SIGN_IN_ATTEMPTS_PER_CLIENT: '10000' },
  );
}

main().catch((err) => {
  console.error(err);
  process.exit(1);
});
