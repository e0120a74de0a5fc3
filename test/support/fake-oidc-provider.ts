// An OpenID Connect provider that says whatever the test tells it to: discovery, keys, and a token endpoint that
// returns the ID token the test forged (signed with the provider's own key). For checking what the relying party
// refuses: a token from another issuer, for another audience, expired.
import { createSign, generateKeyPairSync } from 'node:crypto';
import type { Server } from 'node:http';
import express from 'express';
import { freePort } from './ports';

const b64u = (data: string | Buffer) => Buffer.from(data).toString('base64url');

export async function startFakeOidcProvider() {
  const { privateKey, publicKey } = generateKeyPairSync('rsa', { modulusLength: 2048 });
  const port = await freePort();
  const url = `http://127.0.0.1:${port}`;
  let idToken = '';
  const tokenRequests: Array<Record<string, string>> = [];
  const app = express();
  app.get('/.well-known/openid-configuration', (_req, res) => {
    res.json({
      issuer: url,
      authorization_endpoint: `${url}/auth`,
      token_endpoint: `${url}/token`,
      jwks_uri: `${url}/jwks`,
      response_types_supported: ['code'],
      subject_types_supported: ['public'],
      id_token_signing_alg_values_supported: ['RS256'],
      code_challenge_methods_supported: ['S256'],
    });
  });
  app.get('/jwks', (_req, res) => {
    res.json({ keys: [{ ...publicKey.export({ format: 'jwk' }), kid: 'fake-1', alg: 'RS256', use: 'sig' }] });
  });
  app.post('/token', express.urlencoded({ extended: false }), (req, res) => {
    tokenRequests.push(req.body as Record<string, string>);
    res.json({ access_token: 'fake-access-token', token_type: 'Bearer', expires_in: 300, id_token: idToken });
  });
  const server: Server = await new Promise((resolve) => {
    const s = app.listen(port, '127.0.0.1', () => resolve(s));
  });
  return {
    url,
    tokenRequests,
    /** The ID token the next code exchange returns: these claims, signed by this provider. */
    willIssue(claims: Record<string, unknown>) {
      const header = b64u(JSON.stringify({ alg: 'RS256', kid: 'fake-1', typ: 'JWT' }));
      const body = b64u(JSON.stringify(claims));
      const signature = createSign('RSA-SHA256').update(`${header}.${body}`).sign(privateKey);
      idToken = `${header}.${body}.${b64u(signature)}`;
    },
    stop: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}
