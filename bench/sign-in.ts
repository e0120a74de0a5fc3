// Benchmark of the sign-in hot path: POST /api/session with codice fiscale + PIN (schema parsing, the lockout
// guard, the credential lookup, the argon2id check, the session and audit rows), right and wrong PINs mixed, on the
// real embedded Postgres. `npm run bench:sign-in [-- --requests 400 --concurrency 8]`. Loopback only.
import { randomUUID } from 'node:crypto';
import { generatePin, HALF_LENGTH, hashPin } from '../domain/pin';
import { arg, measure, withBenchProduct } from './harness';

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
          await product.db
            .insertInto('credentials')
            .values({
              id: randomUUID(),
              person_id: p.id,
              kind: 'ordinario',
              status: 'active',
              pin_hash: await hashPin(pin),
              pin_length: HALF_LENGTH,
              pin_request_id: null,
            })
            .execute();
          return { fiscalCode: p.fiscal_code, pin };
        }),
      );
      const result = await measure(REQUESTS, CONCURRENCY, async (i) => {
        const holder = holders[i % holders.length]!;
        const right = i % 4 !== 0;
        const res = await fetch(`${product.urls.citizen}/api/session`, {
          method: 'POST',
          headers: { 'content-type': 'application/json' },
          body: JSON.stringify({ fiscalCode: holder.fiscalCode, pin: right ? holder.pin : 'AAAAAAAA' }),
        });
        await res.arrayBuffer();
        return res.status === (right ? 200 : 401);
      });
      console.log(JSON.stringify({ ...result, holders: holders.length, wrongShare: 0.25 }, null, 2));
    },
    { SIGN_IN_MAX_FAILURES: '50', CITIZEN_SIGN_IN_ATTEMPTS_PER_CLIENT: '10000' },
  );
}

main().catch((err) => {
  console.error(err);
  process.exit(1);
});
