// The pages any visitor reaches: the footer's (accessibility statement, privacy notice with the configured keeping
// times, legal notes, help) on every page in both languages; and what a browser is shown when a citizen page cannot
// be: a page in the person's language that says what to do next, with the status a machine reads, while the API
// (`/api/…`, or a client asking for JSON) keeps its `{ error }` answer.
import { spidSession } from '../support/citizen';
import { pinDispositivoActions } from '../support/pin-dispositivo';
import { startTestProduct, type TestProduct } from '../support/product';

let product: TestProduct;
beforeAll(async () => {
  product = await startTestProduct({ REJECTED_REQUEST_RETENTION_DAYS: '45', DOCUMENT_RETENTION_DAYS: '120' });
});
afterAll(() => product?.stop());

const BROWSER_ACCEPT = 'text/html,application/xhtml+xml,application/xml;q=0.9,*/*;q=0.8';
const open = (path: string, headers: Record<string, string> = {}) =>
  fetch(`${product.urls.citizen}${path}`, { headers: { accept: BROWSER_ACCEPT, ...headers } });

it('every page’s footer leads to the four pages a public-administration site must have, in both languages', async () => {
  const footerLinks = (html: string) =>
    [...html.slice(html.indexOf('<footer')).matchAll(/<li><a href="(\/[^"]+)">([^<]+)<\/a><\/li>/g)].map((m) => [
      m[1],
      m[2],
    ]);
  const italian = footerLinks(await (await open('/')).text());
  expect(italian).toEqual([
    ['/accessibilita', 'Dichiarazione di accessibilità'],
    ['/privacy', 'Informativa privacy'],
    ['/note-legali', 'Note legali'],
    ['/aiuto', 'Aiuto e contatti'],
  ]);
  expect(footerLinks(await (await open('/lost-pin?lang=en')).text()).map(([, words]) => words)).toEqual([
    'Accessibility statement',
    'Privacy notice',
    'Legal notes',
    'Help and contacts',
  ]);
  const headings: Record<string, [string, string]> = {
    '/accessibilita': ['Dichiarazione di accessibilità', 'Accessibility statement'],
    '/privacy': ['Informativa sul trattamento dei dati personali', 'How we process your personal data'],
    '/note-legali': ['Note legali', 'Legal notes'],
    '/aiuto': ['Aiuto e contatti', 'Help and contacts'],
  };
  for (const [path, [it, en]] of Object.entries(headings)) {
    const inItalian = await open(path);
    expect([path, inItalian.status, await inItalian.text()]).toEqual([
      path,
      200,
      expect.stringContaining(`<h1>${it}</h1>`),
    ]);
    expect(await (await open(`${path}?lang=en`)).text()).toContain(`<h1>${en}</h1>`);
  }
  // The keeping times the notice states are the ones the retention runs with.
  const privacy = await (await open('/privacy')).text();
  expect(privacy).toContain('cancellati 45 giorni dopo la sua chiusura');
  expect(privacy).toContain('distrutti 120 giorni dopo la decisione');
  expect(await (await open('/accessibilita')).text()).toContain('form.agid.gov.it');
});

it('wherever a citizen is told to call the contact center: the number from mobiles too, each a tap away', async () => {
  // 803 164 answers only from landlines: a citizen reading the page on a mobile needs 06 164 164.
  const spid = { authorization: `Bearer ${await spidSession(product, 'Romano')}` };
  const pages: Array<[string, Record<string, string>?]> = [
    ['/'],
    ['/aiuto'],
    ['/aiuto?lang=en'],
    ['/pagina-che-non-esiste'],
    ['/home', spid],
    ['/home?lang=en', spid],
    ['/phone-pins', spid],
    ['/phone-pins?lang=en', spid],
  ];
  for (const [path, headers] of pages) {
    const html = await (await open(path, headers)).text();
    const told = [...html.matchAll(/803 164/g)].length;
    expect([path, told > 0]).toEqual([path, true]);
    // Each time 803 164 is given, 06 164 164 is given beside it.
    expect([path, [...html.matchAll(/06 164 164/g)].length]).toEqual([path, told]);
    expect(html).toContain('<a href="tel:803164">803 164</a>');
    expect(html).toContain('<a href="tel:+3906164164">06 164 164</a>');
  }
});

it('a page that does not exist: an Italian page, or an English one, never JSON', async () => {
  const italian = await open('/pagina-che-non-esiste');
  expect(italian.status).toBe(404);
  expect(italian.headers.get('content-type')).toMatch(/^text\/html/);
  const text = await italian.text();
  expect(text).toContain('<html lang="it"');
  expect(text).toContain('Pagina non trovata');
  expect(text).toContain('803 164');
  expect(text).not.toContain('"error"');
  expect(text).not.toMatch(/No such resource/);

  const english = await open('/pagina-che-non-esiste?lang=en');
  expect([english.status, await english.text()]).toEqual([404, expect.stringContaining('Page not found')]);
});

it('a step the way of signing in does not allow: the reason in Italian, on a page of the signed-in site', async () => {
  const citizen = await pinDispositivoActions(product).signedInCitizen('Bianchi');
  const page = await open('/phone-pins', { authorization: `Bearer ${citizen.token}` });
  expect(page.status).toBe(403);
  const text = await page.text();
  expect(text).toContain('Il PIN telefonico è per chi accede con SPID o CIE.');
  expect(text).toContain('Torni ai Suoi servizi');
  expect(text).not.toContain('A phone PIN is for people');

  // Every service card of the home leads to the service's page; one the person may not see does not exist.
  const home = await (await open('/home', { authorization: `Bearer ${citizen.token}` })).text();
  const links = [...home.matchAll(/href="(\/services\/[a-z_]+)"/g)].map((m) => m[1]!);
  expect(links.length).toBeGreaterThan(2);
  for (const link of links) {
    const service = await open(link, { authorization: `Bearer ${citizen.token}` });
    expect([link, service.status]).toEqual([link, 200]);
  }
  const naspi = await (await open('/services/naspi', { authorization: `Bearer ${citizen.token}` })).text();
  expect(naspi).toContain('<h1>NASpI - indennità di disoccupazione</h1>');
  expect(naspi).toContain('Presenta la domanda');
  const notHers = await open('/services/small_loan_public_employees', { authorization: `Bearer ${citizen.token}` });
  expect(notHers.status).toBe(404);
});

it('the API, and any client that asks for JSON, still get the one error shape', async () => {
  const api = await open('/api/pin-requests/not-a-request');
  expect(api.headers.get('content-type')).toMatch(/^application\/json/);
  expect(((await api.json()) as { error: unknown }).error).toMatchObject({
    code: expect.any(String),
    message: expect.any(String),
  });
  const machine = await fetch(`${product.urls.citizen}/pagina-che-non-esiste`, {
    headers: { accept: 'application/json' },
  });
  expect([machine.status, ((await machine.json()) as { error: { code: string } }).error.code]).toEqual([
    404,
    'not_found',
  ]);
});
