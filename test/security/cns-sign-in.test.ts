// Sign-in with the CNS (issue "The SPID era as the sources say it"), end to end with real TLS client certificates
// from the development PKI: a valid card signs its holder in with the rights of a PIN dispositivo and releases the
// applications they filed with a PIN ordinario; an expired card, a revoked one (in the CRL) and one from a CA nobody
// trusts are refused with a page that says why, and open no session.
import { readFileSync } from 'node:fs';
import https from 'node:https';
import path from 'node:path';
import { launchBrowser } from '../support/browser';
import { fiscalCodeOf } from '../support/citizen';
import { activePinFor } from '../support/pins';
import { eventually, startTestProduct, type TestProduct } from '../support/product';

let product: TestProduct;
beforeAll(async () => {
  product = await startTestProduct();
});
afterAll(() => product?.stop());

/** GET /login/cns presenting the demo card `name` (or none), trusting the endpoint's demo CA. */
function signInWithCard(name: string | undefined, accept = 'application/json') {
  const dir = path.join(product.config.DATA_DIR, 'cns');
  const card = name
    ? { cert: readFileSync(path.join(dir, `${name}.crt.pem`)), key: readFileSync(path.join(dir, `${name}.key.pem`)) }
    : {};
  return new Promise<{ status: number; headers: Record<string, unknown>; body: string }>((resolve, reject) => {
    https
      .get(
        {
          host: product.config.PUBLIC_HOST,
          port: product.config.CNS_PORT,
          path: '/login/cns',
          ca: readFileSync(path.join(dir, 'ca.pem')),
          headers: { accept },
          ...card,
        },
        (res) => {
          let body = '';
          res.on('data', (chunk: Buffer) => (body += chunk.toString()));
          res.on('end', () => resolve({ status: res.statusCode!, headers: res.headers, body }));
        },
      )
      .on('error', reject);
  });
}

it('signs the card holder in with the rights of a PIN dispositivo, and releases their waiting applications', async () => {
  const fiscalCode = fiscalCodeOf('Rossi');
  const pin = await activePinFor(product, fiscalCode);
  const withPin = await product.citizen.post('/api/session', { fiscalCode, pin });
  const filed = await product.citizen.post(
    '/api/applications',
    { serviceId: 'certificazione_unica' },
    withPin.body.token,
  );
  const family = await product.citizen.post('/api/applications', { serviceId: 'family_allowance' }, withPin.body.token);
  expect([filed.status, family.status]).toContain(201);
  const applicationId = (family.status === 201 ? family : filed).body.applicationId as string;
  const waiting = await eventually(async () => {
    const row = await product.db
      .selectFrom('benefit_applications')
      .selectAll()
      .where('id', '=', applicationId)
      .executeTakeFirst();
    return row?.status === 'waiting_for_pin_dispositivo' && row;
  });

  const signedIn = await signInWithCard('rossi');
  expect(signedIn.status).toBe(200);
  const { token } = JSON.parse(signedIn.body) as { token: string };
  expect(String(signedIn.headers['set-cookie'])).toMatch(/pin_citizen_session=/);
  const me = await product.citizen.get('/api/me', token);
  expect(me.body).toMatchObject({ fiscalCode, signedInWith: 'cns', rights: 'dispositivo' });

  const processed = await eventually(async () => {
    const row = await product.db
      .selectFrom('benefit_applications')
      .selectAll()
      .where('id', '=', applicationId)
      .executeTakeFirst();
    return row?.status === 'processed' && row;
  });
  expect(processed.filed_at).toEqual(waiting.filed_at);

  // A browser is sent to the citizen's home.
  const page = await signInWithCard('bianchi', 'text/html');
  expect([page.status, page.headers.location]).toEqual([303, `${product.config.citizenPublicUrl}/home`]);
});

it('refuses an expired card, a revoked one, one from another CA and no card at all, saying why, opening nothing', async () => {
  const sessionsBefore = await product.db.selectFrom('citizen_sessions').select('token_hash').execute();
  const cases = [
    ['expired', /scaduto|expired/],
    ['revoked', /revocato|revoked/],
    ['foreign', /non è di una Carta Nazionale dei Servizi riconosciuta|not from a recognised/],
    [undefined, /alcun certificato|no certificate/i],
  ] as const;
  for (const [card, reason] of cases) {
    const refused = await signInWithCard(card, 'text/html');
    expect([card, refused.status]).toEqual([card, 303]);
    expect(refused.headers['set-cookie']).toBeUndefined();
    // Back on the sign-in page, which says why.
    const page = await fetch(String(refused.headers.location));
    expect(await page.text()).toMatch(reason);
    const api = await signInWithCard(card);
    expect([card, api.status, JSON.parse(api.body).error.code]).toEqual([card, 401, expect.stringMatching(/^cns_/)]);
  }
  expect(await product.db.selectFrom('citizen_sessions').select('token_hash').execute()).toHaveLength(
    sessionsBefore.length,
  );
});

it('in a browser holding the card: "Entra con CNS" on the sign-in page leads to the home, with a PIN dispositivo’s rights', async () => {
  const dir = path.join(product.config.DATA_DIR, 'cns');
  const browser = await launchBrowser();
  try {
    const context = await browser.newContext({
      // The card, as the browser offers it to the CNS endpoint; the endpoint's demo CA is not in Chromium's store.
      clientCertificates: [
        {
          origin: product.config.cnsPublicUrl,
          certPath: path.join(dir, 'esposito.crt.pem'),
          keyPath: path.join(dir, 'esposito.key.pem'),
        },
      ],
      ignoreHTTPSErrors: true,
      locale: 'it-IT',
    });
    const page = await context.newPage();
    await page.goto(`${product.urls.citizen}/login`);
    await page.getByRole('link', { name: 'Entra con CNS' }).click();
    await page.waitForURL(`${product.config.citizenPublicUrl}/home`);
    expect(await page.getByRole('heading', { level: 1 }).textContent()).toMatch(/Francesca Esposito/);
    expect(await page.locator('main').textContent()).toMatch(/accesso con CNS, con i diritti di un PIN dispositivo/);
  } finally {
    await browser.close();
  }
});
