// Cross-site request forgery from a page on the same site: another port of the same host is another origin but the
// same site, so SameSite cookies still ride along. A real browser, signed in to the product, opens the attacker's page,
// which posts forms at the office desk and at the citizen's first access: both are refused, nothing changes.
import http from 'node:http';
import type { Browser } from 'playwright-core';
import { launchBrowser, signInToConsole } from '../support/browser';
import { citizenActions, fiscalCodeOf } from '../support/citizen';
import { freePort } from '../support/ports';
import { startTestProduct, type TestProduct } from '../support/product';

let product: TestProduct;
let browser: Browser;
let attacker: http.Server;
let attackerUrl: string;
let nextPage = '';
beforeAll(async () => {
  product = await startTestProduct();
  browser = await launchBrowser();
  attacker = http.createServer((_req, res) => res.writeHead(200, { 'content-type': 'text/html' }).end(nextPage));
  const port = await freePort();
  await new Promise<void>((resolve) => attacker.listen(port, '127.0.0.1', resolve));
  attackerUrl = `http://127.0.0.1:${port}`;
});
afterAll(async () => {
  attacker?.close();
  await browser?.close();
  await product?.stop();
});

/** The attacker's page: a form that posts itself, as soon as it loads, to `action`. */
function autoPostingPage(action: string, fields: Record<string, string>): string {
  const inputs = Object.entries(fields)
    .map(([k, v]) => `<input type="hidden" name="${k}" value="${v}">`)
    .join('');
  return `<!doctype html><form id="f" method="post" action="${action}">${inputs}</form><script>document.getElementById('f').submit()</script>`;
}

it("a page on another port cannot correct the registry through an office operator's browser", async () => {
  const context = await browser.newContext();
  const page = await context.newPage();
  await signInToConsole(page, product.urls.agentConsole, 'operator.verdi');
  await page.waitForURL(/\/office/);
  nextPage = autoPostingPage(`${product.urls.agentConsole}/office/registry-corrections`, {
    fiscalCode: fiscalCodeOf('Rossi'),
    documentType: 'carta_identita',
    documentNumber: 'CA00000AA',
    documentIssuedBy: 'Comune di Roma',
    documentExpiresOn: '2031-01-01',
    street: 'Via del Ladro 1',
    city: 'Milano',
    province: 'MI',
    postalCode: '20121',
    appliedInPerson: 'true',
  });
  const landed = page.waitForResponse((r) => r.url().endsWith('/office/registry-corrections'));
  await page.goto(attackerUrl);
  expect((await landed).status()).toBe(403);
  const person = await product.db
    .selectFrom('persons')
    .select('street')
    .where('fiscal_code', '=', fiscalCodeOf('Rossi'))
    .executeTakeFirstOrThrow();
  expect(person.street).toBe('Via Appia Nuova 100');
  await context.close();
});

it("a page on another port cannot take a citizen's first access (a new PIN) through their browser", async () => {
  const { pin } = await citizenActions(product).newPinFor('Bianchi');
  const context = await browser.newContext();
  const page = await context.newPage();
  await page.goto(`${product.urls.citizen}/login`);
  await page.getByLabel('Codice fiscale').fill(fiscalCodeOf('Bianchi'));
  await page.getByLabel('PIN').fill(pin);
  await page.getByRole('button', { name: 'Sign in', exact: true }).click();
  await page.waitForURL(/first-access/);
  nextPage = autoPostingPage(`${product.urls.citizen}/first-access`, {});
  const landed = page.waitForResponse((r) => r.url().endsWith('/first-access') && r.request().method() === 'POST');
  await page.goto(attackerUrl);
  expect((await landed).status()).toBe(403);
  expect((await citizenActions(product).credentialOf(fiscalCodeOf('Bianchi'))).status).toBe('initial');
  // The citizen's own page still works: the same post from the service's own origin goes through.
  await page.goto(`${product.urls.citizen}/first-access`);
  await page.locator('main form button[type=submit]').first().click();
  await page.waitForLoadState();
  expect((await citizenActions(product).credentialOf(fiscalCodeOf('Bianchi'))).status).toBe('active');
  await context.close();
});

it('refuses state changes that a browser marks as from another origin, on both services, and lets API clients through', async () => {
  const post = (url: string, headers: Record<string, string>) =>
    fetch(url, { method: 'POST', headers: { 'content-type': 'application/json', ...headers }, body: '{}' });
  for (const url of [`${product.urls.citizen}/api/session`, `${product.urls.agentConsole}/api/agent/session`]) {
    for (const headers of <Array<Record<string, string>>>[
      { 'sec-fetch-site': 'same-site' },
      { 'sec-fetch-site': 'cross-site' },
      { origin: attackerUrl },
      { origin: 'null' },
    ]) {
      const res = await post(url, headers);
      expect(res.status).toBe(403);
      expect(((await res.json()) as any).error.code).toBe('cross_origin_request');
    }
    // No browser headers: an API client (no cookie session to abuse); it gets the route's own answer.
    expect((await post(url, {})).status).toBe(400);
    expect((await post(url, { 'sec-fetch-site': 'same-origin' })).status).toBe(400);
  }
});
