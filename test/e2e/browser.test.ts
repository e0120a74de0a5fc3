// What a person does in the browser: requests a PIN on the citizen web, sees it arrive in the outbox, signs in the
// first time with it and gets the 8-character PIN; an agent signs in to the console and verifies a request that
// failed automatic validation.
import { readFileSync } from 'node:fs';
import type { Browser, Page } from 'playwright-core';
import { startBrowserSuite, stopBrowserSuite, signInToConsole } from '../support/browser';
import { demoStaff } from '../../dev/seed';
import { citizenActions, fiscalCodeOf } from '../support/citizen';
import { movedCitizen, requestFor } from '../support/demo';
import { faxPdf, scannedPage } from '../support/fax';
import { pdfText, secondHalfInLetter } from '../support/pdf-text';
import { activePhonePinFor } from '../support/pins';
import { eventually, staffToken, type TestProduct } from '../support/product';
import { pinRequestActions, statusLinkSentTo } from '../support/requests';

let product: TestProduct;
let browser: Browser;
beforeAll(async () => ({ product, browser } = await startBrowserSuite()));
afterAll(() => stopBrowserSuite({ product, browser }));

async function fillRequestForm(page: Page, data: ReturnType<typeof requestFor>) {
  await page.goto(product.urls.citizen);
  await page.getByLabel('Codice fiscale').fill(data.fiscalCode);
  await page.getByLabel('First name').fill(data.firstName);
  await page.getByLabel('Last name').fill(data.lastName);
  await page.getByLabel('Birth date').fill(data.birthDate);
  await page.getByLabel('Sex').selectOption(data.sex);
  await page.getByLabel('Birthplace').fill(data.birthPlace);
  await page.getByLabel('Birth province').fill(data.birthProvince);
  await page.getByLabel('Street and number').fill(data.residence.street);
  await page.getByLabel('Comune of residence').fill(data.residence.city);
  await page.getByLabel('Province of residence').fill(data.residence.province);
  await page.getByLabel('Postal code (CAP)').fill(data.residence.postalCode);
  await page.getByLabel('Mobile phone').fill(data.phone);
  await page.getByLabel('Email').fill(data.email);
  await page.getByLabel('Send the first 8 characters by').selectOption(data.deliveryChannel);
  await page.getByRole('button', { name: 'Request the PIN' }).click();
}

/** The office desk's form: the applicant's document, and the residence it shows where it differs from the registry. */
async function fillDeskForm(
  page: Page,
  form: {
    lastName: string;
    document?: string;
    number: string;
    issuedBy: string;
    validUntil: string;
    residence: { street: string; city: string; province: string; postalCode: string };
  },
) {
  await page.getByLabel('Codice fiscale', { exact: true }).fill(fiscalCodeOf(form.lastName));
  if (form.document) await page.getByLabel('Document', { exact: true }).selectOption(form.document);
  await page.getByLabel('Document number').fill(form.number);
  await page.getByLabel('Issued by').fill(form.issuedBy);
  await page.getByLabel('Valid until').fill(form.validUntil);
  await page.getByLabel('Street and number').fill(form.residence.street);
  await page.getByLabel('Comune of residence').fill(form.residence.city);
  await page.getByLabel('Province').fill(form.residence.province);
  await page.getByLabel('Postal code (CAP)').fill(form.residence.postalCode);
}

it('a citizen requests a PIN, takes it from the outbox, signs in the first time, gets the 8-character PIN and signs in with it', async () => {
  const page = await browser.newPage();
  const gallo = requestFor('Gallo');
  await fillRequestForm(page, gallo);
  await page.getByRole('heading', { name: 'Request received' }).waitFor();
  // The link to follow the request, from the SMS, opens its page.
  await page.goto(await statusLinkSentTo(product, gallo.phone));
  await eventually(async () => {
    await page.reload();
    return page.getByRole('heading', { name: 'PIN sent' }).isVisible();
  });

  await page.goto(`${product.standIns}/dev/outbox`);
  await page.getByText('la prima parte del Suo PIN').first().waitFor();
  const [pdf] = await Promise.all([
    page.waitForResponse(/\/dev\/lob\/letters\/.+\.pdf$/),
    page.getByRole('link', { name: 'Open the letter (PDF)' }).first().click(),
  ]);
  expect(pdf.headers()['content-type']).toBe('application/pdf');
  // Downloaded, as a person would save it, and read.
  const secondHalf = secondHalfInLetter(pdfText(await (await page.request.get(pdf.url())).body()));
  await page.goto(`${product.standIns}/dev/outbox`);
  const sms = await page.getByText('la prima parte del Suo PIN').first().textContent();
  const firstHalf = sms!.match(/PIN è ([A-Z0-9]{8})\./)![1]!;

  // First access: the 16 characters, then the new PIN, shown once.
  await page.goto(`${product.urls.citizen}/login`);
  await page.getByLabel('Codice fiscale').fill(gallo.fiscalCode);
  await page.getByLabel('PIN').fill(firstHalf + secondHalf);
  await page.getByRole('button', { name: 'Sign in' }).click();
  await page.getByRole('heading', { name: 'First access' }).waitFor();
  await page.getByRole('button', { name: 'Give me my new PIN' }).click();
  await page.getByText('it will not be shown again').waitFor();
  const pin = (await page.locator('#new-pin').textContent())!;
  expect(pin).toMatch(/^[A-Z0-9]{8}$/);
  await page.screenshot({ path: `${process.env.TEST_DATA_DIR}/new-pin.png` });
  await page.getByRole('link', { name: 'I have noted it: continue' }).click();
  await page.getByRole('heading', { name: 'Welcome, Elena Gallo' }).waitFor();
  await page.getByText('Estratto conto contributivo').waitFor();
  await page.getByRole('button', { name: 'Sign out' }).click();
  await page.getByText('You have signed out.').waitFor();

  // From now on the 8-character PIN; the 16-character one is dead.
  await page.getByLabel('Codice fiscale').fill(gallo.fiscalCode);
  await page.getByLabel('PIN').fill(firstHalf + secondHalf);
  await page.getByRole('button', { name: 'Sign in' }).click();
  await page.getByText('The codice fiscale or the PIN is not correct.').waitFor();
  expect(await page.getByLabel('Codice fiscale').inputValue()).toBe(gallo.fiscalCode);
  await page.getByLabel('PIN').fill(pin);
  await page.getByRole('button', { name: 'Sign in' }).click();
  await page.getByRole('heading', { name: 'Welcome, Elena Gallo' }).waitFor();

  // Asking for a PIN again gets the answer anybody gets (it says nothing of the PIN she holds), with the way to
  // Lost PIN; no second PIN.
  await fillRequestForm(page, gallo);
  await page.getByRole('heading', { name: 'Request received' }).waitFor();
  await page.locator('main').getByRole('link', { name: 'Lost PIN' }).click();
  await page.getByRole('heading', { name: 'Lost your PIN?' }).waitFor();
  await page.close();
});

it('offers on the request form the ways in that make a PIN unneeded, the ones the sign-in page offers: SPID, CIE, CNS', async () => {
  const page = await browser.newPage();
  const waysIn = async (url: string, section: string) => {
    await page.goto(url);
    const card = page.locator(section);
    return {
      spid: await card.locator('summary', { hasText: 'Entra con SPID' }).count(),
      cie: await card.getByRole('link', { name: 'Entra con CIE' }).getAttribute('href'),
      cns: await card.getByRole('link', { name: 'Entra con CNS' }).getAttribute('href'),
    };
  };
  const onSignIn = await waysIn(`${product.urls.citizen}/login`, '#spid');
  expect(onSignIn).toMatchObject({ spid: 1, cie: expect.any(String), cns: expect.any(String) });
  expect(await waysIn(product.urls.citizen, '#use-spid')).toEqual(onSignIn);
  await page.close();
});

it('marks every bad field on the form and keeps what was typed', async () => {
  const page = await browser.newPage();
  await fillRequestForm(page, requestFor('Caruso', { email: 'matteo@', residence: { postalCode: '00100' } }));
  await page.locator('#email-error').getByText('Not a valid email address.').waitFor();
  expect(await page.getByLabel('Email').getAttribute('aria-invalid')).toBe('true');
  expect(await page.getByLabel('Postal code (CAP)').getAttribute('aria-invalid')).toBe('true');
  expect(await page.getByLabel('First name').inputValue()).toBe('Matteo');
  expect(page.url()).toBe(`${product.urls.citizen}/`);
  await page.close();
});

it('in Italian and without JavaScript: the form marks its errors beside each field, and the status page says what happens next', async () => {
  const context = await browser.newContext({ locale: 'it-IT', javaScriptEnabled: false });
  const page = await context.newPage();
  const bruno = requestFor('Bruno');
  await page.goto(product.urls.citizen);
  expect(await page.locator('html').getAttribute('lang')).toBe('it');
  await page.getByRole('heading', { name: 'Richieda il Suo PIN INPS' }).waitFor();
  // A label is its text and then its hint ("Codice fiscale 16 caratteri"): matched from its start, word for word.
  const field = (label: string) => page.getByLabel(new RegExp(`^${label}( |$)`));
  const fill = async (label: string, value: string) => field(label).fill(value);
  await fill('Codice fiscale', bruno.fiscalCode);
  await fill('Nome', bruno.firstName);
  await fill('Cognome', bruno.lastName);
  await fill('Data di nascita', bruno.birthDate);
  await page.getByLabel('Sesso').selectOption(bruno.sex);
  await fill('Luogo di nascita', bruno.birthPlace);
  await fill('Provincia di nascita', bruno.birthProvince);
  await fill('Via e numero civico', bruno.residence.street);
  await fill('Comune di residenza', bruno.residence.city);
  await fill('Provincia di residenza', bruno.residence.province);
  await fill('CAP', '1612');
  await fill('Cellulare', bruno.phone);
  await fill('Email', 'marco.bruno@');
  await page.getByRole('button', { name: 'Richiedi il PIN' }).click();

  // Posted as a plain form and shown again: each error in Italian beside its field, what was typed kept.
  await page.getByText('Alcuni campi mancano o non sono validi').waitFor();
  expect(await page.locator('#postalCode-error').innerText()).toBe('Il CAP ha cinque cifre.');
  expect(await page.locator('#email-error').innerText()).toBe('Indirizzo email non valido.');
  // Summed up at the top, linked to each field, in the form's order; without JavaScript too, focus starts there.
  const summary = page.locator('#error-summary');
  expect(await summary.getByRole('link').allInnerTexts()).toEqual([
    'CAP: Il CAP ha cinque cifre.',
    'Email: Indirizzo email non valido.',
  ]);
  expect(await page.evaluate('document.activeElement.id')).toBe('error-summary');
  await summary.getByRole('link', { name: /^CAP/ }).click();
  expect(await page.evaluate('document.activeElement.id')).toBe('postalCode');
  expect(await field('CAP').getAttribute('aria-invalid')).toBe('true');
  expect(await field('Nome').inputValue()).toBe(bruno.firstName);
  await fill('CAP', bruno.residence.postalCode);
  await fill('Email', bruno.email);
  await page.getByRole('button', { name: 'Richiedi il PIN' }).click();

  await page.getByRole('heading', { name: 'Richiesta ricevuta' }).waitFor();
  await page.goto(await statusLinkSentTo(product, bruno.phone));
  // Without JavaScript the page refreshes itself until the letter has gone. (Italian writes a month's first day as
  // an ordinal: "1° dicembre".)
  await eventually(async () => {
    await page.reload();
    return /la lettera con gli altri 8 è stata spedita il \d+°? \w+ \d{4} e dovrebbe arrivare entro il \d+°? \w+ \d{4}/.test(
      await page.locator('main').innerText(),
    );
  });
  await page.getByRole('heading', { name: 'PIN inviato' }).waitFor();
  await page.screenshot({ path: `${process.env.TEST_DATA_DIR}/citizen-status-it.png`, fullPage: true });

  // English is one click away, and stays chosen.
  await page.getByRole('link', { name: 'English' }).click();
  await page.getByRole('heading', { name: 'PIN sent' }).waitFor();
  await page.goto(product.urls.citizen);
  await page.getByRole('heading', { name: 'Request your INPS PIN' }).waitFor();
  await context.close();
});

it('an agent takes the next task, calls the citizen through the phone system, records "verified", and the citizen sees the PIN sent', async () => {
  const citizen = await browser.newPage();
  await fillRequestForm(citizen, movedCitizen());
  await citizen.getByRole('heading', { name: 'Request received' }).waitFor();
  await citizen.goto(await statusLinkSentTo(product, movedCitizen().email));
  await eventually(async () => {
    await citizen.reload();
    return citizen.getByRole('heading', { name: 'We will call you' }).isVisible();
  });

  const page = await browser.newPage({ viewport: { width: 1400, height: 1000 } });
  await signInToConsole(page, product.urls.agentConsole, 'agent.ruggeri');
  const row = page.getByRole('row', { name: /Luca Ferrari/ });
  await row.getByText('Address differs from the registry').waitFor({ timeout: 20_000 });
  await row.getByText('FRRLCU•••••••••N').waitFor();
  // An agent who only makes calls sees neither the callers' desk nor supervision.
  expect(await page.getByRole('tab', { name: 'Supervision' }).isVisible()).toBe(false);
  expect(await page.getByRole('tab', { name: 'Callers (803 164 · 06 164 164)' }).isVisible()).toBe(false);
  await page.getByRole('button', { name: 'Next task' }).click();
  await page.getByRole('heading', { name: /Call Luca Ferrari/ }).waitFor();
  await page.getByText('Via Zamboni 33, 40126 Bologna (BO)').waitFor();
  expect(await page.locator('tr.differs').count()).toBeGreaterThan(0);
  // The registry's answers are not on the screen: the agent asks, and checks what the caller says.
  expect(await page.getByText('Via Garibaldi 12').count()).toBe(0);

  // Click-to-call: the agent's phone answers by itself in the stand-in; the citizen's phone is its dev page.
  await page.getByRole('button', { name: 'Call the citizen' }).click();
  await page.getByText('Calling the citizen…', { exact: true }).waitFor({ timeout: 10_000 });
  const phone = await browser.newPage();
  await phone.goto(`${product.standIns}/dev/outbox`);
  await phone.getByRole('button', { name: 'Answer' }).first().click();
  await page.getByText('Connected: you are speaking with the citizen', { exact: true }).waitFor({ timeout: 10_000 });
  await phone.getByRole('button', { name: 'Hang up' }).first().click();
  await page.getByText('Call ended', { exact: true }).waitFor({ timeout: 10_000 });
  // "Verified" before the caller stated the residence INPS holds is refused.
  await page.getByRole('button', { name: 'Verified', exact: true }).click();
  await page
    .getByText(/needs the residence INPS holds/)
    .first()
    .waitFor();
  // He typed the flat he is moving to; his residence is still in Torino, and he says so.
  await page.getByLabel('Where do you live? Street and number').fill('Via Bologna 1');
  await page.getByLabel('What is the postal code?').fill('10122');
  await page.getByLabel('In which comune?').fill('Torino');
  await page.getByRole('button', { name: 'Check the answers' }).click();
  await page.getByText('Residence: does not match what INPS holds').waitFor();
  await page.getByLabel('Where do you live? Street and number').fill('Via Garibaldi 12');
  await page.getByRole('button', { name: 'Check the answers' }).click();
  await page.getByText('Residence: matches what INPS holds').waitFor();
  await page.screenshot({ path: `${process.env.TEST_DATA_DIR}/agent-console.png`, fullPage: true });

  await page.getByRole('button', { name: 'Not verified', exact: true }).click();
  await page.getByText('Say why the identity could not be verified').waitFor();
  await page.getByRole('button', { name: 'Verified', exact: true }).click();
  await page.getByText('Verified: the PIN is on its way to the citizen.').waitFor();

  // The page does not reload itself: the citizen presses its refresh button until the PIN has gone.
  await eventually(async () => {
    await citizen.getByRole('link', { name: 'Refresh this page' }).click();
    return citizen.getByRole('heading', { name: 'PIN sent' }).isVisible();
  });
  // What happens next, in plain words: the day the letter was posted and the day the post expects to deliver it.
  await eventually(async () => {
    await citizen.reload();
    return /the letter with the other 8 was posted on \d+ \w+ \d{4} and should arrive by \d+ \w+ \d{4}/.test(
      await citizen.locator('main').innerText(),
    );
  });
  await citizen.screenshot({ path: `${process.env.TEST_DATA_DIR}/citizen-status-after-call.png`, fullPage: true });
});

it('a supervisor finds a citizen’s request by codice fiscale, without its id, and reads who did what on it', async () => {
  const { requestId } = await pinRequestActions(product).submit(
    requestFor('Marino', { residence: { street: 'Via Inesistente 9' } }),
  );
  const taskId = await eventually(
    async () =>
      (
        await product.db
          .selectFrom('agent_tasks')
          .select('id')
          .where('pin_request_id', '=', requestId)
          .executeTakeFirst()
      )?.id,
  );
  const agent = await staffToken(product, 'agent.sala');
  expect((await product.agents.post(`/api/agent/tasks/${taskId}/claim`, {}, agent)).status).toBe(200);

  const page = await browser.newPage({ viewport: { width: 1400, height: 1000 } });
  await signInToConsole(page, product.urls.agentConsole, 'supervisor.galli');
  await page.getByRole('tab', { name: 'Supervision' }).click();
  // What a citizen on the phone can tell: the codice fiscale, as they spell it.
  await page.getByLabel('Codice fiscale, form code (CNV-…) or request id').fill(fiscalCodeOf('Marino').toLowerCase());
  await page.getByRole('button', { name: 'Search', exact: true }).click();
  const found = page.locator('#audit-cases').getByRole('row', { name: /PIN request/ });
  await found.getByText('waiting for the verification call').waitFor();
  expect(await found.getByText('online').count()).toBe(1);
  // One request found: its trail is already open below.
  await page.getByRole('heading', { name: /^Trail: PIN request of / }).waitFor();
  await page
    .locator('#audit-rows')
    .getByRole('row', { name: /Pietro Sala.*Task claimed/ })
    .waitFor();

  // A mistyped codice fiscale is named as such, and nobody's data shows.
  await page.getByLabel('Codice fiscale, form code (CNV-…) or request id').fill('MRNXXX');
  await page.getByRole('button', { name: 'Search', exact: true }).click();
  await page
    .locator('#audit-rows')
    .getByText(/codice fiscale/i)
    .waitFor();
  expect(await page.locator('#audit-cases').isVisible()).toBe(false);

  // Answers can come back out of order: the trail on screen is the one asked for last, never an earlier one's.
  const other = await pinRequestActions(product).submit(requestFor('Villa'));
  let release = () => {};
  const held = new Promise<void>((resolve) => (release = resolve));
  await page.route(`**/api/supervision/requests/${requestId}/audit`, async (route) => {
    const response = await route.fetch();
    await held;
    await route.fulfill({ response });
  });
  for (const key of [requestId, other.requestId]) {
    await page.getByLabel('Codice fiscale, form code (CNV-…) or request id').fill(key);
    await page.getByRole('button', { name: 'Search', exact: true }).click();
  }
  await page.getByRole('heading', { name: `Trail: ${other.requestId}` }).waitFor();
  await page.locator('#audit-rows tr').first().waitFor();
  const late = page.waitForResponse((r) => r.url().endsWith(`/requests/${requestId}/audit`));
  release();
  await late;
  await page.waitForTimeout(500);
  expect(await page.getByRole('heading', { name: `Trail: ${other.requestId}` }).isVisible()).toBe(true);
  expect(
    await page
      .locator('#audit-rows')
      .getByRole('row', { name: /Task claimed/ })
      .count(),
  ).toBe(0);
  await page.close();
});

it('an agent registers a caller on 803 164: the registry check during the call, the first 8 characters shown once', async () => {
  const page = await browser.newPage({ viewport: { width: 1400, height: 1100 } });
  await signInToConsole(page, product.urls.agentConsole, 'agent.neri');
  await page.getByRole('tab', { name: 'Callers (803 164 · 06 164 164)' }).click();
  const caller = requestFor('Romano', { residence: { street: 'Via dei Mille 8' }, deliveryChannel: 'email' });
  const form = page.locator('#register-form');
  await form.getByLabel('Codice fiscale').fill(caller.fiscalCode);
  await form.getByLabel('First name').fill(caller.firstName);
  await form.getByLabel('Last name').fill(caller.lastName);
  await form.getByLabel('Date of birth').fill(caller.birthDate);
  await form.getByLabel('Sex').selectOption(caller.sex);
  await form.getByLabel('Comune of birth').fill(caller.birthPlace);
  await form.getByLabel('Province of birth').fill(caller.birthProvince);
  await form.getByLabel('Residence: street and number').fill(caller.residence.street);
  await form.getByLabel('Comune of residence').fill(caller.residence.city);
  await form.getByLabel('Province', { exact: true }).fill(caller.residence.province);
  await form.getByLabel('Postal code').fill('5013');
  await form.getByLabel('Mobile phone').fill(caller.phone);
  await form.getByLabel('Email').fill(caller.email);
  await form.getByLabel('First 8 characters also sent by').selectOption('email');

  await page.getByRole('button', { name: 'Check with the registry' }).click();
  await page.getByText('five digits').waitFor();
  await form.getByLabel('Postal code').fill(caller.residence.postalCode);
  await page.getByRole('button', { name: 'Check with the registry' }).click();
  await page.getByText(/The registry differs: Address differs from the registry/).waitFor();
  await page.getByRole('button', { name: 'Register and issue the PIN' }).click();
  await page.getByText('confirm that you read every field back to the caller').waitFor();
  await page.getByLabel('I read every field back to the caller and they confirmed it').check();
  // A residence INPS does not hold is refused: the letter goes only to the registry's address.
  await page.getByRole('button', { name: 'Register and issue the PIN' }).click();
  await page
    .locator('#banner')
    .getByText(/ask their comune to update their residence/)
    .waitFor();
  // Read back, the caller corrects herself: "Viale", not "Via". The verdict on what she said before goes at once.
  await form.getByLabel('Residence: street and number').fill('Viale dei Mille 8');
  expect(await page.locator('#reg-check-result').isHidden()).toBe(true);
  await page.getByRole('button', { name: 'Check with the registry' }).click();
  await page.getByText('The registry confirms these data. Read them back to the caller and register.').waitFor();
  await page.getByRole('button', { name: 'Register and issue the PIN' }).click();
  await page.getByRole('heading', { name: 'Read these 8 characters to the caller' }).waitFor({ timeout: 20_000 });
  const firstHalf = (await page.locator('#readout-pin').innerText()).trim();
  expect(firstHalf).toMatch(/^[A-Z0-9]{8}$/);
  // Spelled for the phone, in two groups of four: "A come Ancona · 7, sette · …".
  const spelled = await page.locator('#readout-spelled li').allInnerTexts();
  expect(spelled).toHaveLength(2);
  expect(spelled[0]).toMatch(new RegExp(`^${firstHalf[0]}( come \\S|, )`));
  expect(spelled.join(' · ').split(' · ')).toHaveLength(8);
  await page.screenshot({ path: `${process.env.TEST_DATA_DIR}/phone-registration.png`, fullPage: true });
  await page.getByRole('button', { name: 'Done: hide them' }).click();
  expect(await page.getByText(firstHalf).count()).toBe(0);
  // The next caller: what the screen showed of this one goes as soon as the agent starts on another form.
  await page.getByLabel('Caller’s codice fiscale').fill('RSSMRA55T03H501N');
  await page.getByLabel('Phone PIN').fill('000000');
  await page.getByRole('button', { name: 'Identify', exact: true }).click();
  // Mistyped, the phone PIN is named, with what one looks like.
  await page
    .locator('#identify-result')
    .getByText(/phone PIN is not valid\. A phone PIN has 8 characters\./)
    .waitFor();
  await page.locator('#register-form input').first().focus();
  expect(await page.locator('#identify-result').isHidden()).toBe(true);
  await page.getByRole('button', { name: 'New caller: clear the screen' }).click();
  expect(await page.getByLabel('Caller’s codice fiscale').inputValue()).toBe('');
  expect(await page.evaluate('document.activeElement.id')).toBe('caller-cf');

  // The same 8 characters reach the caller's email.
  const outbox = await browser.newPage();
  await outbox.goto(`${product.standIns}/dev/outbox`);
  await outbox.getByText(`la prima parte del Suo PIN è ${firstHalf}`).waitFor({ timeout: 20_000 });
});

it('speaks only of the caller on the line: a late answer about the previous caller shows nothing', async () => {
  const phonePin = await activePhonePinFor(product, fiscalCodeOf('Bianchi'));
  const page = await browser.newPage({ viewport: { width: 1400, height: 1100 } });
  await signInToConsole(page, product.urls.agentConsole, 'agent.neri');
  await page.getByRole('tab', { name: 'Callers (803 164 · 06 164 164)' }).click();
  // The first caller's identification is slow to come back.
  let release = () => {};
  const held = new Promise<void>((resolve) => (release = resolve));
  let identifications = 0;
  await page.route('**/api/agent/caller-identification', async (route) => {
    if (identifications++ > 0) return route.continue();
    const response = await route.fetch();
    await held;
    await route.fulfill({ response });
  });
  const identify = async (fiscalCode: string, pin: string) => {
    await page.getByLabel('Caller’s codice fiscale').fill(fiscalCode);
    await page.getByLabel('Phone PIN').fill(pin);
    await page.getByRole('button', { name: 'Identify', exact: true }).click();
  };
  await identify(fiscalCodeOf('Bianchi'), phonePin);
  // She hangs up; the next caller reads out a phone PIN that is not his.
  await page.getByRole('button', { name: 'New caller: clear the screen' }).click();
  await identify(fiscalCodeOf('Rossi'), 'ACDEFGHJ');
  const result = page.locator('#identify-result');
  await result.getByText(/do not match an active phone PIN/).waitFor();
  const refused = await result.innerText();
  const late = page.waitForResponse((r) => r.url().endsWith('/api/agent/caller-identification') && r.ok());
  release();
  await late;
  await page.waitForTimeout(500);
  expect(await result.innerText()).toBe(refused);
  await page.close();
});

it('a citizen files an application, converts the PIN by upload, an agent approves, and the application is processed with its first filing date', async () => {
  const actions = citizenActions(product);
  const fiscalCode = fiscalCodeOf('Popescu');
  const pin = await actions.firstAccess(fiscalCode, (await actions.newPinFor('Popescu')).pin);
  const shots = process.env.TEST_DATA_DIR;

  // The citizen signs in and applies for NASpI with the PIN ordinario: it is filed, and waits.
  const citizen = await browser.newPage();
  await citizen.goto(`${product.urls.citizen}/login`);
  await citizen.getByLabel('Codice fiscale').fill(fiscalCode);
  await citizen.getByLabel('PIN').fill(pin);
  await citizen.getByRole('button', { name: 'Sign in' }).click();
  await citizen
    .locator('li[data-service="naspi"]')
    .getByRole('button', { name: 'Apply (it waits for your PIN dispositivo)' })
    .click();
  await citizen.getByRole('heading', { name: 'Application filed' }).waitFor();
  await citizen.getByRole('link', { name: 'See all your applications' }).click();
  const row = citizen.locator('#applications tbody tr').first();
  await row.getByText('Waiting for PIN dispositivo').waitFor();
  const filedOn = await row.locator('.filed-at').textContent();
  await citizen.screenshot({ path: `${shots}/citizen-application-waiting.png`, fullPage: true });

  // "Converti PIN": the form, then the two documents uploaded.
  await citizen.getByRole('button', { name: 'Get the conversion form' }).click();
  const [download] = await Promise.all([
    citizen.waitForEvent('download'),
    citizen.getByRole('link', { name: 'Download the form (PDF)' }).click(),
  ]);
  const form = readFileSync(await download.path());
  const requestCode = /CNV-[0-9A-Z]{4}-[0-9A-Z]{4}/.exec(pdfText(form))![0];
  await citizen.getByLabel('The signed form').setInputFiles({
    name: 'modulo-firmato.pdf',
    mimeType: 'application/pdf',
    buffer: await faxPdf({ qrText: requestCode }),
  });
  await citizen.getByLabel('Your identity document (both sides)').setInputFiles({
    name: 'carta-identita.jpg',
    mimeType: 'image/jpeg',
    buffer: scannedPage({}),
  });
  await citizen.getByRole('button', { name: 'Send the documents' }).click();
  await citizen.getByText('Documents received. Thank you.').waitFor();
  // Received, and on its way to a reviewer: never "waiting for" what has just arrived.
  expect(await citizen.locator('#conversion-status').innerText()).toMatch(/^Your documents arrived by upload/);
  await eventually(async () => {
    await citizen.reload();
    return (await citizen.locator('#conversion-status').getAttribute('data-status')) === 'in_review';
  });

  // The agent reviews the two documents side by side and approves.
  const page = await browser.newPage({ viewport: { width: 1400, height: 1000 } });
  await signInToConsole(page, product.urls.agentConsole, 'agent.conti');
  const task = page.getByRole('row', { name: /Ioana Popescu/ });
  await task.getByText(`Request ${requestCode}, returned by upload`).waitFor({ timeout: 20_000 });
  await task.getByRole('button', { name: 'Claim' }).click();
  await page.getByRole('heading', { name: /Review the documents of Ioana Popescu/ }).waitFor();
  await page.locator('figure[data-role="signed_form"] iframe').waitFor();
  await page.locator('figure[data-role="identity_document"] img').waitFor();
  await page.screenshot({ path: `${shots}/agent-document-review.png`, fullPage: true });
  await page.getByRole('button', { name: 'Approve: make the PIN dispositivo' }).click();
  await page.getByText('Approved: the PIN is now dispositivo.').waitFor();

  // Back on the citizen's home: the application is processed, with the date it was first filed.
  await citizen.goto(`${product.urls.citizen}/home`);
  const processed = citizen.locator('#applications tbody tr').first();
  await eventually(async () => {
    await citizen.reload();
    return (await processed.getAttribute('data-status')) === 'processed';
  });
  await processed.getByText('Processed', { exact: true }).waitFor();
  expect(await processed.locator('.filed-at').textContent()).toBe(filedOn);
  expect(await citizen.locator('#pin-dispositivo').count()).toBe(0);
  await citizen.screenshot({ path: `${shots}/citizen-application-processed.png`, fullPage: true });
});

it('an office operator issues a PIN dispositivo from form MV35, correcting the address, and prints the handover sheet', async () => {
  const page = await browser.newPage();
  await atTheDesk(page);

  await fillDeskForm(page, {
    lastName: 'Barbieri',
    document: 'passaporto',
    number: 'YA7654321',
    issuedBy: 'Questura di Trieste',
    validUntil: '2032-03-31',
    residence: { street: 'Via San Nicolò 4', city: 'Trieste', province: 'TS', postalCode: '34121' },
  });
  // Without the in-person confirmation nothing is issued, and the form says why, next to the box.
  await page.getByRole('button', { name: 'Issue a PIN dispositivo (form MV35)' }).click();
  await page
    .locator('#appliedInPerson-error')
    .getByText(/in person/)
    .waitFor();
  expect(await page.getByLabel('Document number').inputValue()).toBe('YA7654321');

  await page.getByLabel(/The applicant is at the desk in person/).check();
  await page.getByRole('button', { name: 'Issue a PIN dispositivo (form MV35)' }).click();
  await page.getByRole('heading', { name: 'PIN dispositivo issued' }).waitFor();
  const pin = (await page.locator('#handover-pin').textContent())!;
  expect(pin).toMatch(/^[A-Z0-9]{16}$/);
  // Printed, it is an INPS document in Italian: the PIN in four groups of four, what to do, the line the citizen signs.
  const sheet = page.locator('#handover-sheet');
  expect(await sheet.locator('#handover-pin .group').allTextContents()).toEqual(pin.match(/.{4}/g));
  await sheet.getByRole('heading', { name: 'Consegna del PIN dispositivo' }).waitFor();
  await sheet.getByText('Le sarà assegnato un nuovo PIN personale di 8 caratteri').waitFor();
  await sheet.getByText('Firma del titolare').waitFor();
  await page.emulateMedia({ media: 'print' });
  expect(await page.getByText('Print this sheet and hand it over now').isVisible()).toBe(false);
  expect(await sheet.isVisible()).toBe(true);
  await page.emulateMedia({ media: 'screen' });
  const changes = page.locator('#registry-changes');
  await changes.getByText('Via Carducci 9').waitFor();
  await changes.getByText('Via San Nicolò 4').waitFor();
  await page.screenshot({ path: `${process.env.TEST_DATA_DIR}/office-handover.png`, fullPage: true });
  const session = await product.citizen.post('/api/session', { fiscalCode: fiscalCodeOf('Barbieri'), pin });
  expect(session.body.stage).toBe('first_access');
});

/** The office operator, signed in at the desk on `page`. */
async function atTheDesk(page: Page) {
  await signInToConsole(page, product.urls.agentConsole, 'operator.verdi');
  await page.getByRole('heading', { name: 'In person at the office' }).waitFor();
}
const operatorSessionEnds = () =>
  product.db
    .updateTable('staff_sessions')
    .set({ expires_at: new Date(Date.now() - 1000) })
    .where('staff_id', 'in', product.db.selectFrom('staff').select('id').where('username', '=', 'operator.verdi'))
    .execute();
/** "Sign in again in a new tab", as the operator follows it: signed in there, at the desk in that tab. */
async function signInAgainInNewTab(page: Page) {
  const [tab] = await Promise.all([
    page.context().waitForEvent('page'),
    page.getByRole('link', { name: 'Sign in again in a new tab' }).click(),
  ]);
  await tab.locator('#username').fill('operator.verdi');
  await tab.locator('#password').fill(demoStaff('operator.verdi').password);
  await tab.locator('#login-form button[type=submit]').click();
  await tab.getByRole('heading', { name: 'In person at the office' }).waitFor();
}

it('keeps the office form as typed when the operator’s session has run out, to send once signed in again', async () => {
  const page = await browser.newPage();
  await atTheDesk(page);
  await fillDeskForm(page, {
    lastName: 'Rizzo',
    number: 'CB54321AD',
    issuedBy: 'Comune di Bari',
    validUntil: '2031-01-15',
    residence: { street: 'Via Sparano 20', city: 'Bari', province: 'BA', postalCode: '70121' },
  });
  await page.getByLabel(/The applicant is at the desk in person/).check();
  // The day's session (AGENT_SESSION_HOURS) ends while the applicant is at the desk.
  await operatorSessionEnds();
  await page.getByRole('button', { name: 'Correct the registry only' }).click();
  await page.getByText('Your session has ended, and nothing was recorded.').waitFor();
  expect(await page.getByText(/Signed in as/).count()).toBe(0);
  expect(await page.getByLabel('Document number').inputValue()).toBe('CB54321AD');
  expect(await page.getByLabel('Street and number').inputValue()).toBe('Via Sparano 20');
  expect(await page.getByLabel(/The applicant is at the desk in person/).isChecked()).toBe(true);
  // Signed in again in a tab of its own, the operator sends the same form from this one.
  await signInAgainInNewTab(page);
  await page.getByRole('button', { name: 'Correct the registry only' }).click();
  await page.getByRole('heading', { name: 'Registry corrected' }).waitFor();
  await page.locator('#registry-changes').getByText('Via Sparano 20').waitFor();
  await page.context().close();
});

it('hides the office form from a screen left unused, and gives it back as typed to the operator signed in again', async () => {
  const context = await browser.newContext();
  await context.clock.install();
  const page = await context.newPage();
  await atTheDesk(page);
  await fillDeskForm(page, {
    lastName: 'Marino',
    number: 'CA11111AA',
    issuedBy: 'Comune di Napoli',
    validUntil: '2031-05-01',
    residence: { street: 'Via Toledo 5', city: 'Napoli', province: 'NA', postalCode: '80134' },
  });
  // A minute at the desk, then nobody until the session has ended (AGENT_SESSION_IDLE_MINUTES): the applicant's
  // data go out of sight. (Waited for from here: the page's timers run only as the test's clock moves.)
  await page.clock.runFor(61_000);
  await operatorSessionEnds();
  await page.clock.runFor(61_000);
  const notice = page.getByText('Your session has ended, as the page was not used for a while.');
  await eventually(() => notice.isVisible());
  expect(await page.getByLabel('Document number').isVisible()).toBe(false);
  // Signed in again in a tab of its own, the operator finds the form here as it was.
  await signInAgainInNewTab(page);
  await page.clock.runFor(61_000);
  await eventually(() => page.getByLabel('Document number').isVisible());
  expect(await page.getByLabel('Document number').inputValue()).toBe('CA11111AA');
  expect(await page.getByLabel('Street and number').inputValue()).toBe('Via Toledo 5');
  expect(await notice.isVisible()).toBe(false);
  await context.close();
});

it('warns a citizen whose personal area is left unused, keeps the session with one press, and hides the page at its end', async () => {
  const actions = citizenActions(product);
  const fiscalCode = fiscalCodeOf('Fontana');
  const pin = await actions.firstAccess(fiscalCode, (await actions.newPinFor('Fontana')).pin);
  const context = await browser.newContext();
  await context.clock.install();
  const page = await context.newPage();
  await page.goto(`${product.urls.citizen}/login`);
  await page.getByLabel('Codice fiscale').fill(fiscalCode);
  await page.getByLabel('PIN').fill(pin);
  await page.getByRole('button', { name: 'Sign in' }).click();
  const welcome = page.getByRole('heading', { name: /^Welcome, / });
  await welcome.waitFor();
  const MINUTE = 60_000;
  const lastSession = product.db
    .selectFrom('citizen_sessions')
    .innerJoin('persons', 'persons.id', 'citizen_sessions.person_id')
    .where('persons.fiscal_code', '=', fiscalCode)
    .orderBy('citizen_sessions.created_at', 'desc')
    .select('token_hash')
    .limit(1);
  const sessionEnds = async () =>
    (
      await product.db
        .selectFrom('citizen_sessions')
        .select('expires_at')
        .where('token_hash', 'in', lastSession)
        .executeTakeFirstOrThrow()
    ).expires_at;
  const sessionEndsIn = (ms: number) =>
    product.db
      .updateTable('citizen_sessions')
      .set({ expires_at: new Date(Date.now() + ms) })
      .where('token_hash', 'in', lastSession)
      .execute();

  // The minute of signing in, then nobody until a minute and a half before CITIZEN_SESSION_MINUTES run out: the
  // page's own look does not move the end, and it says when the session ends, with the button to stay.
  await page.clock.runFor(61_000);
  await sessionEndsIn(90_000);
  const end = await sessionEnds();
  await page.clock.runFor(61_000);
  const warning = page.getByRole('alertdialog');
  await eventually(() => warning.getByText(/the session will end at \d\d:\d\d/).isVisible());
  expect(await sessionEnds()).toEqual(end);
  await page.getByRole('button', { name: 'Stay signed in' }).click();
  await eventually(async () => (await sessionEnds()).getTime() - Date.now() > 29 * MINUTE);
  await eventually(async () => !(await warning.isVisible()));
  // Left until it has ended: the page's content goes, the way to sign in again stays.
  await sessionEndsIn(-1000);
  await page.clock.runFor(61_000);
  await eventually(() => page.getByText('Your session has ended, as the page was not used for a while.').isVisible());
  expect(await welcome.isVisible()).toBe(false);
  await context.close();
});

it('an office operator corrects the registry alone, before and after side by side, and issues an intermediary its PIN', async () => {
  const page = await browser.newPage();
  await signInToConsole(page, product.urls.agentConsole, 'operator.verdi');
  await page.getByLabel('Look up the registry by codice fiscale').fill(fiscalCodeOf('Colombo'));
  await page.getByRole('button', { name: 'Show the registry record' }).click();
  const record = page.locator('#registry-record');
  await record.getByText('Via Italia 15, 20900 Monza (MB)').waitFor();

  await fillDeskForm(page, {
    lastName: 'Colombo',
    number: 'CA12345AB',
    issuedBy: 'Comune di Monza',
    validUntil: '2031-06-08',
    residence: { street: 'Via Vittorio Emanuele II 3', city: 'Monza', province: 'MB', postalCode: '20900' },
  });
  await page.getByLabel(/The applicant is at the desk in person/).check();
  await page.getByRole('button', { name: 'Correct the registry only' }).click();
  await page.getByRole('heading', { name: 'Registry corrected' }).waitFor();
  const row = page.locator('#registry-changes tr', { hasText: 'Street' });
  expect(await row.locator('td').allInnerTexts()).toEqual(['Street', 'Via Italia 15', 'Via Vittorio Emanuele II 3']);
  // No PIN comes out of a correction.
  const colombosPins = await product.db
    .selectFrom('credentials')
    .innerJoin('persons', 'persons.id', 'credentials.person_id')
    .select('credentials.id')
    .where('persons.fiscal_code', '=', fiscalCodeOf('Colombo'))
    .execute();
  expect(colombosPins).toEqual([]);

  await page.getByRole('link', { name: 'Intermediaries' }).click();
  await page.getByLabel('Codice fiscale of the intermediary').fill(fiscalCodeOf('Colombo'));
  await page.getByLabel(/The intermediary is here in person/).check();
  await page.getByRole('button', { name: 'Issue the intermediary’s PIN' }).click();
  await page.getByText('not registered as an intermediary').waitFor();
  await page.getByLabel('Codice fiscale of the intermediary').fill(fiscalCodeOf('Greco'));
  await page.getByLabel(/The intermediary is here in person/).check();
  await page.getByRole('button', { name: 'Issue the intermediary’s PIN' }).click();
  await page.getByRole('heading', { name: 'PIN dispositivo issued' }).waitFor();
  await page.getByText('il PIN scade ogni 3 mesi').waitFor();
  const pin = (await page.locator('#handover-pin').textContent())!;
  const session = await product.citizen.post('/api/session', { fiscalCode: fiscalCodeOf('Greco'), pin });
  expect(session.body.stage).toBe('first_access');
  await page.close();
});
