// The identity provider stand-in: a real OpenID Connect provider (npm `oidc-provider`), run as its own process,
// standing in for SPID and CIE when no real provider is configured. Its sign-in page lists demo identities at SPID
// levels 1, 2 and 3 and by CIE; it asserts the codice fiscale as SPID does (`fiscal_number: TINIT-<codice fiscale>`)
// and the level as SPID's `acr` values, and names the SPID identity provider picked on the product's button (`idp_hint`).
// Configured by the environment the product's start-up passes:
// OIDC_STANDIN_ISSUER, OIDC_STANDIN_PORT, OIDC_CLIENT_ID, OIDC_CLIENT_SECRET, OIDC_REDIRECT_URI, OIDC_DEMO_IDENTITIES.
import { createServer } from 'node:http';
import Provider from 'oidc-provider';

const env = process.env;
const identities = JSON.parse(env.OIDC_DEMO_IDENTITIES ?? '[]');
const SPID_LEVELS = [
  'https://www.spid.gov.it/SpidL1',
  'https://www.spid.gov.it/SpidL2',
  'https://www.spid.gov.it/SpidL3',
];

const provider = new Provider(env.OIDC_STANDIN_ISSUER, {
  clients: [
    {
      client_id: env.OIDC_CLIENT_ID,
      client_secret: env.OIDC_CLIENT_SECRET,
      redirect_uris: [env.OIDC_REDIRECT_URI],
      response_types: ['code'],
      grant_types: ['authorization_code'],
    },
  ],
  pkce: { required: () => true },
  // The SPID identity provider the citizen picked on the relying party's button, as a SPID / CIE gateway takes it.
  extraParams: ['idp_hint'],
  acrValues: SPID_LEVELS,
  claims: { openid: ['sub'], profile: ['given_name', 'family_name', 'fiscal_number'] },
  // SPID's ID token carries the identity: the relying party need not call userinfo.
  conformIdTokenClaims: false,
  async findAccount(_ctx, sub) {
    const identity = identities.find((i) => i.fiscalCode === sub);
    if (!identity) return undefined;
    return {
      accountId: sub,
      claims: () => ({
        sub,
        given_name: identity.givenName,
        family_name: identity.familyName,
        fiscal_number: `TINIT-${identity.fiscalCode}`,
      }),
    };
  },
  interactions: { url: (_ctx, interaction) => `/interaction/${interaction.uid}` },
  // The relying party is INPS's own service: no consent screen, the grant is the one it asks for.
  async loadExistingGrant(ctx) {
    const grant = new ctx.oidc.provider.Grant({
      accountId: ctx.oidc.account.accountId,
      clientId: ctx.oidc.client.clientId,
    });
    grant.addOIDCScope('openid profile');
    await grant.save();
    return grant;
  },
  features: { devInteractions: { enabled: false } },
  cookies: { keys: [env.OIDC_CLIENT_SECRET] },
});
provider.proxy = true;

const escape = (s) => String(s).replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);

async function interaction(req, res, uid) {
  if (req.method === 'GET') {
    const { params } = await provider.interactionDetails(req, res);
    const picked = params.idp_hint
      ? `<p>Identity provider chosen on the button: <strong>${escape(params.idp_hint)}</strong> (the stand-in signs in for every one).</p>`
      : '';
    const buttons = identities
      .flatMap((i) => [
        ...[1, 2, 3].map((level) => ({ i, level, label: `SPID level ${level}` })),
        { i, level: 3, label: 'CIE (carta d’identità elettronica)' },
      ])
      .map(
        ({ i, level, label }) =>
          `<li><form method="post"><input type="hidden" name="identity" value="${escape(i.fiscalCode)}"><input type="hidden" name="level" value="${level}"><button>${escape(i.givenName)} ${escape(i.familyName)}: ${label}</button></form></li>`,
      )
      .join('');
    res.writeHead(200, { 'content-type': 'text/html; charset=utf-8' });
    res.end(`<!doctype html><html lang="en"><head><meta charset="utf-8"><title>SPID / CIE stand-in</title></head>
<body style="font-family:sans-serif;max-width:40rem;margin:2rem auto"><h1>Sign in with SPID or CIE (stand-in)</h1>
<p>A local identity provider for development: choose a demo identity and how strongly it is proven.</p>${picked}<ul>${buttons}</ul></body></html>`);
    return;
  }
  let body = '';
  for await (const chunk of req) body += chunk;
  const form = new URLSearchParams(body);
  const level = Number(form.get('level'));
  const result = {
    login: {
      accountId: form.get('identity'),
      acr: SPID_LEVELS[level - 1],
    },
  };
  await provider.interactionFinished(req, res, result, { mergeWithLastSubmission: false });
  void uid;
}

const callback = provider.callback();
createServer((req, res) => {
  const match = /^\/interaction\/([\w-]+)$/.exec(req.url?.split('?')[0] ?? '');
  if (match)
    interaction(req, res, match[1]).catch((err) => {
      res.writeHead(400, { 'content-type': 'text/plain' });
      res.end(`sign-in failed: ${err.message}`);
    });
  else callback(req, res);
}).listen(Number(env.OIDC_STANDIN_PORT), '127.0.0.1', () => {
  process.stdout.write('ready\n');
});

// The product holds our stdin open: when it ends, the product is gone (even killed outright), and so are we.
process.stdin.on('end', () => process.exit(0));
process.stdin.resume();
