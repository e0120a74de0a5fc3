// Sign-in with SPID or CIE (the browser goes to the provider and back), and what only such a sign-in may do:
// retire a PIN still held. Pages that work without JavaScript, and the JSON API beside them.
import { signInPageSettings } from '../cns';
import { formBody, routes } from '../../shared/input';
import { errorMessageIn, langOf } from '../../shared/i18n';
import { Router, type Request, type Response } from 'express';
import { limitOf } from '../../shared/limits';
import { z } from 'zod';
import type { Client } from '@temporalio/client';
import type { Config } from '../../../infra/config';
import type { Db } from '../../../infra/db';
import { Refusal } from '../../../domain/refusal';
import { ApiError, httpStatusOf } from '../../shared/errors';
import { cookiesSecureFor, sessionToken } from '../../shared/session-token';
import { citizenCookieOptions, retirePins } from '../account';
import { CITIZEN_COOKIE, requireStage, requireStagePage } from '../session';
import { SIGN_IN_BINDING_COOKIE, SIGN_IN_BINDING_MAX_AGE_MS, type SpidRelyingParty } from '../spid';
import { retirePinConfirmPage, signInPage } from '../views/account';
import { SPID_IDENTITY_PROVIDERS } from '../views/layout';

type Deps = { db: Db; temporal: Client; config: Config; spid: SpidRelyingParty };

// Level 1 is never asked for: it gives no access (a link asking for it is taken as level 2).
const choiceSchema = z.enum(['spid2', 'spid3', 'cie']).catch('spid2');
// The identity provider picked on the SPID button; a name not on AgID's list is not passed on (the gateway then asks).
const identityProviderSchema = z.enum(SPID_IDENTITY_PROVIDERS).optional().catch(undefined);

export function spidRoutes(deps: Deps): Router {
  const { config, spid } = deps;
  const router = routes();
  // Each start stores a pending sign-in: a ceiling per client, so nobody fills the table.
  const spidStartThrottle = limitOf({
    windowMs: 15 * 60_000,
    max: 60,
    refuse: () => {
      throw new ApiError(
        429,
        'too_many_attempts',
        'Too many sign-ins started from this connection: wait a few minutes',
      );
    },
  });

  // The browser's half of the sign-in: sent back on the provider's redirect (a top-level navigation, so Lax), to the
  // callback only.
  const bindingCookie = {
    httpOnly: true,
    sameSite: 'lax' as const,
    secure: cookiesSecureFor(config.citizenPublicUrl),
    path: '/login/spid',
  };

  router.get('/login/spid', spidStartThrottle, async (req, res) => {
    const { url, browserBinding } = await spid.begin(
      choiceSchema.parse(req.query.with),
      identityProviderSchema.parse(req.query.idp),
    );
    res
      .cookie(SIGN_IN_BINDING_COOKIE, browserBinding, { ...bindingCookie, maxAge: SIGN_IN_BINDING_MAX_AGE_MS })
      .redirect(303, url);
  });

  router.get('/login/spid/callback', async (req: Request, res: Response) => {
    try {
      const binding = sessionToken(req, SIGN_IN_BINDING_COOKIE);
      res.clearCookie(SIGN_IN_BINDING_COOKIE, bindingCookie);
      const signedIn = await spid.complete(`${config.citizenPublicUrl}${req.originalUrl}`, binding);
      res.cookie(CITIZEN_COOKIE, signedIn.token, citizenCookieOptions(config)).redirect(303, '/home');
    } catch (err) {
      if (!(err instanceof Refusal)) throw err;
      res
        .status(httpStatusOf(err))
        .type('html')
        .send(
          signInPage(langOf(res), {
            ...signInPageSettings(config),
            error: errorMessageIn(langOf(res), err),
          }),
        );
    }
  });

  router.post('/api/pin/retirement', requireStage('signed_in'), async (req, res) => {
    res.json(await retirePins(deps, req.citizen!));
  });
  // The home's button asks; only the confirmation page's form, which carries the yes, retires.
  router.post('/pin/retirement', requireStagePage('signed_in'), ...formBody('1kb'), async (req, res) => {
    if (req.body?.confirm !== 'yes') return res.type('html').send(retirePinConfirmPage(langOf(res)));
    await retirePins(deps, req.citizen!);
    res.redirect(303, '/home?retired=1');
  });

  return router;
}
