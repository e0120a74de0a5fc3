// Routes for the PIN dispositivo on the citizen service: the conversion request and its documents, and benefit
// applications, as a JSON API and as pages that work without JavaScript. Signed-in citizens only.
import { megabytes, tooLargeMessage } from '../../../domain/documents';
import { cleanedBody, formBody, routes } from '../../shared/input';
import { errorMessageIn, langOf, sayIn } from '../../shared/i18n';
import type { Client } from '@temporalio/client';
import { Router, type Request, type Response } from 'express';
import multer from 'multer';
import { z } from 'zod';
import type { Config } from '../../../infra/config';
import type { Db } from '../../../infra/db';
import type { Vault } from '../../../infra/vault';
import { Refusal } from '../../../domain/refusal';
import { ApiError, httpStatusOf, parseBody } from '../../shared/errors';
import {
  applicationsOf,
  conversionFormPdf,
  conversionsOf,
  fileApplication,
  findConversion,
  requestConversion,
  returnDocuments,
  type ReturnedDocuments,
} from '../pin-dispositivo';
import { accountView, noticesFor } from '../account';
import { requireStage, requireStagePage } from '../session';
import { homePage } from '../views/account';
import { applicationFiledPage, conversionPage } from '../views/pin-dispositivo';

type Deps = { db: Db; temporal: Client; config: Config; vault: Vault };

export const applicationSchema = z.object({ serviceId: z.string().trim().min(1, 'choose a service').max(64) });

export function pinDispositivoRoutes(deps: Deps): Router {
  const { db, config } = deps;
  const router = routes();
  const upload = multer({
    storage: multer.memoryStorage(),
    limits: { fileSize: config.UPLOAD_MAX_BYTES, files: 2, fields: 4, parts: 6 },
  }).fields([
    { name: 'signedForm', maxCount: 1 },
    { name: 'identityDocument', maxCount: 1 },
  ]);
  const maxMegabytes = megabytes(config.UPLOAD_MAX_BYTES);

  /** The two files, in memory only: a refused upload is never written anywhere. */
  const receiveDocuments = (req: Request, res: Response) =>
    new Promise<ReturnedDocuments>((resolve, reject) =>
      upload(req, res, (err: unknown) => {
        if (err instanceof multer.MulterError) {
          const field = err.field ?? 'documents';
          return reject(
            err.code === 'LIMIT_FILE_SIZE'
              ? new ApiError(413, 'documents_refused', 'The documents were not accepted; nothing was kept', {
                  [field]: tooLargeMessage(config.UPLOAD_MAX_BYTES),
                })
              : new ApiError(400, 'invalid_upload', 'Send the signed form and the identity document, one file each', {
                  [field]: 'not expected here',
                }),
          );
        }
        if (err) return reject(err);
        try {
          req.body = cleanedBody(req.body, true);
        } catch (refused) {
          return reject(refused);
        }
        const files = (req.files ?? {}) as Record<string, Express.Multer.File[]>;
        resolve({ signedForm: files.signedForm?.[0]?.buffer, identityDocument: files.identityDocument?.[0]?.buffer });
      }),
    );
  const sendForm = async (req: Request, res: Response) => {
    const pdf = await conversionFormPdf(deps, req.citizen!, String(req.params.id));
    res
      .type('application/pdf')
      .set('Cache-Control', 'no-store')
      .set('Content-Disposition', 'attachment; filename="modulo-pin-dispositivo.pdf"')
      .send(pdf);
  };

  // ---- JSON API ----
  router.use(['/api/conversions', '/api/applications'], requireStage('signed_in'));
  router.post('/api/conversions', async (req, res) => {
    const { created, conversion } = await requestConversion(deps, req.citizen!);
    res.status(created ? 201 : 200).json(conversion);
  });
  // The short address printed on the conversion form: the personal area, where the open request takes the upload
  // (signing in first, if need be).
  router.get('/converti', (_req, res) => res.redirect(303, '/home'));

  router.get('/api/conversions', async (req, res) => {
    res.json({ conversions: await conversionsOf(db, req.citizen!) });
  });
  router.get('/api/conversions/:id', async (req, res) => {
    res.json(await findConversion(db, req.citizen!, req.params.id));
  });
  router.get('/api/conversions/:id/form', sendForm);
  router.post('/api/conversions/:id/documents', async (req, res) => {
    const files = await receiveDocuments(req, res);
    res.status(202).json(await returnDocuments(deps, req.citizen!, req.params.id, files));
  });
  router.post('/api/applications', async (req, res) => {
    const { serviceId } = parseBody(applicationSchema, req.body, 'invalid_application', 'Choose a service');
    res.status(201).json(await fileApplication(deps, req.citizen!, serviceId));
  });
  router.get('/api/applications', async (req, res) => {
    res.json({ applications: await applicationsOf(db, req.citizen!) });
  });

  // ---- Pages ----
  router.use(['/conversions', '/applications'], requireStagePage('signed_in'));
  router.use(['/conversions', '/applications'], ...formBody('4kb'));
  const pageOpts = { faxNumber: config.FAX_NUMBER, maxMegabytes };

  /** An error on a page: back to where the citizen was, with the message next to what caused it. */
  const homeWithError = async (req: Request, res: Response, err: Refusal) => {
    const view = await accountView(db, req.citizen!);
    res
      .status(httpStatusOf(err))
      .type('html')
      .send(
        homePage(langOf(res), view, {
          conversions: await conversionsOf(db, req.citizen!),
          applications: await applicationsOf(db, req.citizen!),
          notices: await noticesFor(db, req.citizen!.personId, { officeOpen: config.officePinIssuance }),
          error: errorMessageIn(langOf(res), err),
        }),
      );
  };

  router.post('/conversions', async (req, res) => {
    try {
      const { conversion } = await requestConversion(deps, req.citizen!);
      res.redirect(303, `/conversions/${conversion.conversionId}`);
    } catch (err) {
      if (err instanceof Refusal) return homeWithError(req, res, err);
      throw err;
    }
  });
  router.get('/conversions/:id', async (req, res) => {
    const conversion = await findConversion(db, req.citizen!, req.params.id);
    res.type('html').send(
      conversionPage(langOf(res), conversion, {
        ...pageOpts,
        notice:
          req.query.sent === '1'
            ? sayIn(langOf(res))('Documenti ricevuti. Grazie.', 'Documents received. Thank you.')
            : undefined,
      }),
    );
  });
  router.get('/conversions/:id/form.pdf', sendForm);
  router.post('/conversions/:id/documents', async (req, res) => {
    try {
      const files = await receiveDocuments(req, res);
      await returnDocuments(deps, req.citizen!, req.params.id, files);
      res.redirect(303, `/conversions/${req.params.id}?sent=1`);
    } catch (err) {
      if (!(err instanceof Refusal) || httpStatusOf(err) === 404) throw err;
      const conversion = await findConversion(db, req.citizen!, req.params.id);
      res
        .status(httpStatusOf(err))
        .type('html')
        .send(
          conversionPage(langOf(res), conversion, {
            ...pageOpts,
            error: errorMessageIn(langOf(res), err),
            fields: err.fields,
          }),
        );
    }
  });
  router.post('/applications', async (req, res) => {
    try {
      const { serviceId } = parseBody(applicationSchema, req.body, 'invalid_application', 'Choose a service');
      res
        .status(201)
        .type('html')
        .send(applicationFiledPage(langOf(res), await fileApplication(deps, req.citizen!, serviceId)));
    } catch (err) {
      if (err instanceof Refusal) return homeWithError(req, res, err);
      throw err;
    }
  });

  return router;
}
