// The office operator's API at an INPS branch: a PIN dispositivo issued in person from form MV35, a PIN converted to
// dispositivo in person (both with the registry corrected from the identity document), an institutional
// intermediary's PIN (patronati, labour consultants), and the revocation of a PIN. Every action is audited.
import { randomUUID } from 'node:crypto';
import type { Client } from '@temporalio/client';
import { Router } from 'express';
import { z } from 'zod';
import type { Transaction } from 'kysely';
import { newRequestCode } from '../../../domain/conversion';
import { fiscalCodeMatches } from '../../../domain/fiscal-code';
import { inPersonProcedureSchema, type InPersonProcedure } from '../../../domain/office-input';
import { generatePin, hashPin, INITIAL_PIN_LENGTH } from '../../../domain/pin';
import { fiscalCodeSchema } from '../../../domain/pin-request-input';
import type { Config } from '../../../infra/config';
import type { Db } from '../../../infra/db';
import { audit } from '../../../infra/db/audit';
import { holdsUsablePin } from '../../../infra/db/credentials';
import { correctRegistry, type RegistryCorrections } from '../../../infra/db/registry';
import { USABLE_CREDENTIAL_STATUSES, type Database } from '../../../infra/db/schema';
import { startCredentialLifecycle, tellRevoked } from '../../shared/credential-lifecycle';
import { ApiError, parseBody } from '../../shared/errors';
import { startConversionWorkflow, startOfficeIssuanceWorkflow } from '../../shared/pin-dispositivo';
import { requireRole } from '../auth';

export const intermediaryCredentialSchema = z.object({
  fiscalCode: fiscalCodeSchema,
  /** The operator has seen the intermediary in person, with an identity document: no delegate may collect a PIN. */
  identityDocumentChecked: z.literal(true, 'confirm that you checked the identity document in person'),
});
export const revocationSchema = z.object({ note: z.string().trim().min(3, 'say why').max(500) });

export function officeRoutes({ db, temporal, config }: { db: Db; temporal: Client; config: Config }): Router {
  const router = Router();
  router.use('/api/office', requireRole('office_operator'));

  router.post('/api/office/intermediary-credentials', async (req, res) => {
    const input = parseBody(
      intermediaryCredentialSchema,
      req.body,
      'invalid_request',
      'Some fields are missing or not valid',
    );
    const pin = generatePin(INITIAL_PIN_LENGTH);
    const pinHash = await hashPin(pin);
    const credentialId = randomUUID();
    await db.transaction().execute(async (trx) => {
      // The person's row is locked so two desks issuing at once cannot both find "no PIN yet".
      const person = await trx
        .selectFrom('persons')
        .select(['id', 'profile'])
        .where('fiscal_code', '=', input.fiscalCode)
        .forUpdate()
        .executeTakeFirst();
      if (!person)
        throw new ApiError(404, 'not_in_registry', 'Nobody with this codice fiscale is in the registry', {
          fiscalCode: 'not in the registry',
        });
      if (person.profile !== 'intermediary')
        throw new ApiError(
          422,
          'not_an_intermediary',
          'The registry does not list this person as an institutional intermediary',
          {
            fiscalCode: 'not registered as an intermediary (patronato, labour consultant)',
          },
        );
      if (await holdsUsablePin(trx, { personId: person.id }))
        throw new ApiError(
          409,
          'pin_already_held',
          'This person already holds a PIN; revoke it first to issue a new one',
        );
      await trx
        .insertInto('credentials')
        .values({
          id: credentialId,
          person_id: person.id,
          kind: 'dispositivo',
          holder: 'intermediary',
          status: 'initial',
          pin_hash: pinHash,
          pin_length: INITIAL_PIN_LENGTH,
          pin_request_id: null,
        })
        .execute();
      await audit(trx, {
        staffId: req.staff!.id,
        action: 'credential.issued_at_office',
        subjectType: 'credential',
        subjectId: credentialId,
        details: { holder: 'intermediary', kind: 'dispositivo', personId: person.id },
      });
    });
    await startCredentialLifecycle(temporal, config, credentialId);
    res.status(201).json({
      credentialId,
      holder: 'intermediary',
      kind: 'dispositivo',
      pin,
      message: `Hand this ${INITIAL_PIN_LENGTH}-character PIN to the intermediary now; it is not kept and will not be shown again. At the first sign-in it is replaced by an 8-character PIN, valid 3 months at a time.`,
    });
  });

  /**
   * The applicant's registry record, corrected from the identity document (each change audited), locked for the rest
   * of the transaction. The codice fiscale must still follow from the corrected identity.
   */
  async function identifyAtDesk(trx: Transaction<Database>, staffId: string, input: InPersonProcedure, source: string) {
    const person = await trx
      .selectFrom('persons')
      .selectAll()
      .where('fiscal_code', '=', input.fiscalCode)
      .forUpdate()
      .executeTakeFirst();
    if (!person)
      throw new ApiError(404, 'not_in_registry', 'Nobody with this codice fiscale is in the registry', {
        fiscalCode: 'not in the registry',
      });
    const c = input.registryCorrections;
    const corrections: RegistryCorrections = {
      first_name: c.firstName,
      last_name: c.lastName,
      birth_date: c.birthDate,
      sex: c.sex,
      birth_place: c.birthPlace,
      birth_province: c.birthProvince,
      street: c.residence?.street,
      city: c.residence?.city,
      province: c.residence?.province,
      postal_code: c.residence?.postalCode,
      email: c.email,
    };
    const corrected = { ...person, ...Object.fromEntries(Object.entries(corrections).filter(([, v]) => v)) };
    const identity = {
      firstName: corrected.first_name,
      lastName: corrected.last_name,
      birthDate: corrected.birth_date,
      sex: corrected.sex,
      birthPlace: corrected.birth_place,
      birthProvince: corrected.birth_province,
    };
    if (!fiscalCodeMatches(input.fiscalCode, identity))
      throw new ApiError(
        422,
        'fiscal_code_mismatch',
        'The codice fiscale does not follow from the identity on the document: check the corrections',
        { fiscalCode: 'does not match the name, birth date, sex and birthplace' },
      );
    const changes = await correctRegistry(trx, {
      personId: person.id,
      corrections,
      staffId,
      context: {
        source,
        identityDocument: { type: input.identityDocument.type, number: input.identityDocument.number },
      },
    });
    return { person, changes };
  }

  /** MV35: a PIN dispositivo issued at the desk to someone who holds no PIN, handed over at once. */
  router.post('/api/office/pin-dispositivo-issuances', async (req, res) => {
    const input = parseBody(
      inPersonProcedureSchema,
      req.body,
      'invalid_request',
      'Some fields are missing or not valid',
    );
    const staffId = req.staff!.id;
    const pin = generatePin(INITIAL_PIN_LENGTH);
    const pinHash = await hashPin(pin);
    const credentialId = randomUUID();
    const changes = await db.transaction().execute(async (trx) => {
      const { person, changes } = await identifyAtDesk(trx, staffId, input, 'mv35_issuance');
      if (await holdsUsablePin(trx, { personId: person.id }))
        throw new ApiError(
          409,
          'pin_already_held',
          'This person already holds a PIN: convert it to a PIN dispositivo in person instead',
          undefined,
          { conversion: '/api/office/conversions' },
        );
      await trx
        .insertInto('credentials')
        .values({
          id: credentialId,
          person_id: person.id,
          kind: 'dispositivo',
          holder: 'citizen',
          status: 'initial',
          pin_hash: pinHash,
          pin_length: INITIAL_PIN_LENGTH,
          pin_request_id: null,
        })
        .execute();
      await audit(trx, {
        staffId,
        action: 'credential.issued_at_office',
        subjectType: 'credential',
        subjectId: credentialId,
        details: {
          form: 'MV35',
          holder: 'citizen',
          kind: 'dispositivo',
          personId: person.id,
          appliedInPerson: true,
          identityDocument: input.identityDocument,
          registryChanges: changes.length,
        },
      });
      return changes;
    });
    await startOfficeIssuanceWorkflow(temporal, config, credentialId);
    res.status(201).json({
      credentialId,
      holder: 'citizen',
      kind: 'dispositivo',
      pin,
      registryChanges: changes,
      message: `Hand this ${INITIAL_PIN_LENGTH}-character PIN dispositivo to the applicant now; it is not kept and will not be shown again. At the first sign-in it is replaced by an 8-character PIN. The outcome is emailed to the applicant.`,
    });
  });

  /** An existing PIN ordinario made dispositivo at the desk, with the same checks; the conversion announces it. */
  router.post('/api/office/conversions', async (req, res) => {
    const input = parseBody(
      inPersonProcedureSchema,
      req.body,
      'invalid_request',
      'Some fields are missing or not valid',
    );
    const staffId = req.staff!.id;
    const conversionId = randomUUID();
    const result = await db.transaction().execute(async (trx) => {
      const { person, changes } = await identifyAtDesk(trx, staffId, input, 'office_conversion');
      const credential = await trx
        .selectFrom('credentials')
        .select(['id', 'kind'])
        .where('person_id', '=', person.id)
        .where('holder', '=', 'citizen')
        .where('status', 'in', USABLE_CREDENTIAL_STATUSES)
        .orderBy('issued_at', 'desc')
        .forUpdate()
        .executeTakeFirst();
      if (!credential)
        throw new ApiError(
          404,
          'no_pin_to_convert',
          'This person holds no PIN: issue a PIN dispositivo (MV35) instead',
          undefined,
          {
            issuance: '/api/office/pin-dispositivo-issuances',
          },
        );
      if (credential.kind === 'dispositivo')
        throw new ApiError(409, 'already_dispositivo', 'This person’s PIN is already a PIN dispositivo');
      const now = new Date();
      await trx
        .insertInto('conversions')
        .values({
          id: conversionId,
          request_code: newRequestCode(),
          credential_id: credential.id,
          person_id: person.id,
          channel: 'office',
          status: 'approved',
          returned_by: 'office',
          decided_by: staffId,
          decided_at: now,
        })
        .execute();
      await trx.updateTable('credentials').set({ kind: 'dispositivo' }).where('id', '=', credential.id).execute();
      await audit(trx, {
        staffId,
        action: 'conversion.approved_at_office',
        subjectType: 'conversion',
        subjectId: conversionId,
        details: {
          credentialId: credential.id,
          appliedInPerson: true,
          identityDocument: input.identityDocument,
          registryChanges: changes.length,
        },
      });
      return { credentialId: credential.id, changes };
    });
    await startConversionWorkflow(temporal, config, conversionId, 'office');
    res.json({
      conversionId,
      credentialId: result.credentialId,
      kind: 'dispositivo',
      registryChanges: result.changes,
      message:
        'The PIN is now a PIN dispositivo. Applications waiting for it are released, and the applicant is told by email.',
    });
  });

  router.post('/api/office/credentials/:id/revocation', async (req, res) => {
    const id = z.uuid().safeParse(req.params.id);
    if (!id.success)
      throw new ApiError(400, 'invalid_credential_id', 'A credential id is a UUID', { id: 'not a UUID' });
    const { note } = parseBody(revocationSchema, req.body, 'invalid_request', 'Say why the PIN is revoked');
    await db.transaction().execute(async (trx) => {
      const revoked = await trx
        .updateTable('credentials')
        .set({ status: 'revoked', revoked_at: new Date(), revocation_reason: 'revoked_by_office' })
        .where('id', '=', id.data)
        .where('status', 'in', USABLE_CREDENTIAL_STATUSES)
        .executeTakeFirst();
      if (revoked.numUpdatedRows === 0n)
        throw new ApiError(404, 'not_found', 'No usable credential with this id (it may be revoked already)');
      await audit(trx, {
        staffId: req.staff!.id,
        action: 'credential.revoked',
        subjectType: 'credential',
        subjectId: id.data,
        details: { reason: 'revoked_by_office', note },
      });
    });
    await tellRevoked(temporal, config, id.data);
    res.status(204).end();
  });

  return router;
}
