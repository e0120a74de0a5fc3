// The agent console service: staff sign-in and the contact-center task queue, as a page and a JSON API.
import { opsRoutes } from './routes/ops';
import { cleanQuery, idsAreUuids, jsonBody } from '../shared/input';
import type { Client } from '@temporalio/client';
import express from 'express';
import type { Config } from '../../infra/config';
import type { Db } from '../../infra/db';
import { createVault, loadVaultKey } from '../../infra/vault';
import { errorHandler, notFound } from '../shared/errors';
import { healthRoutes } from '../shared/health';
import { PRINT_SCRIPT, PRINT_SCRIPT_PATH, SIGNED_IN_PAGE_SCRIPT_PATH } from '../shared/html';
import { accessLog, sameOriginOnly, securityHeaders, serveScript } from '../shared/middleware';
import { loadSession } from './auth';
import { agentOpenApi } from './openapi';
import { createTwilioClient } from '../../infra/messaging';
import { callerRoutes } from './routes/callers';
import { callRoutes } from './routes/calls';
import { CODEC_PATH, codecRoutes } from './routes/codec';
import { supervisionRoutes } from './routes/supervision';
import { inboundFaxRoutes } from './routes/inbound-fax';
import { letterTrackingRoutes } from './routes/letter-tracking';
import { officeRoutes } from './routes/office';
import { phoneRegistrationRoutes } from './routes/phone-registrations';
import { sessionRoutes } from './routes/session';
import { taskRoutes } from './routes/tasks';
import { browserScript, signedInPageScript } from '../shared/browser-script';
import { join } from 'node:path';
import { CONSOLE_SCRIPT_PATH, consolePage } from './views/console';
import { chooseLanguage, langOf } from '../shared/i18n';

export function createAgentConsoleApp(deps: { db: Db; temporal: Client; config: Config }): express.Express {
  // Opens the documents agents review; the same key the worker seals PIN halves with.
  const vault = createVault(loadVaultKey(deps.config));
  const app = idsAreUuids(express());
  app.disable('x-powered-by');
  // Who the client is (per-client limits, logs): the socket's address, or what a configured proxy reports.
  app.set('trust proxy', deps.config.trustProxy);
  app.use(healthRoutes(deps));
  app.use(
    accessLog,
    securityHeaders(deps.config.agentPublicUrl),
    sameOriginOnly(deps.config.agentPublicUrl, [CODEC_PATH]),
  );
  app.get(PRINT_SCRIPT_PATH, serveScript(PRINT_SCRIPT));
  app.get(SIGNED_IN_PAGE_SCRIPT_PATH, serveScript(signedInPageScript()));
  app.get(CONSOLE_SCRIPT_PATH, serveScript(browserScript(join(__dirname, 'browser', 'console.ts'))));
  // Before any route reads it: a query string of plain text, each parameter once.
  app.use(cleanQuery);
  // Staff screens show personal data: never keep them in a browser or proxy cache.
  app.use((_req, res, next) => {
    res.set('Cache-Control', 'no-store');
    next();
  });
  // Signed by the fax provider, not a staff session; multipart, so before the JSON parser.
  app.use(inboundFaxRoutes({ ...deps, vault }));
  app.use(letterTrackingRoutes(deps));
  app.use(loadSession(deps.db, deps.config));
  // Workflow histories can be large: the codec server parses its own, bigger bodies.
  app.use(codecRoutes(deps));
  app.use(...jsonBody('16kb'));
  // Staff read Italian; English for those who choose it, as on the citizen site.
  app.use(chooseLanguage);
  app.get('/', (_req, res) => {
    res.type('html').send(consolePage(langOf(res)));
  });
  app.get('/openapi.json', (_req, res) => {
    res.json(agentOpenApi(deps.config.agentPublicUrl));
  });
  app.use(sessionRoutes(deps));
  app.use(taskRoutes({ ...deps, vault }));
  app.use(callRoutes({ ...deps, twilioClient: createTwilioClient(deps.config) }));
  app.use(officeRoutes({ ...deps, vault }));
  app.use(callerRoutes(deps));
  app.use(phoneRegistrationRoutes({ ...deps, vault }));
  app.use(supervisionRoutes({ ...deps, vault }));
  app.use(opsRoutes(deps));
  app.use(notFound);
  app.use(errorHandler);
  return app;
}
