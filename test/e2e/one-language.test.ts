// Every citizen page speaks one language: rendered in Italian it holds no English sentence, and in English no Italian
// one, errors included (a refused form, a wrong PIN, an upload refused, a page that does not exist). The pages are read
// as a person sees them: the visible text, without markup; names of people, places and the terms of art aside.
import { SERVICE_CATALOG } from '../../domain/service-catalog';
import { pinDispositivoActions } from '../support/pin-dispositivo';
import { startTestProduct, type TestProduct } from '../support/product';
import { pinRequestActions } from '../support/requests';
import { requestFor } from '../support/demo';

let product: TestProduct;
beforeAll(async () => {
  product = await startTestProduct();
});
afterAll(() => product?.stop());

type Lang = 'it' | 'en';
/** Words that only the other language writes: one of them in a sentence is a sentence of the other language. */
const OTHER_LANGUAGE: Record<Lang, RegExp> = {
  it: /\b(the|your|you|and|with|is|are|please|this|will|not|of|to|for|was|has|have)\b/i,
  en: /\b(il|lo|gli|della|dello|delle|del|dei|Suo|Sua|Lei|è|non|che|una|alla|nel|sono|questo|questa)\b/,
};
/** Proper names that hold such words in either language: the Institute's, its address's, its services' (terms of art). */
const PROPER_NAMES = [
  'Istituto Nazionale della Previdenza Sociale',
  'via Ciro il Grande',
  ...SERVICE_CATALOG.map((service) => service.name),
];

/** Headings that are the same words in both languages: terms of art, the contact center, the services' names. */
const SAME_IN_BOTH = ['Contact center', ...SERVICE_CATALOG.map((service) => service.name)];

/** The text a person reads on the page: no scripts, styles or markup; entities as characters. */
function visibleText(html: string): string {
  return html
    .replace(/<(script|style)[\s\S]*?<\/\1>/g, ' ')
    .replace(/<[^>]+>/g, '\n')
    .replace(/&nbsp;/g, ' ')
    .replace(/&#39;|&rsquo;/g, '’')
    .replace(/&quot;/g, '"')
    .replace(/&amp;/g, '&');
}

/** The sentences of the page in the other language, with where they were. */
function strayLines(lang: Lang, where: string, html: string): string[] {
  let text = visibleText(html);
  for (const name of PROPER_NAMES) text = text.replaceAll(name, ' ');
  return text
    .split('\n')
    .map((line) => line.trim())
    .filter((line) => line && OTHER_LANGUAGE[lang].test(line))
    .map((line) => `${where} (${lang}): ${line.slice(0, 140)}`);
}

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
