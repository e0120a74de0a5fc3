// The office operator's API at an INPS branch: a PIN dispositivo issued in person from form MV35, a PIN converted to
// dispositivo in person (both with the registry corrected from the identity document), an institutional
// intermediary's PIN (patronati, labour consultants), and the revocation of a PIN. Every action is audited. The
// in-person procedures also have the desk's pages (/office), which work without JavaScript.
import { formBody, routes } from '../../shared/input';
import type { Client } from '@temporalio/client';
import { Router } from 'express';
import { z } from 'zod';
import { fieldErrors } from '../../../domain/field-errors';
import { formFieldErrors, inPersonProcedureFromForm, inPersonProcedureSchema } from '../../../domain/office-input';
import { INITIAL_PIN_LENGTH } from '../../../domain/pin';
import { fiscalCodeSchema } from '../../../domain/pin-request-input';
import type { Config } from '../../../infra/config';
import type { Db } from '../../../infra/db';
import type { Vault } from '../../../infra/vault';
import { audit } from '../../../repositories/audit';
import { revokeCredentials } from '../../../repositories/credentials';
import { personByFiscalCode } from '../../../repositories/registry';
import { tellRevoked } from '../../../core/credential-lifecycle-processes';
import { Refusal } from '../../../domain/refusal';
import { ApiError, httpStatusOf, parseBody } from '../../shared/errors';
import { langOf, sayIn, type Lang } from '../../shared/i18n';
import { hasRole, requireRole } from '../auth';
import { staffErrorIn } from '../words';
import {
  convertPinInPerson,
  correctRegistryInPerson,
  issueIntermediaryPinInPerson,
  issuePinDispositivoInPerson,
  OFFICE_ISSUANCE_SUSPENDED,
} from '../in-person';
import {
  conversionDonePage,
  handoverPage,
  intermediaryPage,
  officePage,
  registryCorrectedPage,
  registryRecordCard,
} from '../views/office';

export const intermediaryCredentialSchema = z.object({
  fiscalCode: fiscalCodeSchema,
  /** The operator has seen the intermediary in person, with an identity document: no delegate may collect a PIN. */
  identityDocumentChecked: z.literal(true, 'confirm that you checked the identity document in person'),
});
export const revocationSchema = z.object({ note: z.string().trim().min(3, 'say why').max(500) });

/** The desk's in-person procedures, by where their form is sent (under /office). */
const DESK_PROCEDURES = new Map<string, 'issuance' | 'conversion' | 'correction'>([
  ['/issuances', 'issuance'],
  ['/conversions', 'conversion'],
  ['/registry-corrections', 'correction'],
]);
/** Where an intermediary's PIN is asked for (under /office). */
const INTERMEDIARY_FORM = '/intermediaries';
/** A form's fields as sent, each as text. */
const formValues = (body: unknown): Record<string, string> =>
  Object.fromEntries(Object.entries((body ?? {}) as Record<string, unknown>).map(([k, v]) => [k, String(v)]));

export function officeRoutes(deps: { db: Db; temporal: Client; config: Config; vault: Vault }): Router {
  const { db, temporal, config } = deps;
  /** The desk's page, which says while issuance at offices is suspended. */
  const deskPage = (opts: Parameters<typeof officePage>[0]) =>
    officePage({
      ...opts,
      suspended: config.officePinIssuance
        ? undefined
        : staffErrorIn(opts.lang, { code: 'office_pin_issuance_suspended', message: OFFICE_ISSUANCE_SUSPENDED }),
    });
  const invalidFields = (lang: Lang) =>
    sayIn(lang)('Alcuni campi mancano o non sono validi.', 'Some fields are missing or not valid.');
  const router = routes();
  router.use('/api/office', requireRole('office_operator'));

  router.post('/api/office/intermediary-credentials', async (req, res) => {
    const input = parseBody(
      intermediaryCredentialSchema,
      req.body,
      'invalid_request',
      'Some fields are missing or not valid',
    );
    const issued = await issueIntermediaryPinInPerson(deps, req.staff!.id, input.fiscalCode);
    res.status(201).json({
      credentialId: issued.credentialId,
      holder: 'intermediary',
      kind: 'dispositivo',
      pin: issued.pin,
      message: `Hand this ${INITIAL_PIN_LENGTH}-character PIN to the intermediary now; it is not kept and will not be shown again. At the first sign-in it is replaced by an 8-character PIN, valid 3 months at a time.`,
    });
  });

  router.post('/api/office/pin-dispositivo-issuances', async (req, res) => {
    const input = parseBody(
      inPersonProcedureSchema,
      req.body,
      'invalid_request',
      'Some fields are missing or not valid',
    );
    const issued = await issuePinDispositivoInPerson(deps, req.staff!.id, input);
    res.status(201).json({
      credentialId: issued.credentialId,
      holder: 'citizen',
      kind: 'dispositivo',
      pin: issued.pin,
      registryChanges: issued.registryChanges,
      message: `Hand this ${INITIAL_PIN_LENGTH}-character PIN dispositivo to the applicant now; it is not kept and will not be shown again. At the first sign-in it is replaced by an 8-character PIN. The outcome is emailed to the applicant.`,
    });
  });

  router.post('/api/office/conversions', async (req, res) => {
    const input = parseBody(
      inPersonProcedureSchema,
      req.body,
      'invalid_request',
      'Some fields are missing or not valid',
    );
    const converted = await convertPinInPerson(deps, req.staff!.id, input);
    res.json({
      conversionId: converted.conversionId,
      credentialId: converted.credentialId,
      kind: 'dispositivo',
      registryChanges: converted.registryChanges,
      message:
        'The PIN is now a PIN dispositivo. Applications waiting for it are released, and the applicant is told by email.',
    });
  });

  // ---- Pages: the desk's form, the handover sheet ----
  router.use('/office', ...formBody('8kb'), (req, res, next) => {
    if (!req.staff) {
      const intermediary = req.path === INTERMEDIARY_FORM;
      if (req.method !== 'POST' || !(intermediary || DESK_PROCEDURES.has(req.path))) return res.redirect(303, '/');
      // The session ran out while the form was being filled in: it comes back as typed, to send once signed in again.
      const values = formValues(req.body);
      const lang = langOf(res);
      return res
        .status(401)
        .type('html')
        .send(
          intermediary
            ? intermediaryPage({
                lang,
                sessionEnded: true,
                fiscalCode: values.fiscalCode,
                identityDocumentChecked: values.identityDocumentChecked === 'true',
              })
            : deskPage({ lang, sessionEnded: true, values }),
        );
    }
    if (!hasRole(req.staff, 'office_operator'))
      throw new ApiError(403, 'forbidden', 'Only office operators work at the desk');
    next();
  });
  /** The registry record of the applicant, to compare with their document before correcting it (audited read). */
  async function registryRecordOf(lang: Lang, staffId: string, rawFiscalCode: unknown) {
    const fiscalCode = fiscalCodeSchema.safeParse(rawFiscalCode);
    if (!fiscalCode.success) return { fields: { fiscalCode: fiscalCode.error.issues[0]!.message } };
    const person = await personByFiscalCode(db, fiscalCode.data);
    if (!person) return { fields: { fiscalCode: 'not in the registry' } };
    await audit(db, { staffId, action: 'registry.viewed', subjectType: 'person', subjectId: person.id });
    return { card: registryRecordCard(lang, person) };
  }

  router.get('/office', async (req, res) => {
    const operator = req.staff!.display_name;
    const lang = langOf(res);
    if (typeof req.query.fiscalCode !== 'string') return res.type('html').send(deskPage({ lang, operator }));
    const fiscalCode = req.query.fiscalCode.trim().toUpperCase();
    const { card, fields } = await registryRecordOf(lang, req.staff!.id, fiscalCode);
    res
      .status(card ? 200 : 404)
      .type('html')
      .send(
        deskPage({
          lang,
          operator,
          values: { fiscalCode },
          fields,
          registryRecord: card,
        }),
      );
  });
  for (const [path, procedure] of DESK_PROCEDURES)
    router.post(`/office${path}`, async (req, res) => {
      const values = formValues(req.body);
      const lang = langOf(res);
      const again = (status: number, error: string, fields?: Record<string, string>) =>
        res
          .status(status)
          .type('html')
          .send(
            deskPage({
              lang,
              operator: req.staff!.display_name,
              values,
              error,
              fields,
            }),
          );
      const parsed = inPersonProcedureSchema.safeParse(inPersonProcedureFromForm(values));
      if (!parsed.success) return again(400, invalidFields(lang), formFieldErrors(fieldErrors(parsed.error)));
      try {
        if (procedure === 'issuance') {
          const issued = await issuePinDispositivoInPerson(deps, req.staff!.id, parsed.data);
          return res
            .status(201)
            .type('html')
            .send(handoverPage(lang, issued, req.staff!.display_name));
        }
        if (procedure === 'correction')
          return res
            .type('html')
            .send(registryCorrectedPage(lang, await correctRegistryInPerson(deps, req.staff!.id, parsed.data)));
        res.type('html').send(conversionDonePage(lang, await convertPinInPerson(deps, req.staff!.id, parsed.data)));
      } catch (err) {
        if (!(err instanceof Refusal)) throw err;
        again(httpStatusOf(err), staffErrorIn(lang, err), err.fields ? formFieldErrors(err.fields) : undefined);
      }
    });

  router.get(`/office${INTERMEDIARY_FORM}`, (req, res) => {
    res.type('html').send(intermediaryPage({ lang: langOf(res), operator: req.staff!.display_name }));
  });
  router.post(`/office${INTERMEDIARY_FORM}`, async (req, res) => {
    const values = {
      fiscalCode: String(req.body?.fiscalCode ?? ''),
      identityDocumentChecked: req.body?.identityDocumentChecked,
    };
    const lang = langOf(res);
    const again = (status: number, error: string, fields?: Record<string, string>) =>
      res
        .status(status)
        .type('html')
        .send(
          intermediaryPage({
            lang,
            operator: req.staff!.display_name,
            fiscalCode: values.fiscalCode,
            identityDocumentChecked: values.identityDocumentChecked === 'true',
            error,
            fields,
          }),
        );
    const parsed = intermediaryCredentialSchema.safeParse({
      fiscalCode: values.fiscalCode,
      identityDocumentChecked: values.identityDocumentChecked === 'true',
    });
    if (!parsed.success) return again(400, invalidFields(lang), fieldErrors(parsed.error));
    try {
      const issued = await issueIntermediaryPinInPerson(deps, req.staff!.id, parsed.data.fiscalCode);
      res
        .status(201)
        .type('html')
        .send(handoverPage(lang, issued, req.staff!.display_name, 'intermediary'));
    } catch (err) {
      if (!(err instanceof Refusal)) throw err;
      again(httpStatusOf(err), staffErrorIn(lang, err), err.fields);
    }
  });

  router.post('/api/office/credentials/:id/revocation', async (req, res) => {
    const id = z.uuid().safeParse(req.params.id);
    if (!id.success)
      throw new ApiError(400, 'invalid_credential_id', 'A credential id is a UUID', { id: 'not a UUID' });
    const { note } = parseBody(revocationSchema, req.body, 'invalid_request', 'Say why the PIN is revoked');
    const revoked = await db.transaction().execute((trx) =>
      revokeCredentials(trx, {
        which: { credentialId: id.data },
        reason: 'revoked_by_office',
        actor: { type: 'staff', id: req.staff!.id },
        details: { note },
      }),
    );
    if (!revoked.length)
      throw new ApiError(404, 'not_found', 'No usable credential with this id (it may be revoked already)');
    await tellRevoked(temporal, config, id.data);
    res.status(204).end();
  });

  return router;
}
