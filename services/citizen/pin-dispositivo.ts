// The citizen's side of the PIN dispositivo: "Converti PIN" (the prefilled form, and returning it signed with an
// identity document by upload) and benefit applications, which are accepted with any PIN and wait, with their filing
// date, until the PIN is dispositivo. A citizen only ever reaches their own requests: anyone else's is "not found".
import { randomUUID } from 'node:crypto';
import type { Client } from '@temporalio/client';
import { checkDocument, DOCUMENT_MAX_PDF_PAGES } from '../../domain/documents';
import { pdfPageCount } from '../../infra/pdf-pages';
import { SERVICE_CATALOG } from '../../domain/service-catalog';
import type { Config } from '../../infra/config';
import type { Db } from '../../infra/db';
import {
  conversionsOfPerson,
  lockConversionOf,
  markDocumentsReturned,
  requestConversion as requestConversionInDb,
} from '../../repositories/conversions';
import { personById } from '../../repositories/registry';
import { applicationsOfPerson, fileApplication as fileApplicationInDb } from '../../repositories/benefit-applications';
import { storeDocument } from '../../repositories/documents';
import type { BenefitApplicationStatus } from '../../domain/benefit-application';
import type { Vault } from '../../infra/vault';
import { ApiError } from '../shared/errors';
import { startStoredCase, tellDocumentsReturned } from '../../core/pin-dispositivo-processes';
import { accountView, type CitizenSession } from './account';
import { renderConversionForm } from './views/conversion-form';

type Deps = { db: Db; temporal: Client; config: Config; vault: Vault };

const conversionQuery = (db: Db, session: CitizenSession) => conversionsOfPerson(db, session.personId);
type ConversionRow = Awaited<ReturnType<ReturnType<typeof conversionQuery>['executeTakeFirstOrThrow']>>;

const conversionView = (c: ConversionRow) => ({
  conversionId: c.id,
  requestCode: c.request_code,
  status: c.status,
  returnedBy: c.returned_by,
  rejectionReason: c.rejection_reason,
  requestedAt: c.created_at.toISOString(),
  updatedAt: c.updated_at.toISOString(),
  decidedAt: c.decided_at?.toISOString() ?? null,
  formUrl: `/api/conversions/${c.id}/form`,
});
export type ConversionView = ReturnType<typeof conversionView>;

/**
 * "Converti PIN": a conversion request for the session's PIN, with its code. Asking again while one is still open
 * gives that one back, so a double click or a retry makes no second request.
 */
export async function requestConversion(
  deps: Deps,
  session: CitizenSession,
): Promise<{ created: boolean; conversion: ConversionView }> {
  const { db } = deps;
  if (session.method !== 'pin')
    throw new ApiError(
      409,
      'signed_in_without_pin',
      'You signed in with SPID or CIE: there is no PIN to convert. SPID level 2 or 3 and CIE already open applications.',
    );
  const result = await requestConversionInDb(db, {
    credentialId: session.credentialId,
    personId: session.personId,
  });
  if (result.outcome === 'already_dispositivo')
    throw new ApiError(409, 'already_dispositivo', 'Your PIN is already a PIN dispositivo: nothing to convert');
  // Also for one already open: its start may have been lost to a crash, and a second start changes nothing.
  await startStoredCase(deps.db, deps.temporal, deps.config, { kind: 'conversion', id: result.id });
  return { created: result.created, conversion: await findConversion(db, session, result.id) };
}

export async function findConversion(db: Db, session: CitizenSession, id: string): Promise<ConversionView> {
  const row = /^[0-9a-f-]{36}$/i.test(id)
    ? await conversionQuery(db, session).where('id', '=', id).executeTakeFirst()
    : undefined;
  if (!row) throw new ApiError(404, 'not_found', 'You have no conversion request with this id');
  return conversionView(row);
}

export async function conversionsOf(db: Db, session: CitizenSession): Promise<ConversionView[]> {
  const rows = await conversionQuery(db, session).orderBy('created_at', 'desc').limit(20).execute();
  return rows.map(conversionView);
}

/** The prefilled form: the registry's data as they are today, the code, the QR code. */
export async function conversionFormPdf(deps: Deps, session: CitizenSession, id: string) {
  const conversion = await findConversion(deps.db, session, id);
  const p = await personById(deps.db, session.personId);
  return renderConversionForm({
    requestCode: conversion.requestCode,
    fiscalCode: p.fiscal_code,
    firstName: p.first_name,
    lastName: p.last_name,
    birthDate: new Date(`${p.birth_date}T12:00:00Z`).toLocaleDateString('it-IT', { timeZone: 'Europe/Rome' }),
    birthPlace: `${p.birth_place} (${p.birth_province})`,
    address: `${p.street}, ${p.postal_code} ${p.city} (${p.province})`,
    issuedAt: new Date(conversion.requestedAt),
    faxNumber: deps.config.FAX_NUMBER,
    officeOpen: deps.config.officePinIssuance,
    // Short enough to type from paper: it leads to the personal area, where the open request takes the upload. The
    // service's public address, never the Host a request named (a proxy's upstream name, or anything at all).
    uploadUrl: `${deps.config.citizenPublicUrl}/converti`,
    documentRetentionDays: deps.config.DOCUMENT_RETENTION_DAYS,
  });
}

export interface ReturnedDocuments {
  signedForm?: Buffer;
  identityDocument?: Buffer;
}

/**
 * The signed form and the identity document, uploaded. Both are checked by content before anything is stored;
 * refused, nothing is kept. Stored, the conversion goes to review.
 */
export async function returnDocuments(deps: Deps, session: CitizenSession, id: string, files: ReturnedDocuments) {
  const problems: Record<string, string> = {};
  let status = 400;
  const checked = (['signedForm', 'identityDocument'] as const).map((field) => {
    const bytes = files[field];
    if (!bytes) {
      problems[field] = field === 'signedForm' ? 'Attach the signed form' : 'Attach your identity document';
      return undefined;
    }
    const check = checkDocument(bytes, deps.config.UPLOAD_MAX_BYTES);
    if (!check.ok) {
      problems[field] = check.message;
      if (check.problem === 'too_large') status = 413;
      else if (check.problem === 'not_allowed_type' && status === 400) status = 415;
    }
    return check.ok ? { bytes, contentType: check.contentType } : undefined;
  });
  for (const [i, field] of (['signedForm', 'identityDocument'] as const).entries()) {
    if (checked[i]?.contentType !== 'application/pdf') continue;
    const pages = await pdfPageCount(checked[i].bytes);
    if (pages === undefined)
      problems[field] = 'The file is damaged or incomplete. Save it again and send it once more.';
    else if (pages > DOCUMENT_MAX_PDF_PAGES)
      problems[field] =
        `The PDF has ${pages} pages; at most ${DOCUMENT_MAX_PDF_PAGES} are accepted. Send only the document asked for.`;
  }
  if (Object.keys(problems).length) {
    throw new ApiError(status, 'documents_refused', 'The documents were not accepted; nothing was kept', problems);
  }
  const [form, identity] = checked as [NonNullable<(typeof checked)[number]>, NonNullable<(typeof checked)[number]>];
  await deps.db.transaction().execute(async (trx) => {
    const conversion = await lockConversionOf(trx, { id, personId: session.personId });
    if (!conversion) throw new ApiError(404, 'not_found', 'You have no conversion request with this id');
    if (conversion.status !== 'awaiting_documents' || conversion.returned_by)
      throw new ApiError(409, 'not_awaiting_documents', 'This request has its documents already, or is closed');
    await storeDocument(trx, deps.vault, {
      id: randomUUID(),
      role: 'signed_form',
      contentType: form.contentType,
      content: form.bytes,
      conversionId: id,
    });
    await storeDocument(trx, deps.vault, {
      id: randomUUID(),
      role: 'identity_document',
      contentType: identity.contentType,
      content: identity.bytes,
      conversionId: id,
    });
    await markDocumentsReturned(trx, { id, by: 'upload', citizenId: session.personId });
  });
  await tellDocumentsReturned(deps.temporal, id);
  return findConversion(deps.db, session, id);
}

const applicationQuery = (db: Db, session: CitizenSession) => applicationsOfPerson(db, session.personId);
type ApplicationRow = Awaited<ReturnType<ReturnType<typeof applicationQuery>['executeTakeFirstOrThrow']>>;
const applicationView = (a: ApplicationRow) => ({
  applicationId: a.id,
  protocolNumber: a.protocol_number,
  serviceId: a.service_id,
  serviceName: SERVICE_CATALOG.find((s) => s.id === a.service_id)?.name ?? a.service_id,
  status: a.status as BenefitApplicationStatus,
  filedAt: a.filed_at.toISOString(),
  processedAt: a.processed_at?.toISOString() ?? null,
});
export type ApplicationView = ReturnType<typeof applicationView>;

/**
 * Files an application for a service of the citizen's profile that takes applications. Its filing date is now,
 * whatever the PIN: with a PIN ordinario it waits for the conversion instead of being refused.
 */
export async function fileApplication(deps: Deps, session: CitizenSession, serviceId: string) {
  const { db } = deps;
  const service = SERVICE_CATALOG.find((s) => s.id === serviceId);
  if (!service) throw new ApiError(404, 'unknown_service', 'There is no such service', { serviceId: 'unknown' });
  const account = await accountView(db, session);
  const mine = account.services.find((s) => s.id === serviceId);
  if (!mine)
    throw new ApiError(403, 'service_not_available', 'This service is not available for your profile', {
      serviceId: 'not for your profile',
    });
  if (mine.needs !== 'pin_dispositivo')
    throw new ApiError(422, 'not_an_application', 'This is a consultation service: there is nothing to apply for', {
      serviceId: 'consultation only',
    });
  const id = randomUUID();
  await fileApplicationInDb(db, {
    id,
    personId: session.personId,
    credentialId: session.credentialId,
    filedWithDispositivoRights: session.method !== 'pin' && account.rights === 'dispositivo',
    serviceId,
    status: mine.access === 'usable' ? 'processing' : 'waiting_for_pin_dispositivo',
  });
  await startStoredCase(deps.db, deps.temporal, deps.config, { kind: 'benefit_application', id });
  return applicationView(await applicationQuery(db, session).where('id', '=', id).executeTakeFirstOrThrow());
}

export async function applicationsOf(db: Db, session: CitizenSession): Promise<ApplicationView[]> {
  const rows = await applicationQuery(db, session).orderBy('filed_at', 'desc').limit(50).execute();
  return rows.map(applicationView);
}
