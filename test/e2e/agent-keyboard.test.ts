// A contact-center agent's day, measured as a contact center measures it: from "Next task" to a recorded outcome with
// the keyboard alone. Three verification calls nobody answers: N (first task only), C to call, 3 for "no answer", and
// with "open the next task" on, the next one is already there; the keys are on the screen. In Italian, the console's
// own language, with no English line on the screen at any step. And what the console keeps when a session runs out,
// and what it hides when the screen is left.
import type { Browser } from 'playwright-core';
import { signInToConsole, startBrowserSuite, stopBrowserSuite } from '../support/browser';
import { demoStaff } from '../../dev/seed';
import { strayLinesOfText } from '../support/languages';
import { callsSoFar, citizenPhoneDoes } from '../support/calls';
import { requestFor } from '../support/demo';
import { clearRequests, eventually, staffToken, type TestProduct } from '../support/product';
import { pinRequestActions } from '../support/requests';

let product: TestProduct;
let browser: Browser;
beforeAll(async () => ({ product, browser } = await startBrowserSuite()));
afterAll(() => stopBrowserSuite({ product, browser }));
beforeEach(() => clearRequests(product));

const CALLERS = ['Russo', 'Longo', 'Greco'];
/** Verification tasks in the queue that nobody holds. */
const openTasks = () =>
  product.db
    .selectFrom('agent_tasks')
    .select('id')
    .where('kind', '=', 'outbound_verification')
    .where('status', '=', 'open')
    .execute();

/**
 * A browser of its own, in Italian, signed in to the console as `username`; with `clock`, the page's timers run only
 * when the test moves its clock on.
 */
async function signedInConsole(username: string, viewport = { width: 1400, height: 900 }, clock = false) {
  const context = await browser.newContext({ locale: 'it-IT', viewport });
  if (clock) await context.clock.install();
  const page = await context.newPage();
  await signInToConsole(page, product.urls.agentConsole, username);
  return { context, page };
}

/** Every staff session runs out, as AGENT_SESSION_HOURS makes it at the end of a shift. */
const sessionsRunOut = () =>
  product.db
    .updateTable('staff_sessions')
    .set({ expires_at: new Date(Date.now() - 1000) })
    .execute();

it('works three verification tasks with the keyboard alone, two keys each after the first', async () => {
  for (const lastName of CALLERS) {
    const res = await pinRequestActions(product).submit(
      requestFor(lastName, { residence: { street: 'Via Inesistente 9' } }),
    );
    expect(res.status).toBe(202);
  }
  await eventually(async () => (await openTasks()).length === CALLERS.length);

  const { context, page } = await signedInConsole('agent.ruggeri');
  await page.getByText('Tastiera:').waitFor();
  await page.getByLabel('Dopo un esito, apri l’attività successiva').check();
  const english: string[] = [];
  const readScreen = async (step: string) =>
    english.push(...strayLinesOfText('it', step, await page.locator('body').innerText()));

  const keys: string[] = [];
  const press = async (key: string) => {
    keys.push(key);
    await page.keyboard.press(key);
  };
  await press('n');
  for (let i = 0; i < CALLERS.length; i++) {
    const heading = page.locator('#detail-title');
    await heading.getByText(/^Chiami /).waitFor();
    // The task is beside the queue, not below it: no scrolling to reach it.
    expect(await page.locator('#detail').isVisible()).toBe(true);
    const [queue, task] = await Promise.all([
      page.locator('.split-queue').boundingBox(),
      page.locator('#detail').boundingBox(),
    ]);
    expect(task!.x).toBeGreaterThan(queue!.x + queue!.width - 1);
    expect(Math.abs(task!.y - queue!.y)).toBeLessThan(5);
    const seen = await callsSoFar(product);
    await press('c');
    await citizenPhoneDoes(product, 'no-answer', seen);
    await page.locator('#call-status').getByText('Nessuna risposta').waitFor({ timeout: 10_000 });
    await readScreen(`task ${i + 1}, call ended`);
    const title = await heading.innerText();
    await press('3');
    if (i < CALLERS.length - 1)
      await eventually(async () => (await heading.innerText()) !== title && /^Chiami /.test(await heading.innerText()));
  }
  await eventually(async () => (await openTasks()).length === 0 && (await page.locator('#detail').isHidden()));
  await page.locator('#banner').getByText('Per ora non ci sono attività per Lei in coda.').waitFor();
  await readScreen('queue emptied');
  expect(english).toEqual([]);
  const done = await product.db
    .selectFrom('agent_tasks')
    .select(['outcome'])
    .where('kind', '=', 'outbound_verification')
    .where('status', '=', 'completed')
    .execute();
  expect(done.map((t) => t.outcome)).toEqual(['no_answer', 'no_answer', 'no_answer']);
  // N once, then C and 3 for each call: seven keys for three tasks, and no click.
  expect(keys).toEqual(['n', 'c', '3', 'c', '3', 'c', '3']);
  await context.close();
});

it('gives back with N the task the agent already holds, never a second citizen: a stray N, or N after a reload', async () => {
  for (const lastName of ['Villa', 'Ferri']) {
    const res = await pinRequestActions(product).submit(
      requestFor(lastName, { residence: { street: 'Via Inesistente 9' } }),
    );
    expect(res.status).toBe(202);
  }
  await eventually(async () => (await openTasks()).length === 2);
  const { context, page } = await signedInConsole('agent.ruggeri');
  await page.getByText('Tastiera:').waitFor();
  await page.keyboard.press('n');
  const heading = page.locator('#detail-title');
  await heading.getByText(/^Chiami /).waitFor();
  const holding = await heading.innerText();
  const stillHeld = page
    .locator('#banner')
    .getByText('Ha ancora in carico questa attività: la concluda o la restituisca prima di prenderne un’altra.');

  // N pressed again while the citizen is on the line: the same citizen stays on the screen, what was typed with it.
  await page.getByLabel('Dove abita? Via e numero civico').fill('Via Roma 1');
  await page.locator('#detail-title').focus();
  await page.keyboard.press('n');
  await stillHeld.waitFor();
  expect(await heading.innerText()).toBe(holding);
  expect(await page.getByLabel('Dove abita? Via e numero civico').inputValue()).toBe('Via Roma 1');
  // The browser is reloaded in the middle of the task (a crash, a second tab): the claim is still the agent's.
  await page.reload();
  await page.getByText('Tastiera:').waitFor();
  await page.keyboard.press('n');
  await stillHeld.waitFor();
  await eventually(async () => (await heading.innerText()) === holding);
  expect(await page.locator('#detail').isVisible()).toBe(true);
  // The other citizen is still in the queue for the next free agent, and offers this agent no Claim meanwhile.
  expect(await openTasks()).toHaveLength(1);
  await page.locator('#tasks tr').nth(1).waitFor();
  expect(await page.locator('#tasks').getByRole('button', { name: 'Prendi in carico' }).count()).toBe(0);
  // K with nothing typed yet: told what to do, in the console's language.
  await page.keyboard.press('k');
  await page.locator('#banner').getByText('Scriva almeno una delle risposte del chiamante.').waitFor();
  await context.close();
});

/**
 * Two verification tasks held by agent.neri, and her console open on the queue. A Claim button takes one citizen at a
 * time; two held at once are what claims taken before that rule may still be, and the screen must never mix them up.
 */
async function agentHoldingTwoTasks() {
  for (const lastName of ['Barbieri', 'Santoro'])
    await pinRequestActions(product).submit(requestFor(lastName, { residence: { street: 'Via Inesistente 9' } }));
  await eventually(async () => (await openTasks()).length === 2);
  const [first, second] = (await openTasks()).map((t) => t.id);
  const agent = await staffToken(product, 'agent.neri');
  expect((await product.agents.post(`/api/agent/tasks/${first}/claim`, {}, agent)).status).toBe(200);
  await product.db
    .updateTable('agent_tasks')
    .set({
      status: 'claimed',
      claimed_by: product.db.selectFrom('staff').select('id').where('username', '=', 'agent.neri'),
      claimed_at: new Date(),
      claim_expires_at: new Date(Date.now() + 3_600_000),
    })
    .where('id', '=', second!)
    .execute();
  const { context, page } = await signedInConsole('agent.neri');
  const open = (id: string) => page.locator(`tr[data-task-id="${id}"]`).getByRole('button', { name: 'Apri' }).click();
  return { first: first!, second: second!, context, page, open, heading: page.locator('#detail-title') };
}

it('shows the task opened last, however the answers arrive: never one citizen’s data under another’s name', async () => {
  const { first, second, context, page, open, heading } = await agentHoldingTwoTasks();
  // The first task's answer is held back until the second is on the screen.
  let release = () => {};
  const held = new Promise<void>((resolve) => (release = resolve));
  await page.route(`**/api/agent/tasks/${first}`, async (route) => {
    const response = await route.fetch();
    await held;
    await route.fulfill({ response });
  });
  for (const id of [first, second]) await open(id);
  await heading.getByText(/^Chiami /).waitFor();
  const shown = await heading.innerText();
  const late = page.waitForResponse((r) => r.url().endsWith(`/api/agent/tasks/${first}`));
  release();
  await late;
  await page.waitForTimeout(500);
  expect(await heading.innerText()).toBe(shown);
  expect(await page.locator('#detail').getAttribute('data-task-id')).toBe(second);
  await context.close();
});

it('follows a call on its own task only: another task opened meanwhile shows none of it', async () => {
  const { first, second, context, page, open, heading } = await agentHoldingTwoTasks();
  await open(first);
  await heading.getByText(/^Chiami /).waitFor();
  const seen = await callsSoFar(product);
  await page.getByRole('button', { name: 'Chiama il cittadino' }).click();
  await page.locator('#call-status').filter({ hasText: /\S/ }).waitFor();
  // While the first citizen's phone rings, the agent opens the other task; then the first citizen answers.
  const firstTitle = await heading.innerText();
  await open(second);
  await eventually(async () => (await heading.innerText()) !== firstTitle);
  await citizenPhoneDoes(product, 'answer', seen);
  await page.waitForTimeout(2_500); // longer than the console's look at the call, every 1.5 s
  expect(await page.locator('#call-status').innerText()).toBe('');
  expect(await page.locator('#detail').getByText('Collegato').count()).toBe(0);
  // Back on the first task, its call is followed again: the citizen is on the line.
  await open(first);
  await page.locator('#call-status').getByText('Collegato: sta parlando con il cittadino').waitFor();
  await context.close();
});

it('puts the "open the next task" box right beside its words, on one line, at a laptop’s 1366 × 768', async () => {
  const { context, page } = await signedInConsole('agent.ruggeri', { width: 1366, height: 768 });
  await page.locator('#auto-next').waitFor();
  // One line: no taller than a one-word label of the same form.
  const [box, words, oneLine] = await Promise.all([
    page.locator('#auto-next').boundingBox(),
    page.locator('label[for="auto-next"]').boundingBox(),
    page.locator('label[for="filter-kind"]').boundingBox(),
  ]);
  expect(words!.x - (box!.x + box!.width)).toBeLessThan(16);
  expect(words!.height).toBeLessThan(1.5 * oneLine!.height);
  await context.close();
});

it('shows the task, its "Call the citizen" button and the whole queue without scrolling, in a laptop’s browser window', async () => {
  // A long name, moved house: the heading takes two lines.
  const moved = requestFor('Di Giovanbattista', { residence: { street: 'Via Oberdan 4', postalCode: '73100' } });
  expect((await pinRequestActions(product).submit(moved)).status).toBe(202);
  await eventually(async () => (await openTasks()).length === 1);
  // A 1366 × 768 screen, less the browser's bars and the taskbar.
  const height = 650;
  const { context, page } = await signedInConsole('agent.neri', { width: 1366, height });
  await page.getByText('Tastiera:').waitFor();
  await page.getByRole('button', { name: 'Attività successiva' }).click();
  await page.locator('#detail-title').getByText('Chiami Maria Addolorata Di Giovanbattista').waitFor();
  const call = page.getByRole('button', { name: 'Chiama il cittadino' });
  expect(await call.isVisible()).toBe(true);
  const box = (await call.boundingBox())!;
  expect(await page.evaluate('window.scrollY')).toBe(0);
  expect(box.y + box.height).toBeLessThanOrEqual(height);
  // The queue beside it keeps every column in view, the task's state and its button too: no sideways scrolling.
  const queue = page.locator('.split-queue');
  expect(await queue.evaluate((q) => q.scrollWidth - q.clientWidth)).toBeLessThanOrEqual(0);
  await queue.getByText('Presa in carico da Lei').waitFor();
  // Clicked where it stands, with the mouse: the call starts.
  await call.click();
  await page.locator('#call-status').filter({ hasText: /\S/ }).waitFor();
  await context.close();
});

it('keeps the task and what the agent typed when the session runs out mid-call: signed in again, the work goes on', async () => {
  await pinRequestActions(product).submit(requestFor('Caruso', { residence: { street: 'Via Inesistente 9' } }));
  await eventually(async () => (await openTasks()).length === 1);
  const { context, page } = await signedInConsole('agent.ruggeri');
  await page.getByRole('button', { name: 'Attività successiva' }).click();
  const heading = page.locator('#detail-title');
  await heading.getByText(/^Chiami /).waitFor();
  const title = await heading.innerText();
  const street = page.getByLabel('Dove abita? Via e numero civico');
  await street.fill('Via Roma 1');
  await page.getByLabel('Qual è il CAP?').fill('10122');
  await page.getByLabel('In quale comune?').fill('Torino');
  // The shift's session (AGENT_SESSION_HOURS) ends while the caller is answering.
  await sessionsRunOut();
  await page.getByRole('button', { name: 'Verifica le risposte' }).click();
  // Asked to sign in again, in place; the citizen's data are out of sight until then.
  await page.getByText('La Sua sessione è terminata: acceda di nuovo per continuare.').waitFor();
  expect(await page.locator('#detail').isVisible()).toBe(false);
  expect(await page.locator('#banner').isVisible()).toBe(false);
  expect(await page.locator('#username').inputValue()).toBe('agent.ruggeri');
  expect(await page.evaluate('document.activeElement?.id')).toBe('password');
  await page.locator('#password').fill(demoStaff('agent.ruggeri').password);
  await page.locator('#login-form button[type=submit]').click();
  // The same task, with what was typed, and the check goes through.
  await heading.waitFor();
  expect(await heading.innerText()).toBe(title);
  expect(await street.inputValue()).toBe('Via Roma 1');
  expect(await page.getByLabel('In quale comune?').inputValue()).toBe('Torino');
  await page.getByRole('button', { name: 'Verifica le risposte' }).click();
  await page.getByText('Residenza: non corrisponde a quanto risulta all’INPS').waitFor();
  await context.close();
});

it('gives a clean console to someone else who signs in where a session ran out', async () => {
  const { context, page } = await signedInConsole('agent.ruggeri');
  await page.getByText('Tastiera:').waitFor();
  await sessionsRunOut();
  await page.getByRole('button', { name: 'Attività successiva' }).click();
  await page.getByText('La Sua sessione è terminata: acceda di nuovo per continuare.').waitFor();
  await page.locator('#username').fill('agent.neri');
  await page.locator('#password').fill(demoStaff('agent.neri').password);
  await page.locator('#login-form button[type=submit]').click();
  await page.locator('#who').getByText(demoStaff('agent.neri').displayName).waitFor();
  // Her own console: the tabs her roles open, nobody else's screen.
  await page.getByRole('tab', { name: 'Chiamanti (803 164 · 06 164 164)' }).waitFor();
  await context.close();
});

it('asks the supervisor to sign in again when the live figures stop with the session, and streams them again after', async () => {
  const { context, page } = await signedInConsole('supervisor.galli');
  await page.getByRole('tab', { name: 'Supervisione' }).click();
  await page
    .locator('#sup-updated')
    .getByText(/^Aggiornato /)
    .waitFor();
  await sessionsRunOut();
  await page.getByText('La Sua sessione è terminata: acceda di nuovo per continuare.').waitFor({ timeout: 15_000 });
  const reopened = page.waitForResponse((r) => r.url().endsWith('/api/supervision/stream') && r.status() === 200);
  await page.locator('#password').fill(demoStaff('supervisor.galli').password);
  await page.locator('#login-form button[type=submit]').click();
  await reopened;
  expect(await page.locator('#sup-queues').isVisible()).toBe(true);
  await context.close();
});

it('warns a screen left unused before its session ends, keeps it for whoever uses it, hides the citizen’s data when it has ended', async () => {
  await pinRequestActions(product).submit(requestFor('Ferri', { residence: { street: 'Via Inesistente 9' } }));
  await eventually(async () => (await openTasks()).length === 1);
  const { context, page } = await signedInConsole('agent.ruggeri', undefined, true);
  await page.getByRole('button', { name: 'Attività successiva' }).click();
  await page
    .locator('#detail-title')
    .getByText(/^Chiami /)
    .waitFor();
  const MINUTE = 60_000;
  const sessionEnds = async () =>
    (await product.db.selectFrom('staff_sessions').select('expires_at').executeTakeFirstOrThrow()).expires_at;
  const sessionEndsIn = (ms: number) =>
    product.db
      .updateTable('staff_sessions')
      .set({ expires_at: new Date(Date.now() + ms) })
      .execute();
  const looks: Record<string, string>[] = [];
  // Counted as answered: the session has been looked at, and moved on or not, by then.
  page.on('response', (r) => r.url().endsWith('/api/agent/session') && looks.push(r.request().headers()));
  const warning = page.getByRole('alertdialog');

  // The minute of the clicks above is one of use; then nobody at the screen until a minute and a half before
  // AGENT_SESSION_IDLE_MINUTES run out: the page's own look does not move the end, and it says when the session will
  // end, the button to stay in focus.
  await page.clock.runFor(61_000);
  await eventually(async () => looks.length === 1);
  expect(looks[0]!['background-refresh']).toBeUndefined();
  await sessionEndsIn(90_000);
  const end = await sessionEnds();
  await page.clock.runFor(61_000);
  // (Waited for from here: the page's own timers, Playwright's waiting among them, run only as the test's clock moves.)
  await eventually(() => warning.getByText(/la sessione terminerà alle \d\d:\d\d\./).isVisible());
  expect(looks.map((headers) => headers['background-refresh'])).toEqual([undefined, '1']);
  expect(await sessionEnds()).toEqual(end);
  expect(await page.evaluate('document.activeElement?.id')).toBe('session-continue');
  // One press puts it off: another 30 minutes, and the warning goes.
  await page.getByRole('button', { name: 'Resta collegato' }).click();
  await eventually(async () => (await sessionEnds()).getTime() - Date.now() > 29 * MINUTE);
  await eventually(async () => !(await warning.isVisible()));
  // Typing the caller's answers is using the screen: the next look keeps the session alive, with no warning.
  await sessionEndsIn(90_000);
  await page.getByLabel('In quale comune?').pressSequentially('Torino');
  await page.clock.runFor(61_000);
  await eventually(async () => (await sessionEnds()).getTime() - Date.now() > 29 * MINUTE);
  expect(await warning.isVisible()).toBe(false);
  // Then left until it has run out: within the minute the citizen's data are gone and the password is asked for.
  await sessionsRunOut();
  await page.clock.runFor(61_000);
  await eventually(() => page.getByText('La Sua sessione è terminata: acceda di nuovo per continuare.').isVisible());
  expect(await page.locator('#detail').isVisible()).toBe(false);
  await context.close();
});
