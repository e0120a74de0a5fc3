// A ceiling on PIN requests from one client: each is stored and answered before anything is known of the person, so
// without it anyone could fill the intake (a row, a workflow and a message each) from one place.
import type { RequestHandler } from 'express';
import { limitOf } from '../shared/limits';
import type { Client } from '@temporalio/client';
import type { Config } from '../../infra/config';
import type { Db } from '../../infra/db';
import { ApiError } from '../shared/errors';
import { langOf, sayIn, type Lang } from '../shared/i18n';
import { signInPageSettings } from './cns';
import { requestFormPage } from './views/pages';

const tooMany = (lang: Lang) =>
  sayIn(lang)(
    'Da questa connessione sono arrivate troppe richieste di PIN. Riprovi tra un’ora, oppure si rivolga a una sede INPS.',
    'Too many PIN requests came from this connection. Try again in an hour, or visit an INPS office.',
  );

/** What the routes that take PIN requests (the API and the page) need: the product's clients and the one limiter. */
export type IntakeDeps = { db: Db; temporal: Client; config: Config; intakeThrottle: RequestHandler };

/** One limiter for the API and the page alike, so the two together count once. */
export function pinRequestThrottle(config: Config): RequestHandler {
  return limitOf({
    windowMs: 60 * 60_000,
    max: config.PIN_REQUESTS_PER_CLIENT,
    refuse: (req, res) => {
      if (req.path.startsWith('/api/')) throw new ApiError(429, 'too_many_requests', tooMany('en'));
      const lang = langOf(res);
      res
        .status(429)
        .type('html')
        .send(requestFormPage(lang, { cnsSignInUrl: signInPageSettings(config).cnsSignInUrl, error: tooMany(lang) }));
    },
  });
}
