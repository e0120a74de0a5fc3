// The SPID era, end to end: after the switch-off date (the brief's default, 1 October 2020) a new PIN goes only to
// minors and non-EU citizens; everyone else is told, in the same words on the web and at the office, to use SPID,
// CIE or CNS, and nothing is started.
import type { Browser } from 'playwright-core';
import { computeFiscalCode } from '../../domain/fiscal-code';
import { useSpidMessage } from '../../domain/issuance-policy';
import { chooseSpidProvider, startBrowserSuite, stopBrowserSuite, signInToConsole } from '../support/browser';
import { citizenActions, fiscalCodeOf } from '../support/citizen';
import { requestFor } from '../support/demo';
import { pinDispositivoActions } from '../support/pin-dispositivo';
import { activePinFor, deliveredPin } from '../support/pins';
import { eventually, type TestProduct } from '../support/product';

let product: TestProduct;
let browser: Browser;
beforeAll(async () => ({ product, browser } = await startBrowserSuite({ SPID_SWITCH_OFF_DATE: '2020-10-01' })));
afterAll(() => stopBrowserSuite({ product, browser }));

/** A SPID level 2 session for a demo person, opened the way the provider's callback opens one. */
async function spidSessionToken(lastName: string): Promise<string> {
  const page = await signInWithSpid(lastName, 'SPID level 2');
  const cookie = (await page.context().cookies()).find((c) => c.name === 'pin_citizen_session')!;
  await page.close();
  return cookie.value;
}

/** Signs in on the citizen site through the provider stand-in; returns the page, at the home. */
async function signInWithSpid(lastName: string, how: string) {
  const page = await browser.newPage();
  await page.goto(`${product.urls.citizen}/login`);
  if (how.startsWith('CIE')) await page.getByRole('link', { name: 'Entra con CIE' }).click();
  else await chooseSpidProvider(page);
  await page.getByRole('heading', { name: 'Sign in with SPID or CIE (stand-in)' }).waitFor();
  await page.getByRole('button', { name: new RegExp(`${lastName}: ${how}`) }).click();
  await page.waitForURL(`${product.urls.citizen}/home`);
  return page;
}

const SPID_MESSAGE = useSpidMessage('2020-10-01');

describe('who may still get a PIN', () => {
  it('asks first whether the person is a minor or a non-EU citizen, and sends everyone else to SPID before any field', async () => {
    const context = await browser.newContext({ locale: 'it-IT' });
    const page = await context.newPage();
    await page.goto(product.urls.citizen);
    await page.getByRole('heading', { name: 'Chi può ancora richiedere il PIN' }).waitFor();
    expect(await page.locator('#fiscalCode').count()).toBe(0);
    // An adult EU citizen: the way to SPID, CIE and CNS, and no form to fill in.
    await page.getByLabel('Nessuno dei due').check();
    await page.getByRole('button', { name: 'Continua' }).click();
    await page.getByRole('heading', { name: 'Acceda con SPID, CIE o CNS' }).waitFor();
    expect(await page.locator('#fiscalCode').count()).toBe(0);
    expect(await page.locator('main summary', { hasText: 'Entra con SPID' }).count()).toBe(1);
    // A minor: the form, saying why it is offered.
    await page.goto(product.urls.citizen);
    await page.getByLabel('Ho meno di 18 anni').check();
    await page.getByRole('button', { name: 'Continua' }).click();
    await page.locator('#fiscalCode').waitFor();
    await page.getByText('Il PIN è rilasciato ai minori di 18 anni').waitFor();
    await context.close();
  });

  it('refuses an adult EU citizen online with the SPID message, storing and starting nothing', async () => {
    for (const lastName of ['Rossi', 'Popescu']) {
      const res = await product.citizen.post('/api/pin-requests', requestFor(lastName));
      expect(res.status).toBe(403);
      expect(res.body.error).toMatchObject({ code: 'use_spid', message: SPID_MESSAGE, links: { spid: '/login/spid' } });
    }
    expect(await product.db.selectFrom('pin_requests').select('id').execute()).toHaveLength(0);
  });

  it('"I will use SPID": no PIN, nothing stored, the way to SPID shown', async () => {
    const res = await product.citizen.post('/api/pin-requests', { ...requestFor('Ricci'), useSpid: true });
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({ pinIssued: false, links: { spid: '/login/spid' } });
    expect(await product.db.selectFrom('pin_requests').select('id').execute()).toHaveLength(0);
    const page = await browser.newPage();
    // On the web, in this era, an adult EU citizen is sent there before any field.
    await page.goto(`${product.urls.citizen}/?who=neither`);
    await chooseSpidProvider(page);
    await page.getByRole('heading', { name: 'Sign in with SPID or CIE (stand-in)' }).waitFor();
    await page.close();
  });

  it('accepts a minor and a non-EU citizen', async () => {
    // Her own contact: the test below reads her PIN's first half there.
    const ricci = requestFor('Ricci', { phone: '+393330000077', email: 'sofia.ricci@example.it' });
    expect((await product.citizen.post('/api/pin-requests', ricci)).status).toBe(202);
    expect((await product.citizen.post('/api/pin-requests', requestFor('Chen'))).status).toBe(202);
  });

  it('a minor’s PIN, issued under the rule, opens the services dedicated to minors, and only those', async () => {
    const act = citizenActions(product);
    const fiscalCode = fiscalCodeOf('Ricci');
    // The request the test above filed for her goes through validation and delivery like any other.
    await eventually(async () => {
      const requests = await product.db.selectFrom('pin_requests').select(['fiscal_code', 'status']).execute();
      return requests.some((r) => r.fiscal_code === fiscalCode && r.status === 'delivered') ? true : undefined;
    });
    const request = await product.db
      .selectFrom('pin_requests')
      .select('id')
      .where('fiscal_code', '=', fiscalCode)
      .executeTakeFirstOrThrow();
    const pin = await eventually(() => deliveredPin(product, request.id));
    const signedIn = await act.signIn(fiscalCode, await act.firstAccess(fiscalCode, pin));
    const me = await product.citizen.get('/api/me', signedIn.body.token);
    expect(me.body.services.map((s: { id: string }) => s.id)).toEqual([
      'contribution_statement',
      'certificazione_unica',
      'medical_certificates',
    ]);
    expect((await act.credentialOf(fiscalCode)).issued_under).toBe('minor');
  });

  it('judges someone not in the registry on the birth date they declare', async () => {
    const stranger = (birthDate: string) => {
      const identity = {
        firstName: 'Nora',
        lastName: 'Sconosciuta',
        birthDate,
        sex: 'F' as const,
        birthPlace: 'Roma',
        birthProvince: 'RM',
      };
      return requestFor('Gallo', { ...identity, fiscalCode: computeFiscalCode(identity)! });
    };
    expect((await product.citizen.post('/api/pin-requests', stranger('1990-01-01'))).status).toBe(403);
    expect((await product.citizen.post('/api/pin-requests', stranger('2012-01-01'))).status).toBe(202);
  });

  it('gives the office and the contact center the same answer, and the same exceptions', async () => {
    const operator = await pinDispositivoActions(product).staffToken('operator.verdi');
    const mv35 = (lastName: string) => ({
      fiscalCode: fiscalCodeOf(lastName),
      identityDocument: { type: 'passaporto', number: 'YA1234567', issuedBy: 'Questura', expiresOn: '2031-01-01' },
      appliedInPerson: true,
    });
    // Davide Lombardi turned 18 on 1 March 2026 (born 29 February 2008): too late for a PIN.
    for (const lastName of ['Bruno', 'Lombardi']) {
      const refused = await product.agents.post('/api/office/pin-dispositivo-issuances', mv35(lastName), operator);
      expect(refused.status).toBe(403);
      expect(refused.body.error.message).toBe(SPID_MESSAGE);
    }
    // And the contact center, before registering a caller.
    const agent = await pinDispositivoActions(product).staffToken('agent.neri');
    const eligibility = (lastName: string) =>
      product.agents.post('/api/agent/pin-eligibility', { fiscalCode: fiscalCodeOf(lastName) }, agent);
    expect((await eligibility('Bruno')).body.error).toMatchObject({ code: 'use_spid', message: SPID_MESSAGE });
    expect((await eligibility('Ricci')).body).toEqual({ mayIssuePin: true });

    const mohamed = await product.agents.post('/api/office/pin-dispositivo-issuances', mv35('El Amrani'), operator);
    expect(mohamed.status).toBe(201);
    const audit = await product.db.selectFrom('audit_log').select('action').execute();
    expect(audit.map((a) => a.action)).not.toContain('registry.corrected');
  });
});

describe('an intermediary in the SPID era', () => {
  it('gets no new PIN at the office either: the same SPID answer, nothing issued', async () => {
    const operator = await pinDispositivoActions(product).staffToken('operator.verdi');
    const refused = await product.agents.post(
      '/api/office/intermediary-credentials',
      { fiscalCode: fiscalCodeOf('Greco'), identityDocumentChecked: true },
      operator,
    );
    expect([refused.status, refused.body.error.message]).toEqual([403, SPID_MESSAGE]);
    const person = await product.db
      .selectFrom('persons')
      .select('id')
      .where('fiscal_code', '=', fiscalCodeOf('Greco'))
      .executeTakeFirstOrThrow();
    expect(
      await product.db.selectFrom('credentials').select('id').where('person_id', '=', person.id).execute(),
    ).toEqual([]);
  });
});

describe('a lost PIN in the SPID era', () => {
  it('is not replaced for an adult EU citizen, who is to use SPID, CIE or CNS; nothing is issued', async () => {
    const fiscalCode = fiscalCodeOf('Rossi');
    await activePinFor(product, fiscalCode);
    const person = await product.db
      .selectFrom('persons')
      .select(['id', 'phone'])
      .where('fiscal_code', '=', fiscalCode)
      .executeTakeFirstOrThrow();
    expect((await product.citizen.post('/api/lost-pin', { fiscalCode, phone: person.phone! })).status).toBe(202);
    await eventually(async () => {
      const taken = await product.db
        .selectFrom('submissions')
        .select('taken_in_at')
        .where('kind', '=', 'lost_pin')
        .executeTakeFirst();
      return taken?.taken_in_at ? true : undefined;
    });
    expect(
      await product.db.selectFrom('pin_requests').select('id').where('person_id', '=', person.id).execute(),
    ).toEqual([]);
  });
});

describe('sign-in with SPID or CIE', () => {
  it('takes the SPID identity provider picked on the button to the sign-in; a name AgID does not list goes nowhere', async () => {
    const page = await browser.newPage();
    await page.goto(`${product.urls.citizen}/login`);
    await chooseSpidProvider(page, 'Aruba ID');
    await page.locator('strong', { hasText: 'Aruba ID' }).waitFor();
    await page.close();

    const hintFor = async (query: string) => {
      const res = await fetch(`${product.urls.citizen}/login/spid?${query}`, { redirect: 'manual' });
      expect(res.status).toBe(303);
      return new URL(res.headers.get('location')!).searchParams.get('idp_hint');
    };
    expect(await hintFor('with=spid3&idp=Poste%20ID')).toBe('Poste ID');
    expect(await hintFor('with=spid2')).toBeNull();
    // Not on AgID's list, or for CIE (a provider of its own): the gateway asks the citizen itself.
    expect(await hintFor('with=spid2&idp=Evil%20ID')).toBeNull();
    expect(await hintFor('with=cie&idp=Poste%20ID')).toBeNull();
    expect(await hintFor('with=spid2&idp=%3Cscript%3EPoste%20ID')).toBeNull();
    // A provider named twice is refused at the edge, before any sign-in is begun.
    const twice = await fetch(`${product.urls.citizen}/login/spid?with=spid2&idp=Poste%20ID&idp=TIM%20ID`, {
      redirect: 'manual',
    });
    expect(twice.status).toBe(400);
  });

  it('level 2 and 3 and CIE give the rights of a PIN dispositivo; level 1 opens nothing, and the page says why', async () => {
    const cases = [
      ['SPID level 2', /signed in with SPID level 2, with the rights of a PIN dispositivo/],
      ['SPID level 3', /signed in with SPID level 3/],
      ['CIE', /signed in with CIE, with the rights of a PIN dispositivo/],
    ] as const;
    for (const [how, intro] of cases) {
      const page = await signInWithSpid('Bianchi', how);
      await page.getByText(intro).waitFor();
      expect(await page.locator('li[data-service="naspi"]').getByText('needs a PIN dispositivo').count()).toBe(0);
      await page.close();
    }
    const page = await browser.newPage();
    await page.goto(`${product.urls.citizen}/login`);
    await chooseSpidProvider(page, 'Aruba ID');
    await page.getByRole('button', { name: /Bianchi: SPID level 1/ }).click();
    await page.getByText(/SPID level 1 is not enough/).waitFor();
    expect(page.url()).not.toMatch(/\/home$/);
    expect(await page.locator('main summary', { hasText: 'Entra con SPID' }).count()).toBe(1);
    expect((await page.context().cookies()).find((c) => c.name === 'pin_citizen_session')).toBeUndefined();
    await page.close();
    const sessions = await product.db.selectFrom('citizen_sessions').select(['auth_method', 'spid_level']).execute();
    expect(sessions).toEqual(
      expect.arrayContaining([
        { auth_method: 'spid', spid_level: 2 },
        { auth_method: 'cie', spid_level: 3 },
      ]),
    );
    expect(sessions).not.toContainEqual({ auth_method: 'spid', spid_level: 1 });
  });

  it('a sign-in with SPID level 2 releases the applications filed with a PIN ordinario, with their first filing date', async () => {
    const fiscalCode = fiscalCodeOf('Ferrari');
    const pin = await activePinFor(product, fiscalCode);
    const session = await product.citizen.post('/api/session', { fiscalCode, pin });
    expect(session.body.stage).toBe('signed_in');
    const filed = await product.citizen.post(
      '/api/applications',
      { serviceId: 'family_allowance' },
      session.body.token,
    );
    expect(filed.status).toBe(201);
    const waiting = await eventually(async () => {
      const row = await product.db
        .selectFrom('benefit_applications')
        .selectAll()
        .where('id', '=', filed.body.applicationId)
        .executeTakeFirst();
      return row?.status === 'waiting_for_pin_dispositivo' && row;
    });

    const page = await signInWithSpid('Ferrari', 'SPID level 2');
    await page.close();
    const processed = await eventually(async () => {
      const row = await product.db
        .selectFrom('benefit_applications')
        .selectAll()
        .where('id', '=', waiting.id)
        .executeTakeFirst();
      return row?.status === 'processed' && row;
    });
    expect(processed.filed_at).toEqual(waiting.filed_at);
    expect(processed.processed_at!.getTime()).toBeGreaterThan(waiting.filed_at.getTime());
  });

  it('an application filed with SPID level 2 is processed at once', async () => {
    const page = await signInWithSpid('Bianchi', 'SPID level 2');
    await page.locator('li[data-service="naspi"]').getByRole('button', { name: 'Apply' }).click();
    await page.getByRole('heading', { name: 'Application filed' }).waitFor();
    const processed = await eventually(async () => {
      const row = await product.db
        .selectFrom('benefit_applications')
        .innerJoin('persons', 'persons.id', 'benefit_applications.person_id')
        .selectAll('benefit_applications')
        .where('persons.fiscal_code', '=', fiscalCodeOf('Bianchi'))
        .executeTakeFirst();
      return row?.status === 'processed' && row;
    });
    expect(processed.filed_with_dispositivo_rights).toBe(true);
    await page.close();
  });
});

describe('the temporary phone PIN', () => {
  it('a SPID user makes a one-week phone PIN, an agent identifies them with it; revoked, it no longer works', async () => {
    const agent = await pinDispositivoActions(product).staffToken('agent.neri');
    const identify = (phonePin: string) =>
      product.agents.post('/api/agent/caller-identification', { fiscalCode: fiscalCodeOf('Bianchi'), phonePin }, agent);

    const page = await signInWithSpid('Bianchi', 'SPID level 2');
    await page.getByRole('link', { name: 'Manage phone PINs' }).click();
    await page.getByLabel('Valid for').selectOption('1_week');
    await page.getByRole('button', { name: 'Make a phone PIN' }).click();
    const phonePin = (await page.locator('#phone-pin').textContent())!;
    expect(phonePin).toMatch(/^[A-Z0-9]{8}$/);
    const row = page.locator('#phone-pins tbody tr').first();
    expect(await row.getAttribute('data-status')).toBe('active');
    await page.screenshot({ path: `${process.env.TEST_DATA_DIR}/phone-pin.png`, fullPage: true });

    // The agent, in the console, while the caller reads the phone PIN out.
    const console = await browser.newPage();
    await signInToConsole(console, product.urls.agentConsole, 'agent.neri');
    await console.getByRole('tab', { name: 'Callers (803 164 · 06 164 164)' }).click();
    await console.getByLabel('Caller’s codice fiscale').fill(fiscalCodeOf('Bianchi'));
    await console.getByLabel('Phone PIN').fill(phonePin.toLowerCase());
    await console.getByRole('button', { name: 'Identify' }).click();
    await console.getByText(/Identified: Giulia Bianchi/).waitFor();
    await console.screenshot({ path: `${process.env.TEST_DATA_DIR}/agent-identifies-caller.png`, fullPage: true });
    await console.close();

    const identified = await identify(phonePin);
    expect(identified.status).toBe(200);
    expect(identified.body.caller).toMatchObject({ firstName: 'Giulia', lastName: 'Bianchi' });
    const stored = await product.db.selectFrom('phone_pins').selectAll().executeTakeFirstOrThrow();
    expect(stored.pin_hash).not.toContain(phonePin);
    expect(stored.expires_at.getTime() - stored.created_at.getTime()).toBeGreaterThan(7 * 86_400_000 - 60_000);

    await row.getByRole('button', { name: 'Revoke' }).click();
    await page.locator('#phone-pins tbody tr[data-status="revoked"]').waitFor();
    const refused = await identify(phonePin);
    expect(refused.status).toBe(401);
    expect(refused.body.error.code).toBe('not_identified');
    await page.close();
  });

  it('suspends identification by phone PIN after too many wrong ones, as a sign-in', async () => {
    const agent = await pinDispositivoActions(product).staffToken('agent.neri');
    const token = await spidSessionToken('Esposito');
    const { pin } = (await product.citizen.post('/api/phone-pins', { validity: '1_day' }, token)).body;
    const identify = (phonePin: string) =>
      product.agents.post(
        '/api/agent/caller-identification',
        { fiscalCode: fiscalCodeOf('Esposito'), phonePin },
        agent,
      );
    for (let i = 0; i < product.config.SIGN_IN_MAX_FAILURES; i++) expect((await identify('ACDEFGHJ')).status).toBe(401);
    const suspended = await identify(pin);
    expect(suspended.status).toBe(429);
    expect(suspended.body.error.code).toBe('identification_suspended');
    expect((await product.citizen.post('/api/phone-pins', { validity: '1_day' })).status).toBe(401);
  });

  it('keeps at most five phone PINs at work per citizen, all listed; revoking one makes room', async () => {
    const token = await spidSessionToken('Romano');
    const make = () => product.citizen.post('/api/phone-pins', { validity: '1_day' }, token);
    const made = [];
    for (let i = 0; i < 5; i++) made.push(await make());
    expect(made.map((r) => r.status)).toEqual([201, 201, 201, 201, 201]);
    const refused = await make();
    expect([refused.status, refused.body.error.code]).toEqual([409, 'too_many_phone_pins']);
    expect(refused.body.error.message).toMatch(/Revoke one you no longer need/);
    const listed = (await product.citizen.get('/api/phone-pins', token)).body.phonePins;
    expect(listed.filter((p: { status: string }) => p.status === 'active')).toHaveLength(5);
    expect((await product.citizen.delete(`/api/phone-pins/${made[0]!.body.phonePinId}`, token)).status).toBe(204);
    expect((await make()).status).toBe(201);
  });
});

describe('leaving PINs behind', () => {
  it('a PIN holder who signs in with SPID retires the PIN: it stops working and its lifecycle ends', async () => {
    const actions = citizenActions(product);
    const fiscalCode = fiscalCodeOf('Diallo');
    const pin = await actions.firstAccess(fiscalCode, (await actions.newPinFor('Diallo')).pin);
    const credential = await actions.credentialOf(fiscalCode);
    // Signed in with the PIN, there is no phone PIN to make.
    const pinSession = (await actions.signIn(fiscalCode, pin)).body.token;
    expect((await product.citizen.post('/api/phone-pins', { validity: '1_day' }, pinSession)).body.error.code).toBe(
      'spid_required',
    );

    const page = await signInWithSpid('Diallo', 'SPID level 2');
    await page.getByRole('heading', { name: 'You still hold an INPS PIN' }).waitFor();
    await page.getByRole('button', { name: 'Retire my PIN' }).click();
    // Asked once more, since it cannot be undone: "No" keeps it.
    await page.getByRole('heading', { name: 'Retire your INPS PIN?' }).waitFor();
    await page.getByRole('link', { name: 'No, keep it' }).click();
    await page.getByRole('heading', { name: 'You still hold an INPS PIN' }).waitFor();
    expect((await actions.signIn(fiscalCode, pin)).status).toBe(200);
    await page.getByRole('button', { name: 'Retire my PIN' }).click();
    await page.getByRole('button', { name: 'Yes, retire my PIN' }).click();
    await page.waitForURL(/\/home/);
    expect(await page.locator('#retire-pin').count()).toBe(0);
    await page.close();

    expect((await actions.signIn(fiscalCode, pin)).status).toBe(401);
    expect((await product.citizen.get('/api/me', pinSession)).status).toBe(401);
    expect((await actions.credentialOf(fiscalCode)).revocation_reason).toBe('retired_for_spid');
    expect(await actions.lifecycle(credential.id).result()).toBe('revoked');
  });
});
