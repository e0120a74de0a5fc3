// Debian's Chromium driven by playwright-core, headless, the one way the browser tests start it; and signing staff
// in on the console page.
import { chromium, type Browser, type Page } from 'playwright-core';
import { demoStaff } from '../../dev/seed';
import { startTestProduct, type TestProduct } from './product';

export function launchBrowser(): Promise<Browser> {
  return chromium.launch({
    executablePath: '/usr/bin/chromium',
    args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-background-networking'],
  });
}

/** Signs a demo staff member in on the console page, as they would type it, in whichever language it shows. */
export async function signInToConsole(page: Page, consoleUrl: string, username: string): Promise<void> {
  const staff = demoStaff(username);
  await page.goto(consoleUrl);
  await page.locator('#username').fill(staff.username);
  await page.locator('#password').fill(staff.password);
  await page.locator('#login-form button[type=submit]').click();
}

/** "Entra con SPID" as AgID draws it: the button opens the providers' list, and any of them leads to SPID's sign-in. */
export async function chooseSpidProvider(page: Page, provider = 'Poste ID'): Promise<void> {
  await page.locator('main summary', { hasText: 'Entra con SPID' }).click();
  await page.locator('main').getByRole('link', { name: provider }).click();
}

/** A test file's product and browser, started together (overrides as for startTestProduct). */
export async function startBrowserSuite(overrides: Record<string, string> = {}) {
  return { product: await startTestProduct(overrides), browser: await launchBrowser() };
}

export async function stopBrowserSuite(suite: { product?: TestProduct; browser?: Browser }) {
  await suite.browser?.close();
  await suite.product?.stop();
}
