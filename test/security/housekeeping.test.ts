// Nothing personal or secret lingers, and anonymous traffic cannot grow a table without bound (issue "Abuse and bad
// input"): the housekeeping Schedule, registered at start-up, deletes expired sessions, sign-in guards past their
// window, finished or abandoned OpenID Connect sign-ins, and the print-house drop's old letter copies, each of which
// carries half a PIN, and leaves alone everything that still serves.
import { mkdtempSync } from 'node:fs';
import path from 'node:path';
import { randomUUID } from 'node:crypto';
import { HOUSEKEEPING_SCHEDULE_ID } from '../../core/schedules';
import { fiscalCodeOf } from '../support/citizen';
import { activePinFor } from '../support/pins';
import { eventually, staffToken, startTestProduct, type TestProduct } from '../support/product';

let product: TestProduct;
beforeAll(async () => {
  // Letters go to a print house's drop folder here: its copies are what housekeeping removes.
  product = await startTestProduct({
    PRINT_DROP_RETENTION: '1 second',
    PRINT_HOUSE_DIR: mkdtempSync(path.join(process.env.TEST_DATA_DIR!, 'print-house-')),
  });
});
afterAll(() => product?.stop());

const personId = async (lastName: string) =>
  (
    await product.db
      .selectFrom('persons')
      .select('id')
      .where('fiscal_code', '=', fiscalCodeOf(lastName))
      .executeTakeFirstOrThrow()
  ).id;
const staffId = async (username: string) =>
  (await product.db.selectFrom('staff').select('id').where('username', '=', username).executeTakeFirstOrThrow()).id;
const sessionsOf = async (lastName: string) =>
  (
    await product.db
      .selectFrom('citizen_sessions')
      .select('token_hash')
      .where('person_id', '=', await personId(lastName))
      .execute()
  ).length;
const staffSessionsOf = async (username: string) =>
  (
    await product.db
      .selectFrom('staff_sessions')
      .select('token_hash')
      .where('staff_id', '=', await staffId(username))
      .execute()
  ).length;
const oidcLeft = async (stateHashes: string[]) =>
  (
    await product.db.selectFrom('oidc_sign_ins').select('state_hash').where('state_hash', 'in', stateHashes).execute()
  ).map((r) => r.state_hash);
const signIn = async (lastName: string, pin: string) =>
  (await product.citizen.post('/api/session', { fiscalCode: fiscalCodeOf(lastName), pin })).body.token as string;

it('deletes on its Schedule what has served its purpose, and nothing that still serves', async () => {
  const past = new Date(Date.now() - 60_000);
  const twoDaysAgo = new Date(Date.now() - 2 * 86_400_000);

  // Sessions: one still running, one past its end, for citizens and staff.
  const live = await signIn('Rossi', await activePinFor(product, fiscalCodeOf('Rossi')));
  await signIn('Bianchi', await activePinFor(product, fiscalCodeOf('Bianchi')));
  await product.db
    .updateTable('citizen_sessions')
    .set({ expires_at: past })
    .where('person_id', '=', await personId('Bianchi'))
    .execute();
  const liveStaff = await staffToken(product, 'agent.neri');
  await staffToken(product, 'supervisor.galli');
  await product.db
    .updateTable('staff_sessions')
    .set({ expires_at: past })
    .where('staff_id', '=', await staffId('supervisor.galli'))
    .execute();

  // Guards: one quiet for longer than its window, one quiet but still suspending, one counting now.
  await product.db
    .insertInto('sign_in_guards')
    .values([
      { subject_key: 'housekeeping-quiet', consecutive_failures: 2, updated_at: twoDaysAgo },
      { subject_key: 'housekeeping-suspended', locked_until: new Date(Date.now() + 3_600_000), updated_at: twoDaysAgo },
      { subject_key: 'housekeeping-recent', consecutive_failures: 1 },
    ])
    .execute();

  // OpenID Connect sign-ins: one abandoned at the provider (never finished), one used, one under way.
  for (let i = 0; i < 3; i++)
    expect((await fetch(`${product.urls.citizen}/login/spid?with=spid2`, { redirect: 'manual' })).status).toBe(303);
  const started = await product.db
    .selectFrom('oidc_sign_ins')
    .select('state_hash')
    .orderBy('created_at', 'desc')
    .limit(3)
    .execute();
  await product.db
    .updateTable('oidc_sign_ins')
    .set({ expires_at: past })
    .where('state_hash', '=', started[0]!.state_hash)
    .execute();
  await product.db
    .updateTable('oidc_sign_ins')
    .set({ used_at: new Date() })
    .where('state_hash', '=', started[1]!.state_hash)
    .execute();

  // Two letters handed over to the print house, as the letter activity hands them over.
  const address = {
    name: 'Mario Rossi',
    street: 'Via Appia Nuova 100',
    postalCode: '00183',
    city: 'Roma',
    province: 'RM',
  };
  for (let i = 0; i < 2; i++)
    await product.printHouse!.submit({ letterId: randomUUID(), pdf: Buffer.from(`%PDF-1.7 half a PIN ${i}`), address });
  const lettersBefore = product.printHouse!.list();
  expect(lettersBefore).toHaveLength(2);
  await new Promise((r) => setTimeout(r, 1_100));

  await product.temporal.schedule.getHandle(HOUSEKEEPING_SCHEDULE_ID).trigger();
  const hashes = started.map((r) => r.state_hash);
  await eventually(async () => ((await oidcLeft(hashes)).length === 1 ? true : undefined));

  expect([await sessionsOf('Rossi'), await sessionsOf('Bianchi')]).toEqual([1, 0]);
  expect([await staffSessionsOf('agent.neri'), await staffSessionsOf('supervisor.galli')]).toEqual([1, 0]);
  expect(
    (
      await product.db
        .selectFrom('sign_in_guards')
        .select('subject_key')
        .where('subject_key', 'like', 'housekeeping-%')
        .orderBy('subject_key')
        .execute()
    ).map((g) => g.subject_key),
  ).toEqual(['housekeeping-recent', 'housekeeping-suspended']);
  expect((await product.db.selectFrom('oidc_sign_ins').select('state_hash').execute())[0]!.state_hash).toBe(
    started[2]!.state_hash,
  );

  // The letters' copies are gone from the drop; handing one over again is still a no-op, not a second letter.
  expect(product.printHouse!.list()).toEqual([]);
  for (const letter of lettersBefore) expect(product.printHouse!.pdfPath(letter.letterId)).toBeUndefined();
  const again = lettersBefore[0]!;
  await product.printHouse!.submit({ letterId: again.letterId, pdf: Buffer.from('%PDF-1.7'), address: again.address });
  expect(product.printHouse!.list()).toEqual([]);

  // What still serves, serves.
  expect((await product.citizen.get('/api/me', live)).status).toBe(200);
  expect((await product.agents.get('/api/agent/tasks', liveStaff)).status).toBe(200);
});
