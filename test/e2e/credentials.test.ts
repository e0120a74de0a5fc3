// The life of a PIN through the citizen and office APIs, on the real Temporal dev server and Postgres: first access,
// sign-in, lockout, renewal of an expired PIN, lost PIN, an intermediary's PIN. (The 6- and 3-month timers
// themselves are crossed on the time-skipping server: see credential-terms.test.ts.)
import { computeFiscalCode } from '../../domain/fiscal-code';
import { addCalendarMonths } from '../../domain/credential-term';
import { randomUUID } from 'node:crypto';
import { generatePin, hashPin, PIN_ALPHABET } from '../../domain/pin';
import { startPendingCredentialLifecycles } from '../../core/credential-lifecycle-processes';
import { demoStaff } from '../../dev/seed';
import { endPinTermNow } from '../../dev/expire-pin';
import { SEARCH_ATTRIBUTES } from '../../workflows/search-attributes';
import { requestFor } from '../support/demo';
import { citizenActions, fiscalCodeOf } from '../support/citizen';
import { deliveredPin } from '../support/pins';
import { credentialsWithoutTerm } from '../../repositories/credentials';
import { tokenHash } from '../../services/shared/session-token';
import { sql } from 'kysely';
import { eventually, startTestProduct, type TestProduct } from '../support/product';

let product: TestProduct;
beforeAll(async () => {
  product = await startTestProduct({
    SIGN_IN_LOCKOUT: '2s',
    SIGN_IN_LOCKOUT_MAX: '1h',
    CITIZEN_SIGN_IN_ATTEMPTS_PER_CLIENT: '1000',
  });
});
afterAll(() => product?.stop());
type Citizen = ReturnType<typeof citizenActions>;

const PIN_8 = new RegExp(`^[${PIN_ALPHABET}]{8}$`);
let signIn: Citizen['signIn'];
let newPinFor: Citizen['newPinFor'];
let firstAccess: Citizen['firstAccess'];
let credentialOf: Citizen['credentialOf'];
let lifecycle: Citizen['lifecycle'];
/** Every PIN the APIs handed out in this file, to look for in the workflow histories at the end. */
const handedOut: string[] = [];
beforeAll(() => {
  for (const api of [product.citizen, product.agents]) {
    const post = api.post;
    api.post = async (...args) => {
      const res = await post(...args);
      if (typeof res.body?.pin === 'string') handedOut.push(res.body.pin);
      return res;
    };
  }
  ({ signIn, newPinFor, firstAccess, credentialOf, lifecycle } = citizenActions(product));
});

describe('first access', () => {
  it('the 16-character PIN opens only the first-access step; the 8-character PIN it gives is the only one that works after', async () => {
    const fiscalCode = fiscalCodeOf('Rossi');
    const { pin: initialPin } = await newPinFor('Rossi');
    expect(initialPin).toHaveLength(16);

    // The initial PIN's term was written with it, and its lifecycle started with that term and its search
    // attributes: the lifecycle's first workflow task asked Postgres nothing and only set its timer.
    const issued = await credentialOf(fiscalCode);
    expect(issued.expires_at).toEqual(addCalendarMonths(issued.term_started_at, 6));
    const started = await lifecycle(issued.id).describe();
    expect(started.typedSearchAttributes.get(SEARCH_ATTRIBUTES.credentialState)).toBe('initial');
    expect(started.typedSearchAttributes.get(SEARCH_ATTRIBUTES.credentialHolder)).toBe('citizen');
    expect(started.typedSearchAttributes.get(SEARCH_ATTRIBUTES.credentialKind)).toBe('ordinario');
    const firstTask = await eventually(async () => {
      const events = (await lifecycle(issued.id).fetchHistory()).events ?? [];
      return events.some((e) => e.timerStartedEventAttributes) ? events : undefined;
    });
    expect(firstTask.filter((e) => e.markerRecordedEventAttributes || e.activityTaskScheduledEventAttributes)).toEqual(
      [],
    );
    expect(firstTask).toHaveLength(5);

    // Typed as the letter prints it, with spaces, in lower case: still the same PIN.
    const session = await signIn(
      fiscalCode,
      `${initialPin.slice(0, 8)} ${initialPin.slice(8).split('').join(' ')}`.toLowerCase(),
    );
    expect(session.status).toBe(200);
    expect(session.body).toMatchObject({ stage: 'first_access', next: '/first-access' });
    const me = await product.citizen.get('/api/me', session.body.token);
    expect(me.status).toBe(403);
    expect(me.body.error).toMatchObject({ code: 'step_pending', links: { next: '/first-access' } });

    // A second session opened with the same initial PIN, racing the first: exactly one new PIN comes out.
    const other = await signIn(fiscalCode, initialPin);
    const [a, b] = await Promise.all([
      product.citizen.post('/api/first-access', {}, session.body.token),
      product.citizen.post('/api/first-access', {}, other.body.token),
    ]);
    expect([a.status, b.status].sort()).toEqual([201, 409]);
    const pin = (a.status === 201 ? a : b).body.pin as string;
    expect(pin).toMatch(PIN_8);
    expect((a.status === 409 ? a : b).body.error.code).toBe('pin_already_assigned');

    // Replaying the step with the now signed-in session assigns nothing.
    const replay = await product.citizen.post('/api/first-access', {}, session.body.token);
    expect(replay.status).toBe(409);
    expect(replay.body.error.code).toBe('pin_already_assigned');

    expect((await signIn(fiscalCode, initialPin)).status).toBe(401);
    const signedIn = await signIn(fiscalCode, pin);
    expect(signedIn.body.stage).toBe('signed_in');

    // Mario Rossi is a pensioner of the private fund: pension services, no worker or public-fund services.
    const home = await product.citizen.get('/api/me', signedIn.body.token);
    expect(home.status).toBe(200);
    const services = home.body.services.map((s: { id: string }) => s.id);
    expect(services).toEqual(expect.arrayContaining(['pension_data', 'certificazione_unica', 'family_allowance']));
    expect(services).not.toContain('medical_certificates');
    expect(services).not.toContain('small_loan_public_employees');
    expect(home.body.services.find((s: { id: string }) => s.id === 'family_allowance').access).toBe(
      'needs_pin_dispositivo',
    );

    // The lifecycle started a new 6-month term at the first access.
    const credential = await eventually(async () => {
      const c = await credentialOf(fiscalCode);
      return c.expires_at && c.status === 'active' ? c : undefined;
    });
    expect(credential.pin_length).toBe(8);
    const describe = await lifecycle(credential.id).describe();
    expect(describe.status.name).toBe('RUNNING');
    expect(credential.expires_at!.getTime()).toBeGreaterThanOrEqual(
      addCalendarMonths(credential.term_started_at, 6).getTime() - 1_000,
    );
    expect(credential.expires_at!.getTime()).toBeLessThanOrEqual(
      addCalendarMonths(credential.term_started_at, 6).getTime() + 5_000,
    );
    await eventually(async () => {
      const d = await lifecycle(credential.id).describe();
      return d.typedSearchAttributes.get(SEARCH_ATTRIBUTES.credentialState) === 'active';
    });
  });

  it('on the web: the sign-in form leads to the first-access page, which shows the new PIN once, then the home', async () => {
    const fiscalCode = fiscalCodeOf('Bruno');
    const { pin: initialPin } = await newPinFor('Bruno');
    const form = (body: Record<string, string>, cookie?: string) =>
      fetch(`${product.urls.citizen}${body.path}`, {
        method: 'POST',
        redirect: 'manual',
        headers: { 'content-type': 'application/x-www-form-urlencoded', ...(cookie ? { cookie } : {}) },
        body: new URLSearchParams(body.fields ? JSON.parse(body.fields) : {}),
      });
    const login = await form({ path: '/login', fields: JSON.stringify({ fiscalCode, pin: initialPin }) });
    expect(login.status).toBe(303);
    expect(login.headers.get('location')).toBe('/first-access');
    const cookie = login.headers.get('set-cookie')!.split(';')[0]!;
    expect(login.headers.get('set-cookie')).toMatch(/HttpOnly/i);

    const home = await fetch(`${product.urls.citizen}/home`, { redirect: 'manual', headers: { cookie } });
    expect(home.status).toBe(303);
    expect(home.headers.get('location')).toBe('/first-access');

    const shown = await form({ path: '/first-access' }, cookie);
    expect(shown.status).toBe(201);
    expect(shown.headers.get('cache-control')).toBe('no-store');
    const html = await shown.text();
    const pin = html.match(/<p class="pin" id="new-pin">([A-Z0-9]{8})<\/p>/)![1]!;
    expect(html).toContain('non verrà mostrato di nuovo');

    const services = await (await fetch(`${product.urls.citizen}/home`, { headers: { cookie } })).text();
    expect(services).toContain('Benvenuto, Marco Bruno');
    expect(services).toContain('Certificati medici di malattia');
    expect(services).toContain('Piccolo prestito (Gestione Dipendenti Pubblici)');
    expect(services).not.toContain('NASpI');

    const wrong = await form({ path: '/login', fields: JSON.stringify({ fiscalCode, pin: 'AAAAAAAA' }) });
    expect(wrong.status).toBe(401);
    expect(await wrong.text()).toContain('Il codice fiscale o il PIN non sono corretti.');
    expect((await signIn(fiscalCode, pin)).body.stage).toBe('signed_in');
  });
});

describe('sessions', () => {
  const MINUTE = 60_000;
  const sessionRow = (token: string) =>
    product.db
      .selectFrom('citizen_sessions')
      .select(['expires_at', 'created_at'])
      .where('token_hash', '=', tokenHash(token))
      .executeTakeFirstOrThrow();
  const setSession = (token: string, times: { expiresAt: Date; openedAt?: Date }) =>
    sql`update citizen_sessions set expires_at = ${times.expiresAt}, created_at = coalesce(${times.openedAt ?? null}, created_at)
        where token_hash = ${tokenHash(token)}`.execute(product.db);

  it('last while the citizen uses them: 30 minutes after the last request, never 8 hours after signing in', async () => {
    const fiscalCode = fiscalCodeOf('Giordano');
    const pin = await firstAccess(fiscalCode, (await newPinFor('Giordano')).pin);
    const session = await signIn(fiscalCode, pin);
    expect(session.status).toBe(200);
    const token = session.body.token;
    // The browser keeps the cookie as long as a session may last; the service ends the session sooner when idle.
    const cookieExpires = Date.parse(/Expires=([^;]+)/.exec(session.headers.get('set-cookie') ?? '')![1]!);
    expect(cookieExpires - Date.now()).toBeGreaterThan(7.9 * 60 * MINUTE);

    // Twenty-nine and a half minutes of reading, then a click: the session goes on for another 30 minutes.
    await setSession(token, { expiresAt: new Date(Date.now() + 30_000) });
    expect((await product.citizen.get('/api/me', token)).status).toBe(200);
    expect((await sessionRow(token)).expires_at.getTime() - Date.now()).toBeGreaterThan(29 * MINUTE);
    // Thirty minutes without a request: over.
    await setSession(token, { expiresAt: new Date(Date.now() - 1000) });
    expect((await product.citizen.get('/api/me', token)).status).toBe(401);

    // However busy, a session ends 8 hours after the sign-in.
    const busy = (await signIn(fiscalCode, pin)).body.token;
    const openedAt = new Date(Date.now() - 8 * 60 * MINUTE + MINUTE);
    await setSession(busy, { openedAt, expiresAt: new Date(Date.now() + 30_000) });
    expect((await product.citizen.get('/api/me', busy)).status).toBe(200);
    expect((await sessionRow(busy)).expires_at.getTime()).toBeLessThanOrEqual(openedAt.getTime() + 8 * 60 * MINUTE);
  });
});

describe('wrong PINs', () => {
  it('five in a row suspend sign-in, the same answer to every PIN; the period ends, and grows when it happens again', async () => {
    const fiscalCode = fiscalCodeOf('Bianchi');
    const pin = await firstAccess(fiscalCode, (await newPinFor('Bianchi')).pin);
    const unknown = computeFiscalCode({
      firstName: 'Nessuno',
      lastName: 'Sconosciuto',
      birthDate: '1980-01-01',
      sex: 'M',
      birthPlace: 'Roma',
      birthProvince: 'RM',
    })!;

    const answers = [];
    for (let i = 0; i < 4; i++) answers.push(await signIn(fiscalCode, 'AAAAAAAA'));
    const unknownAnswers = [];
    for (let i = 0; i < 4; i++) unknownAnswers.push(await signIn(unknown, 'AAAAAAAA'));
    // Known or not, the same status and the same words, and no count of attempts left.
    expect(answers.map((a) => [a.status, a.body])).toEqual(unknownAnswers.map((a) => [a.status, a.body]));
    expect(answers[0]!.body.error).toEqual({
      code: 'sign_in_failed',
      message: 'The codice fiscale or the PIN is not correct.',
      links: { lostPin: '/lost-pin' },
    });

    // The fifth wrong PIN suspends sign-in, but a wrong PIN is never told so: same answer as an unknown codice fiscale.
    const fifth = await signIn(fiscalCode, 'AAAAAAAA');
    const unknownFifth = await signIn(unknown, 'AAAAAAAA');
    expect([fifth.status, fifth.body]).toEqual([unknownFifth.status, unknownFifth.body]);
    expect(fifth.status).toBe(401);
    const duringSuspension = await signIn(fiscalCode, 'AAAAAAAA');
    expect(duringSuspension.status).toBe(429);

    // During the suspension no PIN is checked: the right one gets the very same answer as a wrong one.
    const suspended = await signIn(fiscalCode, pin);
    expect([suspended.status, suspended.body]).toEqual([duringSuspension.status, duringSuspension.body]);
    expect(suspended.body.error.code).toBe('sign_in_suspended');
    expect(suspended.body.error.message).toMatch(/suspended.* until \d\d:\d\d:\d\d/);
    await new Promise((r) => setTimeout(r, 2_100));
    const ok = await signIn(fiscalCode, pin);
    expect(ok.body.stage).toBe('signed_in');

    // After a correct sign-in the count starts again from zero: four wrong PINs are not enough to suspend.
    for (let i = 0; i < 4; i++) expect((await signIn(fiscalCode, 'AAAAAAAA')).status).toBe(401);
    expect((await signIn(fiscalCode, pin)).status).toBe(200);

    // The unknown codice fiscale, suspended once already (2 s, now over), suspended again: for twice as long.
    for (let i = 0; i < 5; i++) await signIn(unknown, 'AAAAAAAA');
    const guard = await product.db
      .selectFrom('sign_in_guards')
      .selectAll()
      .where('lockouts', '>=', 2)
      .executeTakeFirstOrThrow();
    expect(guard.lockouts).toBe(2);
    const remaining = guard.locked_until!.getTime() - Date.now();
    expect(remaining).toBeGreaterThan(3_000);
    expect(remaining).toBeLessThanOrEqual(4_000);
  });
});

describe('expired PIN', () => {
  it('the demo can end a PIN’s term now (npm run demo:expire-pin): the next sign-in asks for renewal, and renewing works', async () => {
    const fiscalCode = fiscalCodeOf('Mancini');
    const pin = await firstAccess(fiscalCode, (await newPinFor('Mancini')).pin);
    await eventually(async () => (await credentialOf(fiscalCode)).expires_at !== null);
    expect((await signIn(fiscalCode, pin)).body.stage).toBe('signed_in');
    expect(await endPinTermNow(product.db, fiscalCode)).toBe('ended');
    const session = await signIn(fiscalCode, pin);
    expect(session.body).toMatchObject({ stage: 'renewal', next: '/renewal' });
    const renewed = await product.citizen.post('/api/renewal', {}, session.body.token);
    expect(renewed.body.pin).toMatch(PIN_8);
    expect((await signIn(fiscalCode, renewed.body.pin)).body.stage).toBe('signed_in');
    // Audited, as the demo's doing; and nobody else's PIN is touched by a codice fiscale holding none.
    const trail = await product.db
      .selectFrom('audit_log')
      .select('details')
      .where('action', '=', 'credential.expired')
      .execute();
    expect(trail).toContainEqual({ details: { demo: 'term ended now by dev/expire-pin.ts' } });
    expect(await endPinTermNow(product.db, fiscalCodeOf('Costa'))).toBe('no_active_pin');
  });

  it('the right PIN leads to renewal (the wrong one says only "wrong"); concurrent renewals give one PIN, with the same services', async () => {
    const fiscalCode = fiscalCodeOf('Esposito');
    const oldPin = await firstAccess(fiscalCode, (await newPinFor('Esposito')).pin);
    const before = await eventually(async () => {
      const c = await credentialOf(fiscalCode);
      return c.expires_at ? c : undefined;
    });
    const servicesBefore = (await product.citizen.get('/api/me', (await signIn(fiscalCode, oldPin)).body.token)).body
      .services;
    const firstRun = (await lifecycle(before.id).describe()).runId;

    // What the lifecycle does at the end of the term (crossed for real in credential-terms.test.ts).
    await product.db
      .updateTable('credentials')
      .set({ status: 'expired', expires_at: new Date(Date.now() - 1_000) })
      .where('id', '=', before.id)
      .execute();

    const wrong = await signIn(fiscalCode, 'AAAAAAAA');
    expect(wrong.status).toBe(401);
    expect(JSON.stringify(wrong.body)).not.toMatch(/expire/i);

    const s1 = await signIn(fiscalCode, oldPin);
    const s2 = await signIn(fiscalCode, oldPin);
    expect(s1.body).toMatchObject({ stage: 'renewal', next: '/renewal' });
    const [a, b] = await Promise.all([
      product.citizen.post('/api/renewal', {}, s1.body.token),
      product.citizen.post('/api/renewal', {}, s2.body.token),
    ]);
    expect([a.status, b.status].sort()).toEqual([201, 409]);
    const newPin = (a.status === 201 ? a : b).body.pin as string;
    expect(newPin).toMatch(PIN_8);

    expect((await signIn(fiscalCode, oldPin)).status).toBe(401);
    const session = await signIn(fiscalCode, newPin);
    expect(session.body.stage).toBe('signed_in');
    expect((await product.citizen.get('/api/me', session.body.token)).body.services).toEqual(servicesBefore);

    // Same credential, same kind; a new term, in a new run of its lifecycle.
    const after = await eventually(async () => {
      const c = await credentialOf(fiscalCode);
      return c.expires_at && c.status === 'active' ? c : undefined;
    });
    expect(after).toMatchObject({
      id: before.id,
      kind: before.kind,
      holder: before.holder,
      person_id: before.person_id,
    });
    expect(after.expires_at!.getTime()).toBeGreaterThan(Date.now() + 150 * 86_400_000);
    expect((await lifecycle(before.id).describe()).runId).not.toBe(firstRun);
  });
});

describe('lost PIN', () => {
  it('a new PIN goes to the contact on record and by letter; the old one works until the new one is first used', async () => {
    const fiscalCode = fiscalCodeOf('Gallo');
    const first = requestFor('Gallo');
    const oldPin = await firstAccess(fiscalCode, (await newPinFor('Gallo')).pin);
    const old = await credentialOf(fiscalCode);

    // An online request from someone who holds a PIN is pointed to this procedure.
    // Its answer is the one anybody gets; the word about Lost PIN goes to the contact on record.
    const again = await product.citizen.post('/api/pin-requests', requestFor('Gallo'));
    expect(again.status).toBe(202);
    await eventually(async () =>
      (await product.outbox()).some(
        (m) => [first.phone, first.email].includes(m.recipient) && /PIN smarrito/.test(m.text),
      ),
    );

    const requests = () =>
      product.db
        .selectFrom('pin_requests')
        .select(['id', 'purpose', 'status'])
        .where('fiscal_code', '=', fiscalCode)
        .execute();
    // A contact not on record, an unknown codice fiscale: the same answer, and nothing happens.
    const notOnRecord = await product.citizen.post('/api/lost-pin', { fiscalCode, phone: '+393339999999' });
    const unknown = await product.citizen.post('/api/lost-pin', {
      fiscalCode: fiscalCodeOf('Ricci'),
      email: 'x@example.it',
    });
    const accepted = await product.citizen.post('/api/lost-pin', { fiscalCode, phone: first.phone as string });
    expect([notOnRecord.status, unknown.status, accepted.status]).toEqual([202, 202, 202]);
    expect(notOnRecord.body).toEqual(accepted.body);
    expect(unknown.body).toEqual(accepted.body);

    const lost = await eventually(async () => (await requests()).find((r) => r.purpose === 'lost_pin'));
    expect((await requests()).filter((r) => r.purpose === 'lost_pin')).toHaveLength(1);
    await eventually(async () => (await requests()).find((r) => r.id === lost.id && r.status === 'delivered'));
    // Asked again the same day: the same answer, and no second PIN on its way.
    const again24h = await product.citizen.post('/api/lost-pin', { fiscalCode, phone: first.phone as string });
    expect(again24h.body).toEqual(accepted.body);
    expect((await requests()).filter((r) => r.purpose === 'lost_pin')).toHaveLength(1);
    const newInitialPin = await eventually(() => deliveredPin(product, lost.id));
    expect(newInitialPin).toHaveLength(16);

    // Until the new PIN is used, the old one still works.
    expect((await signIn(fiscalCode, oldPin)).body.stage).toBe('signed_in');
    const replacement = await credentialOf(fiscalCode, 'initial');
    expect(replacement.replaces_credential_id).toBe(old.id);

    const newPin = await firstAccess(fiscalCode, newInitialPin);
    expect((await signIn(fiscalCode, oldPin)).status).toBe(401);
    expect((await signIn(fiscalCode, newPin)).body.stage).toBe('signed_in');
    const retired = await product.db
      .selectFrom('credentials')
      .selectAll()
      .where('id', '=', old.id)
      .executeTakeFirstOrThrow();
    expect(retired).toMatchObject({ status: 'revoked', revocation_reason: 'replaced_by_new_pin' });
    // The old PIN's lifecycle has ended; ops find it in Temporal Web as revoked.
    await eventually(async () => (await lifecycle(old.id).describe()).status.name === 'COMPLETED');
    expect(await lifecycle(old.id).result()).toBe('revoked');
    const query = `CredentialState = "revoked" AND TaskQueue = "${product.config.TEMPORAL_TASK_QUEUE}"`;
    await eventually(async () => {
      for await (const wf of product.temporal.workflow.list({ query }))
        if (wf.workflowId === `credential:${old.id}`) return true;
      return false;
    });
  });
});

describe('intermediaries', () => {
  const operator = demoStaff('operator.verdi');
  const agent = demoStaff('agent.neri');
  const staffToken = async (s: { username: string; password: string }) =>
    (await product.agents.post('/api/agent/session', { username: s.username, password: s.password })).body
      .token as string;

  it('an office operator issues the PIN in person; it lasts 3 months and opens the intermediary services', async () => {
    const token = await staffToken(operator);
    const fiscalCode = fiscalCodeOf('Greco');
    const issue = (body: object, t = token) => product.agents.post('/api/office/intermediary-credentials', body, t);

    expect((await issue({ fiscalCode, identityDocumentChecked: true }, await staffToken(agent))).status).toBe(403);
    const unconfirmed = await issue({ fiscalCode });
    expect(unconfirmed.status).toBe(400);
    expect(unconfirmed.body.error.fields).toHaveProperty('identityDocumentChecked');
    const notIntermediary = await issue({ fiscalCode: fiscalCodeOf('Rossi'), identityDocumentChecked: true });
    expect(notIntermediary.status).toBe(422);

    const issued = await issue({ fiscalCode, identityDocumentChecked: true });
    expect(issued.status).toBe(201);
    expect(issued.body).toMatchObject({ holder: 'intermediary', kind: 'dispositivo' });
    expect(issued.body.pin).toHaveLength(16);
    expect((await issue({ fiscalCode, identityDocumentChecked: true })).status).toBe(409);

    const pin = await firstAccess(fiscalCode, issued.body.pin);
    const home = await product.citizen.get('/api/me', (await signIn(fiscalCode, pin)).body.token);
    expect(home.body.credential).toMatchObject({ holder: 'intermediary', kind: 'dispositivo' });
    expect(home.body.services.map((s: { id: string; access: string }) => [s.id, s.access])).toEqual([
      ['intermediary_mandates', 'usable'],
      ['intermediary_applications', 'usable'],
    ]);

    const credential = await eventually(async () => {
      const c = await credentialOf(fiscalCode);
      return c.expires_at && c.status === 'active' ? c : undefined;
    });
    expect(
      Math.abs(credential.expires_at!.getTime() - addCalendarMonths(credential.term_started_at, 3).getTime()),
    ).toBeLessThan(5_000);
    const operatorId = (
      await product.db
        .selectFrom('staff')
        .select('id')
        .where('username', '=', operator.username)
        .executeTakeFirstOrThrow()
    ).id;
    const audit = await product.db
      .selectFrom('audit_log')
      .select(['actor_type', 'actor_id'])
      .where('subject_id', '=', credential.id)
      .where('action', '=', 'credential.issued_at_office')
      .execute();
    expect(audit).toEqual([{ actor_type: 'staff', actor_id: operatorId }]);

    // Revoked at the office: the PIN stops working and its lifecycle ends.
    const revoked = await product.agents.post(
      `/api/office/credentials/${credential.id}/revocation`,
      { note: 'mandate ended' },
      token,
    );
    expect(revoked.status).toBe(204);
    expect((await signIn(fiscalCode, pin)).status).toBe(401);
    expect(await lifecycle(credential.id).result()).toBe('revoked');

    // The holder was told both: the PIN handed over at the desk, and its revocation, why and what to do.
    const toGreco = async () =>
      (await product.outbox()).filter((m) => m.recipient === 'patronato.greco@example.it').map((m) => m.text);
    const told = await eventually(async () => ((await toGreco()).length >= 2 ? toGreco() : undefined));
    expect(told).toEqual(
      expect.arrayContaining([
        expect.stringMatching(/Le è stato consegnato di persona un PIN dispositivo/),
        expect.stringMatching(/non è più valido: è stato revocato presso una sede INPS[\s\S]*803 164[\s\S]*06 164 164/),
      ]),
    );
  });
  it('an intermediary who loses the PIN gets no new one by SMS and letter: it is issued only at the office', async () => {
    const fiscalCode = fiscalCodeOf('Greco');
    const person = await product.db
      .selectFrom('persons')
      .select(['id', 'phone', 'email'])
      .where('fiscal_code', '=', fiscalCode)
      .executeTakeFirstOrThrow();
    expect((await credentialOf(fiscalCode)).holder).toBe('intermediary');
    const contact = person.email ? { email: person.email } : { phone: person.phone! };
    expect((await product.citizen.post('/api/lost-pin', { fiscalCode, ...contact })).status).toBe(202);
    await eventually(async () => {
      const taken = await product.db
        .selectFrom('submissions')
        .select('taken_in_at')
        .where('kind', '=', 'lost_pin')
        .orderBy('created_at', 'desc')
        .executeTakeFirst();
      return taken?.taken_in_at ? true : undefined;
    });
    expect(
      await product.db
        .selectFrom('pin_requests')
        .select('id')
        .where('person_id', '=', person.id)
        .where('purpose', '=', 'lost_pin')
        .execute(),
    ).toEqual([]);
  });
});

describe('recovery', () => {
  it('a credential whose lifecycle never started (a crash right after issue) gets it at the next start-up, with its own term', async () => {
    const person = await product.db
      .selectFrom('persons')
      .select('id')
      .where('fiscal_code', '=', fiscalCodeOf('Santoro'))
      .executeTakeFirstOrThrow();
    const issuedAt = new Date(Date.now() - 10 * 86_400_000);
    // The earlier tests' PINs first finish writing their terms (a renewal's new term is written by its lifecycle).
    await eventually(async () => ((await credentialsWithoutTerm(product.db)).length === 0 ? true : undefined));
    const id = randomUUID();
    await product.db
      .insertInto('credentials')
      .values({
        id,
        person_id: person.id,
        kind: 'dispositivo',
        holder: 'intermediary',
        status: 'active',
        pin_hash: await hashPin(generatePin(8)),
        pin_length: 8,
        pin_request_id: null,
        term_started_at: issuedAt,
      })
      .execute();
    expect(await startPendingCredentialLifecycles(product.db, product.temporal, product.config)).toBe(1);
    const credential = await eventually(async () => {
      const c = await product.db.selectFrom('credentials').selectAll().where('id', '=', id).executeTakeFirstOrThrow();
      return c.expires_at ? c : undefined;
    });
    expect(credential.expires_at).toEqual(addCalendarMonths(issuedAt, 3));
    expect(await startPendingCredentialLifecycles(product.db, product.temporal, product.config)).toBe(0);
  });
});

describe('bad input', () => {
  it('names the bad field, and a malformed attempt does not count as a wrong PIN', async () => {
    const fiscalCode = fiscalCodeOf('Conti');
    const cases: Array<[object, string]> = [
      [{ fiscalCode: 'RSSMRA55T03H501', pin: 'ACDEFGHJ' }, 'fiscalCode'],
      [{ fiscalCode: 'RSSMRA55T03H501A', pin: 'ACDEFGHJ' }, 'fiscalCode'],
      [{ fiscalCode, pin: 'ACDEFGH' }, 'pin'],
      [{ fiscalCode, pin: 'ACDEFGHJKMNPQRT' }, 'pin'],
      [{ fiscalCode, pin: 'O0O0O0O0' }, 'pin'],
      [{ fiscalCode }, 'pin'],
    ];
    const guardsBefore = await product.db.selectFrom('sign_in_guards').selectAll().execute();
    for (const [body, field] of cases) {
      const res = await product.citizen.post('/api/session', body);
      expect(res.status).toBe(400);
      expect(Object.keys(res.body.error.fields)).toEqual([field]);
    }
    expect(await product.db.selectFrom('sign_in_guards').selectAll().execute()).toEqual(guardsBefore);

    const both = await product.citizen.post('/api/lost-pin', { fiscalCode, phone: '+393331234567', email: 'a@b.it' });
    expect(both.status).toBe(400);
    expect(both.body.error.fields).toHaveProperty('contact');
    const neither = await product.citizen.post('/api/lost-pin', { fiscalCode });
    expect(neither.body.error.fields).toHaveProperty('contact');
    const badPhone = await product.citizen.post('/api/lost-pin', { fiscalCode, phone: '12' });
    expect(badPhone.body.error.fields).toHaveProperty('phone');
  });
});

describe('throttling by client', () => {
  let small: TestProduct;
  beforeAll(async () => {
    small = await startTestProduct({ CITIZEN_SIGN_IN_ATTEMPTS_PER_CLIENT: '3' });
  });
  afterAll(() => small?.stop());

  it('refuses a client that failed too often, whatever codice fiscale it tries next', async () => {
    const codes = ['Rossi', 'Bianchi', 'Esposito', 'Ferrari'].map(fiscalCodeOf);
    const statuses = [];
    for (const fiscalCode of codes)
      statuses.push((await small.citizen.post('/api/session', { fiscalCode, pin: 'AAAAAAAA' })).status);
    expect(statuses).toEqual([401, 401, 401, 429]);
    // The sign-in form says it in a page, not in JSON.
    const page = await fetch(`${small.urls.citizen}/login`, {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      body: new URLSearchParams({ fiscalCode: codes[0]!, pin: 'AAAAAAAA' }),
    });
    expect(page.status).toBe(429);
    expect(page.headers.get('content-type')).toMatch(/text\/html/);
    expect(await page.text()).toContain('Troppi tentativi falliti da questa connessione.');
  });
});

describe('workflow histories', () => {
  it('hold no PIN, no codice fiscale and no personal data of the holders, in any run of any workflow', async () => {
    const holders = await product.db
      .selectFrom('persons')
      .innerJoin('credentials', 'credentials.person_id', 'persons.id')
      .select(['persons.fiscal_code', 'persons.last_name', 'persons.street'])
      .execute();
    const contacts = await product.db.selectFrom('pin_requests').select(['phone', 'email']).execute();
    const outboxHalves = (await product.outbox()).flatMap((m) =>
      [...m.text.matchAll(/PIN è ([A-Z0-9]{8})/g)].map((x) => x[1]!),
    );
    const secrets = [
      ...holders.flatMap((h) => [h.fiscal_code, h.last_name, h.street]),
      ...contacts.flatMap((c) => [c.phone, c.email]).filter((c): c is string => Boolean(c)),
      ...outboxHalves,
      ...handedOut,
    ];
    expect(handedOut.length).toBeGreaterThanOrEqual(8);
    const runs = [];
    for await (const wf of product.temporal.workflow.list({
      query: `TaskQueue = "${product.config.TEMPORAL_TASK_QUEUE}"`,
    }))
      runs.push(wf);
    expect(runs.map((r) => r.type)).toEqual(
      expect.arrayContaining(['pinRequestWorkflow', 'lostPinWorkflow', 'credentialLifecycleWorkflow']),
    );
    for (const run of runs) {
      const history = await product.temporal.workflow.getHandle(run.workflowId, run.runId).fetchHistory();
      const text = JSON.stringify(history, (_k, v) => (v instanceof Uint8Array ? Buffer.from(v).toString('utf8') : v));
      // Payloads are readable here (the business id is found): what is not found is not there.
      expect(text).toContain(run.workflowId.split(':')[1]);
      for (const secret of secrets) expect(text).not.toContain(secret);
    }
  });
});
