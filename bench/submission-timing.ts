// Does the time an answer takes tell a stranger anything? POST /api/pin-requests and POST /api/lost-pin for people
// in each situation (new; a request under way; a PIN holder; for Lost PIN: holder with the contact on record, holder
// with another contact, unknown), interleaved, at concurrency 1, and the median of each. `npm run
// bench:submission-timing [-- --rounds N]`. Loopback only; stops by itself.
import { performance } from 'node:perf_hooks';
import { computeFiscalCode } from '../domain/fiscal-code';
import { DEMO_PERSONS, demoPersonRows } from '../dev/seed';
import { activePinFor } from '../test/support/pins';
import { arg, withBenchProduct } from './harness';

const ROUNDS = arg('rounds', 60);

const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;

async function main() {
  await withBenchProduct(
    async (product) => {
      const rows = demoPersonRows();
      const person = (lastName: string) => {
        const i = DEMO_PERSONS.findIndex((p) => p.lastName === lastName);
        const p = DEMO_PERSONS[i]!;
        return {
          fiscalCode: rows[i]!.fiscal_code,
          firstName: p.firstName,
          lastName: p.lastName,
          birthDate: p.birthDate,
          sex: p.sex,
          birthPlace: p.birthPlace,
          birthProvince: p.birthProvince,
          residence: { street: p.street, city: p.city, province: p.province, postalCode: p.postalCode },
          phone: p.phone ?? '+393330000001',
          email: p.email ?? 'someone@example.it',
          deliveryChannel: 'sms',
        };
      };
      // A PIN holder (Esposito), and a request under way (Ferrari, whose typed address waits for a call).
      await activePinFor(product, person('Esposito').fiscalCode);
      const underWay = {
        ...person('Ferrari'),
        residence: { ...person('Ferrari').residence, street: 'Via Zamboni 33' },
      };
      await post('/api/pin-requests', underWay);

      const newPerson = (i: number) => {
        const identity = {
          firstName: 'Nuovo',
          lastName: 'Richiedente',
          birthDate: `19${50 + (i % 40)}-0${1 + (i % 9)}-1${i % 9}`,
          sex: 'F' as const,
          birthPlace: 'Roma',
          birthProvince: 'RM',
        };
        return {
          ...person('Rossi'),
          ...identity,
          fiscalCode: computeFiscalCode(identity)!,
          residence: { street: `Via Nazionale ${i + 1}`, city: 'Roma', province: 'RM', postalCode: '00184' },
        };
      };

      async function post(path: string, body: unknown): Promise<number> {
        const t0 = performance.now();
        const res = await fetch(`${product.urls.citizen}${path}`, {
          method: 'POST',
          headers: { 'content-type': 'application/json' },
          body: JSON.stringify(body),
        });
        await res.arrayBuffer();
        if (res.status !== 202) throw new Error(`${path}: ${res.status}`);
        return performance.now() - t0;
      }

      const cases: Record<string, (i: number) => Promise<number>> = {
        'request: new person': (i) => post('/api/pin-requests', newPerson(i)),
        'request: request under way': () => post('/api/pin-requests', underWay),
        'request: PIN holder': () => post('/api/pin-requests', person('Esposito')),
        'lost PIN: holder, contact on record': () =>
          post('/api/lost-pin', { fiscalCode: person('Esposito').fiscalCode, phone: person('Esposito').phone }),
        'lost PIN: holder, another contact': () =>
          post('/api/lost-pin', { fiscalCode: person('Esposito').fiscalCode, phone: '+393990000001' }),
        'lost PIN: nobody': () =>
          post('/api/lost-pin', { fiscalCode: person('Costa').fiscalCode, phone: '+393990000001' }),
      };
      const times: Record<string, number[]> = Object.fromEntries(Object.keys(cases).map((k) => [k, []]));
      for (let i = 0; i < ROUNDS; i++) for (const [name, run] of Object.entries(cases)) times[name]!.push(await run(i));
      console.log(
        JSON.stringify(
          Object.fromEntries(Object.entries(times).map(([k, v]) => [k, { medianMs: Number(median(v).toFixed(1)) }])),
          null,
          2,
        ),
      );
    },
    { LOST_PIN_REQUESTS_PER_CLIENT: '10000', LOST_PIN_REQUESTS_PER_FISCAL_CODE: '100' },
  );
}

main().catch((err) => {
  console.error(err);
  process.exit(1);
});
