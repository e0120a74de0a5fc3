// Every citizen page and staff screen speaks one language: rendered in Italian it holds no English sentence, and in English no Italian
// one, errors included (a refused form, a wrong PIN, an upload refused, a page that does not exist). The pages are read
// as a person sees them: the visible text, without markup; names of people, places and the terms of art aside.
import { SAME_IN_BOTH, strayLines, visibleText, type Lang } from '../support/languages';
import { pinDispositivoActions } from '../support/pin-dispositivo';
import { startTestProduct, type TestProduct } from '../support/product';
import { pinRequestActions } from '../support/requests';
import { requestFor } from '../support/demo';
import { fiscalCodeOf } from '../support/citizen';
import { staffToken } from '../support/product';

let product: TestProduct;
beforeAll(async () => {
  product = await startTestProduct();
});
afterAll(() => product?.stop());

it('no citizen page, nor any of its errors, mixes the two languages', async () => {
  const act = pinDispositivoActions(product);
  const citizen = await act.signedInCitizen('Bianchi');
  expect((await product.citizen.post('/api/applications', { serviceId: 'naspi' }, citizen.token)).status).toBe(201);
  const conversion = (await product.citizen.post('/api/conversions', {}, citizen.token)).body;
  const { requestId } = await pinRequestActions(product).submit(requestFor('Bruno'));
  const statusToken = await pinRequestActions(product).statusTokenOf(requestId);

  const found: string[] = [];
  /** Each page's headings in each language: a heading the same in both was left untranslated. */
  const headings = new Map<string, Record<Lang, string[]>>();
  for (const lang of ['it', 'en'] as const) {
    const headers = { 'accept-language': lang, accept: 'text/html' };
    const get = async (path: string, token?: string) => {
      const res = await fetch(`${product.urls.citizen}${path}`, {
        headers: { ...headers, ...(token ? { authorization: `Bearer ${token}` } : {}) },
      });
      const html = await res.text();
      found.push(...strayLines(lang, `GET ${path.replace(/t=[\w-]{20,}/, 't=…')}`, html));
      const titles = [...html.matchAll(/<(h[1-3]|title)[^>]*>([\s\S]*?)<\/\1>/g)].map((m) =>
        visibleText(m[2]!)
          .replace(/ · PIN INPS$/, '')
          .trim(),
      );
      headings.set(path, { ...(headings.get(path) ?? { it: [], en: [] }), [lang]: titles });
    };
    const post = async (path: string, form: Record<string, string>, token?: string) => {
      const res = await fetch(`${product.urls.citizen}${path}`, {
        method: 'POST',
        headers: {
          ...headers,
          'content-type': 'application/x-www-form-urlencoded',
          ...(token ? { authorization: `Bearer ${token}` } : {}),
        },
        body: new URLSearchParams(form),
        redirect: 'manual',
      });
      found.push(...strayLines(lang, `POST ${path} (${res.status})`, await res.text()));
    };
    for (const path of [
      '/',
      '/login',
      '/lost-pin',
      '/find-request',
      '/accessibilita',
      '/privacy',
      '/note-legali',
      '/aiuto',
    ])
      await get(path);
    await get(`/follow?t=${statusToken}`);
    await get('/follow?t=expired');
    await get('/pagina-che-non-esiste');
    await get('/home', citizen.token);
    await get(`/conversions/${conversion.conversionId}`, citizen.token);
    await get('/phone-pins', citizen.token);
    await get('/services/contribution_statement', citizen.token);
    await get('/services/naspi', citizen.token);
    // Refused forms: every field wrong, a PIN of the wrong shape, a lookup with nothing typed.
    await post('/', { fiscalCode: 'RSSMRA', email: 'nope@', phone: '12', postalCode: '1', birthProvince: 'XX' });
    await post('/login', { fiscalCode: 'RSSMRA', pin: '12' });
    await post('/login', { fiscalCode: citizen.fiscalCode, pin: 'ZZZZZZZZ' });
    await post('/lost-pin', { fiscalCode: '', contactType: 'email', contact: 'x' });
    await post('/find-request', { fiscalCode: 'x', contactType: 'phone', contact: '' });
  }
  for (const [path, { it, en }] of headings)
    for (const title of it.filter((t) => en.includes(t) && !SAME_IN_BOTH.includes(t)))
      found.push(`GET ${path.replace(/t=[\w-]{20,}/, 't=…')}: "${title}" is the same in both languages`);
  expect(found).toEqual([]);
});

it('no staff screen (console, office desk, intermediaries, operations), nor any of its refusals, mixes the two languages', async () => {
  const operator = await staffToken(product, 'operator.verdi');
  const ops = await staffToken(product, 'ops.fontana');
  const found: string[] = [];
  const statuses: string[] = [];
  for (const lang of ['it', 'en'] as const) {
    const send = async (path: string, token?: string, form?: Record<string, string>) => {
      const res = await fetch(`${product.urls.agentConsole}${path}`, {
        method: form ? 'POST' : 'GET',
        headers: {
          'accept-language': lang,
          ...(token ? { authorization: `Bearer ${token}` } : {}),
          ...(form ? { 'content-type': 'application/x-www-form-urlencoded' } : {}),
        },
        body: form && new URLSearchParams(form),
      });
      // The handover sheet is printed for the citizen in Italian whatever the desk's language (views/office.ts).
      const html = (await res.text()).replace(/<section[^>]*lang="it"[\s\S]*?<\/section>/g, ' ');
      found.push(...strayLines(lang, `${form ? 'POST' : 'GET'} ${path} (${res.status})`, html));
      statuses.push(`${path.replace(/=\w+$/, '=…')} ${res.status}`);
    };
    await send('/');
    await send('/office', operator);
    await send(`/office?fiscalCode=${fiscalCodeOf('Rossi')}`, operator);
    await send('/office?fiscalCode=RSSMRA', operator);
    await send('/office/intermediaries', operator);
    await send('/office/issuances', operator, { fiscalCode: 'RSSMRA', documentExpiresOn: '2001-01-01' });
    await send('/office/intermediaries', operator, { fiscalCode: 'RSSMRA' });
    await send('/office/intermediaries', operator, {
      fiscalCode: fiscalCodeOf('Rossi'),
      identityDocumentChecked: 'true',
    });
    await send('/office/registry-corrections', operator, {
      fiscalCode: fiscalCodeOf(lang === 'it' ? 'Rossi' : 'Bianchi'),
      documentType: 'carta_identita',
      documentNumber: 'CA12345AB',
      documentIssuedBy: 'Comune di Roma',
      documentExpiresOn: '2031-05-01',
      appliedInPerson: 'true',
      email: `${lang}@example.it`,
    });
    await send('/ops', ops);
  }
  expect(found).toEqual([]);
  // Each screen was the real one, refusals included: not a sign-in page or an error in their place.
  expect(statuses.slice(0, 10)).toEqual([
    '/ 200',
    '/office 200',
    '/office?fiscalCode=… 200',
    '/office?fiscalCode=… 404',
    '/office/intermediaries 200',
    '/office/issuances 400',
    '/office/intermediaries 400',
    '/office/intermediaries 422',
    '/office/registry-corrections 200',
    '/ops 200',
  ]);
  expect(statuses.slice(10)).toEqual(statuses.slice(0, 10));
});
