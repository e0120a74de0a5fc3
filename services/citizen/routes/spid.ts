// Sign-in with SPID or CIE (the browser goes to the provider and back), and what only such a sign-in may do:
// retire a PIN still held. Pages that work without JavaScript, and the JSON API beside them.
import { errorMessageIn, langOf } from '../i18n';
import { Router, type Request, type Response } from 'express';
import { z } from 'zod';
import type { Client } from '@temporalio/client';
import type { Config } from '../../../infra/config';
import type { Db } from '../../../infra/db';
import { ApiError } from '../../shared/errors';
import { sessionCookieOptions } from '../../shared/session-token';
import { retirePins } from '../credentials';
import { CITIZEN_COOKIE, requireStage, requireStagePage } from '../session';
import type { SpidRelyingParty } from '../spid';
import { signInPage } from '../views/account';

type Deps = { db: Db; temporal: Client; config: Config; spid: SpidRelyingParty };

const choiceSchema = z.enum(['spid1', 'spid2', 'spid3', 'cie']).catch('spid2');

export function spidRoutes(deps: Deps): Router {
  const { config, spid } = deps;
  const router = Router();

  router.get('/login/spid', async (req, res) => {
    res.redirect(303, await spid.begin(choiceSchema.parse(req.query.with)));
  });

  router.get('/login/spid/callback', async (req: Request, res: Response) => {
    try {
      const signedIn = await spid.complete(`${config.citizenPublicUrl}${req.originalUrl}`);
      res
        .cookie(
          CITIZEN_COOKIE,
          signedIn.token,
          sessionCookieOptions(signedIn.expiresAt, config.NODE_ENV === 'production'),
        )
        .redirect(303, '/home');
    } catch (err) {
      if (!(err instanceof ApiError)) throw err;
      res
        .status(err.status)
        .type('html')
        .send(
          signInPage(langOf(res), {
            maxFailures: config.SIGN_IN_MAX_FAILURES,
            error: errorMessageIn(langOf(res), err),
          }),
        );
    }
  });

  router.post('/api/pin/retirement', requireStage('signed_in'), async (req, res) => {
    res.json(await retirePins(deps, req.citizen!));
  });
  router.post('/pin/retirement', requireStagePage('signed_in'), async (req, res) => {
    await retirePins(deps, req.citizen!);
    res.redirect(303, '/home?retired=1');
  });

  return router;
}
