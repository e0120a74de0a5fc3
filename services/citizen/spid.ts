// Sign-in with SPID or CIE through OpenID Connect (brief, "The switch to SPID"): the citizen service is a relying
// party (npm `openid-client`). Each sign-in carries a one-time state, a nonce and a PKCE verifier kept server-side,
// bound to the browser that started it by a secret in its cookie (no login CSRF: an attacker's unfinished sign-in
// cannot be finished in someone else's browser);
// the provider's ID token is checked for issuer, audience, signature, expiry and nonce by the library. The citizen is
// matched to the registry by the codice fiscale the provider asserts; SPID level 2 or 3 and CIE give the rights of
// a PIN dispositivo and release the applications waiting for them; level 1 gives no access ("SPID di secondo
// livello").
import { createHash } from 'node:crypto';
import { errors, generators, Issuer, type BaseClient } from 'openid-client';
import type { Client } from '@temporalio/client';
import { releaseWaitingApplications } from '../../core/pin-dispositivo-processes';
import { STRONG_SIGN_IN_LEVEL } from '../../domain/citizen-session';
import { contactCenterInShort } from '../../domain/contact-center';
import type { Config } from '../../infra/config';
import type { Db } from '../../infra/db';
import { openCitizenSession } from '../../repositories/citizen-sessions';
import { beginOidcSignIn, useOidcSignIn } from '../../repositories/oidc-sign-ins';
import { personByFiscalCode } from '../../repositories/registry';
import { logger } from '../../infra/logger';
import { ApiError } from '../shared/errors';
import { newSessionToken, tokenHash } from '../shared/session-token';
import { newSessionEnd } from './account';

export const SPID_LEVELS = [
  'https://www.spid.gov.it/SpidL1',
  'https://www.spid.gov.it/SpidL2',
  'https://www.spid.gov.it/SpidL3',
] as const;
export type SignInChoice = 'spid2' | 'spid3' | 'cie';
const SIGN_IN_MINUTES = 10;
/** The cookie that binds a sign-in to the browser that started it. */
export const SIGN_IN_BINDING_COOKIE = 'pin_oidc_binding';
export const SIGN_IN_BINDING_MAX_AGE_MS = SIGN_IN_MINUTES * 60_000;

const stateHash = (state: string) => createHash('sha256').update(state).digest('hex');

export interface SpidSignIn {
  token: string;
  expiresAt: Date;
  method: 'spid' | 'cie';
  level: number;
}

export function createSpidRelyingParty({ db, config, temporal }: { db: Db; config: Config; temporal: Client }) {
  let discovered: Promise<BaseClient> | undefined;
  /** The provider's metadata, fetched once (and again after a failure). */
  const client = () =>
    (discovered ??= Issuer.discover(config.oidcIssuerUrl)
      .then(
        (issuer) =>
          new issuer.Client({
            client_id: config.OIDC_CLIENT_ID,
            client_secret: config.oidcClientSecret,
            redirect_uris: [config.oidcRedirectUri],
            response_types: ['code'],
          }),
      )
      .catch((err) => {
        discovered = undefined;
        logger.error({ err: (err as Error).message }, 'identity provider unreachable');
        throw new ApiError(503, 'identity_provider_unavailable', 'SPID and CIE sign-in is not available right now');
      }));

  return {
    /**
     * Where to send the citizen to sign in (the provider's authorization URL for this sign-in, with the SPID identity
     * provider they picked, if any), and the secret the starting browser keeps in a cookie until it comes back.
     */
    async begin(choice: SignInChoice, identityProvider?: string): Promise<{ url: string; browserBinding: string }> {
      const browserBinding = generators.random();
      const state = generators.state();
      const nonce = generators.nonce();
      const codeVerifier = generators.codeVerifier();
      await beginOidcSignIn(db, {
        stateHash: stateHash(state),
        nonce,
        codeVerifier,
        // SPID and CIE are separate providers in production: the method is the one this sign-in was sent to.
        method: choice === 'cie' ? 'cie' : 'spid',
        browserBindingHash: stateHash(browserBinding),
        expiresAt: new Date(Date.now() + SIGN_IN_MINUTES * 60_000),
      });
      const level = choice === 'cie' ? 3 : Number(choice.slice(4));
      const url = (await client()).authorizationUrl({
        scope: 'openid profile',
        state,
        nonce,
        code_challenge: generators.codeChallenge(codeVerifier),
        code_challenge_method: 'S256',
        acr_values: SPID_LEVELS[level - 1],
        prompt: 'login',
        // The SPID identity provider the citizen picked on the button, for the gateway to go straight to it.
        ...(identityProvider && choice !== 'cie' ? { idp_hint: identityProvider } : {}),
      });
      return { url, browserBinding };
    },

    /**
     * The provider's answer: the state is used up first (a replayed or unknown state is refused), then the code is
     * exchanged and the ID token checked; a session opens for the person the registry knows by that codice fiscale.
     */
    async complete(callbackUrl: string, browserBinding: string | undefined): Promise<SpidSignIn> {
      const rp = await client();
      const params = rp.callbackParams(callbackUrl);
      const refused = (why: string) =>
        new ApiError(401, 'sign_in_refused', 'The sign-in with SPID or CIE did not succeed. Please try again.', {
          signIn: why,
        });
      if (!params.state) throw refused('missing state');
      if (!browserBinding) throw refused('not started in this browser');
      const pending = await useOidcSignIn(db, {
        stateHash: stateHash(params.state),
        browserBindingHash: stateHash(browserBinding),
      });
      if (!pending) throw refused('unknown, used or expired state, or started in another browser');
      let claims: Record<string, unknown>;
      try {
        const tokens = await rp.callback(config.oidcRedirectUri, params, {
          state: params.state,
          nonce: pending.nonce,
          code_verifier: pending.code_verifier,
          response_type: 'code',
        });
        claims = tokens.claims();
      } catch (err) {
        if (err instanceof errors.RPError || err instanceof errors.OPError) {
          logger.warn({ err: err.message }, 'SPID sign-in refused');
          throw refused(err.message);
        }
        throw err;
      }
      const levelIndex = SPID_LEVELS.indexOf(claims.acr as (typeof SPID_LEVELS)[number]);
      const fiscalCode = /^TINIT-([A-Z0-9]{16})$/.exec(String(claims.fiscal_number ?? ''))?.[1];
      if (levelIndex < 0 || !fiscalCode) throw refused('no level or no codice fiscale asserted');
      if (levelIndex + 1 < STRONG_SIGN_IN_LEVEL)
        throw new ApiError(
          403,
          'spid_level_too_low',
          'SPID level 1 is not enough to use INPS online services. Sign in again with SPID level 2 or 3 (a password and a one-time code or the app), with CIE or with CNS.',
        );
      const method = pending.method;
      const person = await personByFiscalCode(db, fiscalCode);
      if (!person)
        throw new ApiError(
          403,
          'not_in_registry',
          `Your identity is confirmed, but INPS has no record of your codice fiscale. Call the contact center: ${contactCenterInShort().en}.`,
        );
      const token = newSessionToken();
      const expiresAt = newSessionEnd(config);
      await db.transaction().execute((trx) =>
        openCitizenSession(trx, {
          method,
          level: levelIndex + 1,
          tokenHash: tokenHash(token),
          personId: person.id,
          stage: 'signed_in',
          expiresAt,
        }),
      );
      await releaseWaitingApplications(temporal, db, person.id);
      return { token, expiresAt, method, level: levelIndex + 1 };
    },
  };
}

export type SpidRelyingParty = ReturnType<typeof createSpidRelyingParty>;
