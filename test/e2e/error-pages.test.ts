// What a browser is shown when a citizen page cannot be: a page in the person's language that says what to do next,
// with the status a machine reads; the API (`/api/…`, or a client asking for JSON) keeps its `{ error }` answer.
import { pinDispositivoActions } from '../support/pin-dispositivo';
import { startTestProduct, type TestProduct } from '../support/product';

let product: TestProduct;
beforeAll(async () => {
  product = await startTestProduct();
});
afterAll(() => product?.stop());

const BROWSER_ACCEPT = 'text/html,application/xhtml+xml,application/xml;q=0.9,*/*;q=0.8';
const open = (path: string, headers: Record<string, string> = {}) =>
  fetch(`${product.urls.citizen}${path}`, { headers: { accept: BROWSER_ACCEPT, ...headers } });

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
