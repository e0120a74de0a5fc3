// The citizen service: the online PIN request, sign-in and the life of the PIN (first access, renewal, lost PIN),
// as pages and as the JSON API behind them.
import { cleanQuery, formBody, idsAreUuids, jsonBody } from '../shared/input';
import path from 'node:path';
import type { Client } from '@temporalio/client';
import express, { type Request, type Response } from 'express';
import type { Config } from '../../infra/config';
import type { Db } from '../../infra/db';
import { createVault, loadVaultKey } from '../../infra/vault';
import { Refusal } from '../../domain/refusal';
import { sitePageRoutes } from './routes/site-pages';
import { errorPage } from './views/error-page';
import { errorHandlerWith, notFound } from '../shared/errors';
import { healthRoutes } from '../shared/health';
import { PRINT_SCRIPT, PRINT_SCRIPT_PATH, SIGNED_IN_PAGE_SCRIPT_PATH } from '../shared/html';
import { signedInPageScript } from '../shared/browser-script';
import { accessLog, sameOriginOnly, securityHeaders, serveScript } from '../shared/middleware';
import { citizenOpenApi } from './openapi';
import { credentialRoutes } from './routes/account';
import { findRequestRoutes } from './routes/find-request';
import { pinDispositivoRoutes } from './routes/pin-dispositivo';
import { phonePinRoutes } from './routes/phone-pins';
import { spidRoutes } from './routes/spid';
import { createSpidRelyingParty } from './spid';
import { chooseLanguage, langOf } from '../shared/i18n';
import { findOwnPinRequest, findPinRequestByLink, pinRequestRoutes, pinRequestStatus } from './routes/pin-requests';
import { requestPageRoutes } from './routes/request-pages';
import { pinRequestThrottle } from './intake-throttle';
import { loadCitizenSession } from './session';
import { BOOTSTRAP_ITALIA_PATH } from './views/layout';
import {
  firstHalfAgainAnswerPage,
  newLetterAnswerPage,
  requestStatusPage,
  statusLinkNotValidPage,
} from './views/pages';
import { askForNewLetter, sendFirstHalfAgain } from '../../core/letter-tracking';

/** The design system's stylesheet and typeface, straight from the npm package: no CDN, nothing fetched at run time. */
const BOOTSTRAP_ITALIA_DIST = path.join(path.dirname(require.resolve('bootstrap-italia/package.json')), 'dist');

export function createCitizenApp(deps: { db: Db; temporal: Client; config: Config }): express.Express {
  // Seals the documents citizens upload.
  const vault = createVault(loadVaultKey(deps.config));
  const app = idsAreUuids(express());
  app.disable('x-powered-by');
  // Who the client is (per-client limits, logs): the socket's address, or what a configured proxy reports.
  app.set('trust proxy', deps.config.trustProxy);
  app.use(healthRoutes(deps));
  app.use(accessLog, securityHeaders(deps.config.citizenPublicUrl), sameOriginOnly(deps.config.citizenPublicUrl));
  app.get(PRINT_SCRIPT_PATH, serveScript(PRINT_SCRIPT));
  app.get(SIGNED_IN_PAGE_SCRIPT_PATH, serveScript(signedInPageScript()));
  // Before any route reads it: a query string of plain text, each parameter once.
  app.use(cleanQuery);
  for (const part of ['css', 'fonts'])
    app.use(
      `${BOOTSTRAP_ITALIA_PATH}/${part}`,
      express.static(path.join(BOOTSTRAP_ITALIA_DIST, part), { maxAge: '7d', index: false, fallthrough: false }),
    );
  app.use(...jsonBody('32kb'));
  app.use(chooseLanguage);
  app.use(loadCitizenSession(deps.db, deps.config));

  const intakeThrottle = pinRequestThrottle(deps.config);
  app.use(requestPageRoutes({ ...deps, intakeThrottle }));
  app.use(sitePageRoutes(deps));
  // Where a request stands: for whoever holds its status link, or for its owner signed in. Never by id alone.
  app.get('/follow', async (req, res) => {
    res.set('Cache-Control', 'no-store').type('html');
    const row = await findPinRequestByLink(deps.db, deps.config, req.query.t).catch((err: unknown) => {
      if (err instanceof Refusal) return undefined;
      throw err;
    });
    if (!row) return res.status(404).send(statusLinkNotValidPage(langOf(res)));
    res.send(
      requestStatusPage(langOf(res), await pinRequestStatus(deps.db, deps.config, row), { t: String(req.query.t) }),
    );
  });
  /** The request whose status link a form on its page carries (`t`), or the page a wrong or expired link gets. */
  const requestOfFormLink = async (req: Request, res: Response) => {
    res.set('Cache-Control', 'no-store').type('html');
    const row = await findPinRequestByLink(deps.db, deps.config, req.body?.t).catch((err: unknown) => {
      if (err instanceof Refusal) return undefined;
      throw err;
    });
    if (!row) res.status(404).send(statusLinkNotValidPage(langOf(res)));
    return row;
  };
  app.post('/follow/new-letter', ...formBody('4kb'), async (req, res) => {
    const row = await requestOfFormLink(req, res);
    if (!row) return;
    const answer = await askForNewLetter(deps, row.id);
    res
      .status(answer.outcome === 'reissued' ? 202 : 409)
      .send(newLetterAnswerPage(langOf(res), answer.outcome, String(req.body.t)));
  });
  app.post('/follow/first-half-again', ...formBody('4kb'), async (req, res) => {
    const row = await requestOfFormLink(req, res);
    if (!row) return;
    const answer = await sendFirstHalfAgain(deps, row.id);
    res
      .status(answer === 'sending' ? 202 : answer === 'not_now' ? 409 : 503)
      .send(firstHalfAgainAnswerPage(langOf(res), answer, String(req.body.t)));
  });
  app.get('/requests/:id', async (req, res) => {
    const row = await findOwnPinRequest(deps.db, req.citizen, req.params.id);
    res.type('html').send(requestStatusPage(langOf(res), await pinRequestStatus(deps.db, deps.config, row)));
  });
  app.get('/openapi.json', (_req, res) => {
    res.json(citizenOpenApi(deps.config.citizenPublicUrl));
  });
  app.use(pinRequestRoutes({ ...deps, intakeThrottle }));
  app.use(credentialRoutes(deps));
  app.use(findRequestRoutes(deps));
  app.use(pinDispositivoRoutes({ ...deps, vault }));
  app.use(phonePinRoutes(deps));
  app.use(spidRoutes({ ...deps, spid: createSpidRelyingParty(deps) }));
  app.use(notFound);
  app.use(errorHandlerWith((answer, req, res) => errorPage(langOf(res), answer, req.citizen?.stage === 'signed_in')));
  return app;
}
