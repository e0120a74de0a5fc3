// Accessibility, checked by a machine on the screens people use: axe-core (WCAG 2.1 A and AA rules: labels, names,
// contrast, landmarks, language) run in Chromium on the citizen pages in both languages, with and without errors,
// and on the staff screens. A finding fails the test with the rule, the element and how to fix it.
import { readFileSync } from 'node:fs';
import type { Browser, Page } from 'playwright-core';
import { startBrowserSuite, stopBrowserSuite, signInToConsole } from '../support/browser';
import { pinRequestActions } from '../support/requests';
import { citizenActions } from '../support/citizen';
import { requestFor } from '../support/demo';
import type { TestProduct } from '../support/product';

const AXE = readFileSync(require.resolve('axe-core/axe.min.js'), 'utf8');

interface AxeViolation {
  id: string;
  impact: string;
  help: string;
  nodes: { target: string[]; failureSummary: string }[];
}

let product: TestProduct;
let browser: Browser;
beforeAll(async () => ({ product, browser } = await startBrowserSuite()));
afterAll(() => stopBrowserSuite({ product, browser }));

// axe is the test's own script, injected inline: its pages bypass the product's policy (no inline script) for it.
/** What axe finds on the page as it is now, one readable line per element. */
async function violations(page: Page): Promise<string[]> {
  await page.addScriptTag({ content: AXE });
  // A string, run in the page: the tests compile without the DOM's types.
  const found = (await page.evaluate(
    `axe.run(document, { runOnly: { type: 'tag', values: ['wcag2a', 'wcag2aa', 'wcag21aa'] } }).then((r) => r.violations)`,
  )) as AxeViolation[];
  return found.flatMap((v) =>
    v.nodes.map((n) => `${v.id} (${v.impact}): ${v.help} at ${n.target.join(' ')}: ${n.failureSummary}`),
  );
}

it('finds what it should: a control page with an unlabelled field and no language fails', async () => {
  const page = await browser.newPage({ bypassCSP: true });
  await page.setContent('<!doctype html><html><head><title>x</title></head><body><main><input></main></body></html>');
  const found = await violations(page);
  expect(found.some((line) => line.startsWith('label '))).toBe(true);
  expect(found.some((line) => line.startsWith('html-has-lang '))).toBe(true);
  await page.close();
});

it('finds nothing on the citizen pages, in Italian and in English, with and without errors', async () => {
  for (const locale of ['it-IT', 'en-GB']) {
    // Scripts on, for axe itself: the pages have none of their own.
    const context = await browser.newContext({ locale, bypassCSP: true });
    const page = await context.newPage();
    const visit = async (path: string) => {
      await page.goto(`${product.urls.citizen}${path}`);
      expect({ path, locale, found: await violations(page) }).toEqual({ path, locale, found: [] });
    };
    await visit('/');
    await visit('/login');
    await visit('/lost-pin');
    await visit('/find-request');
    for (const path of ['/accessibilita', '/privacy', '/note-legali', '/aiuto', '/pagina-che-non-esiste'])
      await visit(path);
    // The form refused: errors beside their fields.
    await page.goto(product.urls.citizen);
    await page.locator('#fiscalCode').fill('RSSMRA');
    await page.locator('#pin-request button[type=submit]').click();
    await page.locator('#error-summary').waitFor();
    expect({ locale, found: await violations(page) }).toEqual({ locale, found: [] });
    await context.close();
  }
  const { requestId } = await citizenActions(product).newPinFor('Gallo');
  const page = await browser.newPage({ bypassCSP: true });
  // The status page, as its link opens it; and the page a wrong or expired link opens.
  await page.goto(`${product.urls.citizen}/follow?t=${await pinRequestActions(product).statusTokenOf(requestId)}`);
  expect(await violations(page)).toEqual([]);
  await page.goto(`${product.urls.citizen}/follow?t=expired`);
  expect(await violations(page)).toEqual([]);
  await page.close();
});

it('finds nothing on the staff screens, in Italian and in English: sign-in, the queue, callers, supervision, the office desk and operations', async () => {
  await product.citizen.post('/api/pin-requests', requestFor('Russo', { residence: { street: 'Via Inesistente 9' } }));
  for (const [locale, words] of [
    [
      'it-IT',
      {
        updated: /^Aggiornato /,
        desk: 'In presenza allo sportello',
        ops: 'Operazioni',
        returned: 'Lettere restituite al mittente',
      },
    ],
    [
      'en-GB',
      {
        updated: /^Updated /,
        desk: 'In person at the office',
        ops: 'Operations',
        returned: 'Letters returned to sender',
      },
    ],
  ] as const) {
    const context = await browser.newContext({ locale, viewport: { width: 1400, height: 1000 }, bypassCSP: true });
    const page = await context.newPage();
    const check = async (screen: string, on = page) =>
      expect({ screen, locale, found: await violations(on) }).toEqual({ screen, locale, found: [] });
    await page.goto(product.urls.agentConsole);
    await check('sign-in');
    await signInToConsole(page, product.urls.agentConsole, 'agent.neri');
    await page.locator('#tab-queue').waitFor();
    await page.getByRole('row', { name: /Giuseppe Russo/ }).waitFor({ timeout: 20_000 });
    await check('queue');
    await page.locator('#tab-callers').click();
    await check('callers');

    const supervisor = await context
      .browser()!
      .newContext({ locale, viewport: { width: 1400, height: 1000 }, bypassCSP: true });
    const supervision = await supervisor.newPage();
    await signInToConsole(supervision, product.urls.agentConsole, 'supervisor.galli');
    await supervision.locator('#tab-supervision').click();
    await supervision.locator('#sup-updated').getByText(words.updated).waitFor();
    await check('supervision', supervision);
    await supervisor.close();

    const desk = await context.browser()!.newContext({ locale, bypassCSP: true });
    const office = await desk.newPage();
    await signInToConsole(office, product.urls.agentConsole, 'operator.verdi');
    await office.getByRole('heading', { name: words.desk }).waitFor();
    await check('office desk', office);
    await office.goto(`${product.urls.agentConsole}/office/intermediaries`);
    await check('intermediaries', office);
    await desk.close();

    // An operations user lands on their own page: the codec set-up and the searches in Temporal Web.
    const operations = await context.browser()!.newContext({ locale, bypassCSP: true });
    const ops = await operations.newPage();
    await signInToConsole(ops, product.urls.agentConsole, 'ops.fontana');
    await ops.getByRole('heading', { name: words.ops, exact: true }).waitFor();
    expect(await ops.locator('#codec-url').innerText()).toBe(`${product.urls.agentConsole}/codec`);
    expect(await ops.getByRole('link', { name: words.returned }).getAttribute('href')).toContain(
      encodeURIComponent('LetterState = "returned"'),
    );
    await check('operations', ops);
    await operations.close();
    await context.close();
  }
});
