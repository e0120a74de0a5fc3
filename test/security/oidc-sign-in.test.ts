// What the SPID / CIE sign-in refuses, against a provider that forges whatever token the test asks for: another
// issuer, another audience, an expired token, a wrong nonce, a replayed or unknown state. The same provider's honest
// token opens a session, so each refusal is the check's doing.
import { fiscalCodeOf } from '../support/citizen';
import { startFakeOidcProvider } from '../support/fake-oidc-provider';
import { startTestProduct, type TestProduct } from '../support/product';

let provider: Awaited<ReturnType<typeof startFakeOidcProvider>>;
let product: TestProduct;
beforeAll(async () => {
  provider = await startFakeOidcProvider();
  product = await startTestProduct({
    OIDC_ISSUER_URL: provider.url,
    OIDC_CLIENT_SECRET: 'fake-provider-client-secret',
  });
});
afterAll(async () => {
  await product?.stop();
  await provider?.stop();
});

/** Starts a sign-in on the citizen site: the state and nonce it sent the browser to the provider with. */
async function begin() {
  const res = await fetch(`${product.urls.citizen}/login/spid?with=spid2`, { redirect: 'manual' });
  expect(res.status).toBe(303);
  const location = new URL(res.headers.get('location')!);
  expect(location.origin).toBe(provider.url);
  expect(location.searchParams.get('code_challenge_method')).toBe('S256');
  // The browser's half of the sign-in, which the callback must bring back.
  const cookie = /pin_oidc_binding=[^;]+/.exec(res.headers.get('set-cookie') ?? '')![0];
  return { state: location.searchParams.get('state')!, nonce: location.searchParams.get('nonce')!, cookie };
}
const callback = (state: string, cookie?: string) =>
  fetch(`${product.urls.citizen}/login/spid/callback?code=fake-code&state=${encodeURIComponent(state)}`, {
    redirect: 'manual',
    headers: cookie ? { cookie } : {},
  });
const honest = (nonce: string) => {
  const now = Math.floor(Date.now() / 1000);
  return {
    iss: provider.url,
    aud: 'inps-pin-service',
    sub: 'spid-subject-1',
    fiscal_number: `TINIT-${fiscalCodeOf('Bianchi')}`,
    acr: 'https://www.spid.gov.it/SpidL2',
    nonce,
    iat: now,
    exp: now + 300,
  };
};

it('opens a session for an honest token, sending the PKCE verifier', async () => {
  const { state, nonce, cookie } = await begin();
  provider.willIssue(honest(nonce));
  const res = await callback(state, cookie);
  expect(res.status).toBe(303);
  expect(res.headers.get('location')).toBe('/home');
  expect(res.headers.get('set-cookie')).toMatch(/pin_citizen_session=/);
  expect(provider.tokenRequests.at(-1)!.code_verifier).toMatch(/^[\w-]{43,}$/);
});

it.each([
  ['another issuer', (c: Record<string, unknown>) => ({ ...c, iss: 'https://idp.example.com' })],
  ['another audience', (c: Record<string, unknown>) => ({ ...c, aud: 'someone-else' })],
  ['an expiry in the past', (c: Record<string, unknown>) => ({ ...c, iat: 1_600_000_000, exp: 1_600_000_300 })],
  ['a nonce from another sign-in', (c: Record<string, unknown>) => ({ ...c, nonce: 'not-the-nonce-we-sent' })],
])('refuses a token with %s, and opens no session', async (_what, tamper) => {
  const { state, nonce, cookie } = await begin();
  provider.willIssue(tamper(honest(nonce)));
  const res = await callback(state, cookie);
  expect(res.status).toBe(401);
  expect(res.headers.get('set-cookie') ?? '').not.toMatch(/pin_citizen_session=/);
  // The page speaks Italian to a browser that states no language.
  expect(await res.text()).toContain('L’accesso con SPID o CIE non è riuscito');
});

it('refuses a replayed state and an unknown one, before asking the provider anything', async () => {
  const { state, nonce, cookie } = await begin();
  provider.willIssue(honest(nonce));
  expect((await callback(state, cookie)).status).toBe(303);
  const asked = provider.tokenRequests.length;
  expect((await callback(state, cookie)).status).toBe(401);
  expect((await callback('made-up-state', cookie)).status).toBe(401);
  expect(provider.tokenRequests.length).toBe(asked);
});

it("refuses a sign-in finished in another browser than the one that started it (an attacker's callback link)", async () => {
  // The attacker starts a sign-in and stops at the provider's redirect; the link is opened in the victim's browser.
  const attacker = await begin();
  const other = await begin();
  provider.willIssue(honest(attacker.nonce));
  const asked = provider.tokenRequests.length;
  for (const victimCookie of [undefined, other.cookie]) {
    const res = await callback(attacker.state, victimCookie);
    expect(res.status).toBe(401);
    expect(res.headers.get('set-cookie') ?? '').not.toMatch(/pin_citizen_session=/);
  }
  expect(provider.tokenRequests.length).toBe(asked);
  // Sign-ins never finished go away once expired.
  await product.db
    .updateTable('oidc_sign_ins')
    .set({ expires_at: new Date(Date.now() - 1000) })
    .execute();
  await begin();
  const left = await product.db.selectFrom('oidc_sign_ins').select('state_hash').execute();
  expect(left).toHaveLength(1);
});
