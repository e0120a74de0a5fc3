// Per-client limits behind the deployment's proxy (issue "Abuse and bad input"): with TRUST_PROXY naming the proxy,
// the client is the address the proxy reports in X-Forwarded-For, so one citizen's failed sign-ins do not lock out
// everyone behind it; without it (the default), the header is ignored, so nobody escapes the limit by inventing one.
import { FAX_SIGNATURE_HEADER, faxWebhookSignature, faxWebhookToken } from '../../infra/fax';
import { FAX_WEBHOOK_PATH } from '../../services/agent-console/routes/inbound-fax';
import { demoStaff } from '../../dev/seed';
import { fiscalCodeOf } from '../support/citizen';
import { requestFor } from '../support/demo';
import { startTestProduct, type TestProduct } from '../support/product';

const codes = ['Rossi', 'Bianchi', 'Esposito', 'Ferrari'].map(fiscalCodeOf);

async function failedSignIn(product: TestProduct, fiscalCode: string, forwardedFor: string): Promise<number> {
  const res = await fetch(`${product.urls.citizen}/api/session`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', 'x-forwarded-for': forwardedFor },
    body: JSON.stringify({ fiscalCode, pin: 'AAAAAAAA' }),
  });
  return res.status;
}

async function staffSignIn(product: TestProduct) {
  return fetch(`${product.urls.agentConsole}/api/agent/session`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ username: 'agent.neri', password: demoStaff('agent.neri').password }),
  });
}

describe('behind a trusted proxy (TRUST_PROXY=loopback)', () => {
  let product: TestProduct;
  beforeAll(async () => {
    product = await startTestProduct({
      CITIZEN_SIGN_IN_ATTEMPTS_PER_CLIENT: '3',
      TRUST_PROXY: 'loopback',
      AGENT_PUBLIC_URL: 'https://operatori.inps.example',
    });
  });
  afterAll(() => product?.stop());

  it('counts each citizen the proxy reports on their own, and still stops one who keeps failing', async () => {
    const citizens = await Promise.all(codes.map((code, i) => failedSignIn(product, code, `203.0.113.${i + 1}`)));
    expect(citizens).toEqual([401, 401, 401, 401]);
    const same = [];
    for (const code of codes) same.push(await failedSignIn(product, code, '198.51.100.7'));
    expect(same).toEqual([401, 401, 401, 429]);
  });
  it('checks the fax provider’s signature against the public URL it called, not the address the proxy forwarded to', async () => {
    const fields = { direction: 'sent', success: 'true' };
    const post = (signedUrl: string) => {
      const form = new FormData();
      for (const [k, v] of Object.entries(fields)) form.append(k, v);
      return fetch(`${product.urls.agentConsole}${FAX_WEBHOOK_PATH}`, {
        method: 'POST',
        headers: {
          [FAX_SIGNATURE_HEADER]: faxWebhookSignature(faxWebhookToken(product.config), signedUrl, fields, {}),
          'x-forwarded-proto': 'https',
          'x-forwarded-host': 'operatori.inps.example',
        },
        body: form,
      });
    };
    expect((await post(`https://operatori.inps.example${FAX_WEBHOOK_PATH}`)).status).toBe(200);
    expect((await post(`${product.urls.agentConsole}${FAX_WEBHOOK_PATH}`)).status).toBe(403);
  });
  it('behind TLS (an https public URL): HSTS on every answer, and the session cookie only over TLS', async () => {
    const signedIn = await staffSignIn(product);
    expect(signedIn.status).toBe(200);
    expect(signedIn.headers.get('strict-transport-security')).toBe('max-age=31536000; includeSubDomains');
    expect(signedIn.headers.get('set-cookie')).toMatch(/; Secure/i);
  });
});

describe('with no proxy configured (the default)', () => {
  let product: TestProduct;
  beforeAll(async () => {
    product = await startTestProduct({ CITIZEN_SIGN_IN_ATTEMPTS_PER_CLIENT: '3', PIN_REQUESTS_PER_CLIENT: '3' });
  });
  afterAll(() => product?.stop());

  it('takes at most PIN_REQUESTS_PER_CLIENT requests an hour from one client, on the API and the page together', async () => {
    const viaApi = () => product.citizen.post('/api/pin-requests', requestFor('Rossi'));
    const viaPage = () =>
      fetch(`${product.urls.citizen}/`, {
        method: 'POST',
        headers: { 'content-type': 'application/x-www-form-urlencoded' },
        body: new URLSearchParams({ fiscalCode: fiscalCodeOf('Rossi') }),
      });
    const statuses = [(await viaApi()).status, (await viaPage()).status, (await viaApi()).status];
    expect(statuses).toEqual([202, 400, 202]);
    const refusedApi = await viaApi();
    expect([refusedApi.status, refusedApi.body.error.code]).toEqual([429, 'too_many_requests']);
    const refusedPage = await viaPage();
    expect(refusedPage.status).toBe(429);
    expect(await refusedPage.text()).toMatch(/troppe richieste di PIN/);
  });

  it('over plain http (the default public URL) sends no HSTS and a cookie a plain-http browser keeps', async () => {
    const signedIn = await staffSignIn(product);
    expect(signedIn.headers.get('strict-transport-security')).toBeNull();
    expect(signedIn.headers.get('set-cookie')).not.toMatch(/; Secure/i);
  });

  it('ignores X-Forwarded-For: a client cannot dodge the limit by inventing addresses', async () => {
    const statuses = [];
    for (const [i, code] of codes.entries()) statuses.push(await failedSignIn(product, code, `203.0.113.${i + 1}`));
    expect(statuses).toEqual([401, 401, 401, 429]);
  });
});
