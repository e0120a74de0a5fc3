// The citizen pages on a phone (375 px wide, as an iPhone SE or a small Android): no page scrolls sideways and the
// header's parts do not overlap, in Italian and in English, public and signed in, with data in the tables.
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { chooseSpidProvider, startBrowserSuite, stopBrowserSuite } from '../support/browser';
import { requestFor } from '../support/demo';
import { pinDispositivoActions } from '../support/pin-dispositivo';
import type { TestProduct } from '../support/product';
import { pinRequestActions } from '../support/requests';

let product: TestProduct;
let browser: Browser;
beforeAll(async () => ({ product, browser } = await startBrowserSuite()));
afterAll(() => stopBrowserSuite({ product, browser }));

const PHONE = { width: 375, height: 740 };

/** What a person on a phone would notice on the page as it is: sideways scrolling, and the title over the bar. */
async function phoneFaults(page: Page): Promise<string[]> {
  // A string, run in the page: the tests compile without the DOM's types.
  return (await page.evaluate(`(() => {
    const faults = [];
    const width = window.innerWidth;
    if (document.documentElement.scrollWidth > width)
      faults.push('scrolls sideways: ' + document.documentElement.scrollWidth + ' px wide in ' + width + ' px; widest: ' +
        [...document.querySelectorAll('body *')].filter((e) => e.getBoundingClientRect().right > width + 1)
          .slice(-3).map((e) => e.tagName.toLowerCase() + (e.id ? '#' + e.id : '') + (e.className && typeof e.className === 'string' ? '.' + e.className.split(' ')[0] : '')).join(', '));
    const bar = document.querySelector('.it-header-slim-wrapper');
    const title = document.querySelector('.it-brand-title');
    if (bar && title && title.getBoundingClientRect().top < bar.getBoundingClientRect().bottom)
      faults.push('the title overlaps the slim bar');
    return faults;
  })()`)) as string[];
}

/** Every page's faults, one line each, so that one run shows them all. */
const found: string[] = [];
async function note(page: Page, what: string) {
  const lang = await page.locator('html').getAttribute('lang');
  for (const fault of await phoneFaults(page)) found.push(`${what} (${lang}): ${fault}`);
}
async function visit(page: Page, path: string) {
  await page.goto(`${product.urls.citizen}${path}`);
  // PHONE_SHOTS=<folder> keeps a full-page picture of each, for a person to look at.
  if (process.env.PHONE_SHOTS) {
    const name = `${path.replace(/\W+/g, '_').slice(0, 20)}-${await page.locator('html').getAttribute('lang')}.png`;
    await page.screenshot({ path: `${process.env.PHONE_SHOTS}/${name}`, fullPage: true });
  }
  await note(page, path.replace(/t=[\w-]{20,}/, 't=…'));
}

it('no citizen page scrolls sideways at 375 px, in either language, public or signed in', async () => {
  const act = pinDispositivoActions(product);
  const citizen = await act.signedInCitizen('Bianchi');
  // Something in each table the signed-in pages show.
  expect((await product.citizen.post('/api/applications', { serviceId: 'naspi' }, citizen.token)).status).toBe(201);
  const { requestId } = await pinRequestActions(product).submit(requestFor('Bruno'));
  const statusToken = await pinRequestActions(product).statusTokenOf(requestId);

  for (const locale of ['it-IT', 'en-GB']) {
    const context: BrowserContext = await browser.newContext({ locale, viewport: PHONE });
    const page = await context.newPage();
    const footerPages = ['/accessibilita', '/privacy', '/note-legali', '/aiuto', '/pagina-che-non-esiste'];
    for (const path of [
      '/',
      '/login',
      '/lost-pin',
      '/find-request',
      `/follow?t=${statusToken}`,
      '/follow?t=expired',
      ...footerPages,
    ])
      await visit(page, path);
    // The request form refused, its errors shown.
    await page.goto(product.urls.citizen);
    await page.locator('#fiscalCode').fill('RSSMRA');
    await page.locator('#pin-request button[type=submit]').click();
    await page.locator('#error-summary').waitFor();
    await note(page, 'the request form with errors');

    await page.goto(`${product.urls.citizen}/login`);
    await page.locator('#fiscalCode').fill(citizen.fiscalCode);
    await page.locator('#pin').fill(citizen.pin);
    await page.locator('form[action="/login"] button[type=submit]').click();
    await page.waitForURL(/\/home/);
    await visit(page, '/home');
    // A phone PIN is for SPID or CIE: the same person, signed in that way, makes one.
    await page.locator('form[action="/logout"] button').click();
    await page.goto(`${product.urls.citizen}/login`);
    await chooseSpidProvider(page);
    await page.getByRole('button', { name: /Bianchi: SPID level 2/ }).click();
    await page.waitForURL(/\/home$/);
    await page.goto(`${product.urls.citizen}/phone-pins`);
    await page.locator('form[action="/phone-pins"] button[type=submit]').click();
    await page.locator('#phone-pins').waitFor();
    await note(page, 'a phone PIN just made');
    await visit(page, '/phone-pins');
    await context.close();
  }
  expect(found).toEqual([]);
});
