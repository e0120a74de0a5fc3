// The office's in-person procedures (brief, "Three ways to request a PIN", 3, and "Converting ordinario to
// dispositivo", a): the applicant at the desk with an identity document, the registry corrected from it (each change
// audited before and after), then a PIN dispositivo handed over at once (form MV35) or an existing PIN converted.
// Used by the office API and by the office pages alike.
import { randomUUID } from 'node:crypto';
import type { Client } from '@temporalio/client';
import type { Transaction } from 'kysely';
import { fiscalCodeMatches } from '../../domain/fiscal-code';
import type { InPersonProcedure } from '../../domain/office-input';
import { generatePin, hashPin, INITIAL_PIN_LENGTH } from '../../domain/pin';
import type { Config } from '../../infra/config';
import type { Db } from '../../infra/db';
import type { Vault } from '../../infra/vault';
import { holdsUsablePin, issueCredentialAtOffice, latestUsablePinOf } from '../../repositories/credentials';
import { approveConversionAtOffice } from '../../repositories/conversions';
import {
  correctRegistry,
  lockPerson,
  type RegistryChange,
  type RegistryCorrections,
} from '../../repositories/registry';
import { type Database } from '../../infra/db/schema';
import { ApiError } from '../shared/errors';
import { assertPinMayBeIssued } from '../../core/issuance-check';
import { startConversionWorkflow, startOfficeIssuanceWorkflow } from '../../core/pin-dispositivo-processes';

type Deps = { db: Db; temporal: Client; config: Config; vault: Vault };

/** What the desk says while PIN issuance at offices is suspended (OFFICE_PIN_ISSUANCE=off). */
export const OFFICE_ISSUANCE_SUSPENDED =
  'PIN issuance at INPS offices is suspended for now: the desk issues and converts no PIN. Registry corrections go on. Citizens sign in with SPID, CIE or CNS; minors and non-EU citizens ask for a PIN online or by phone.';

function assertOfficeIssuanceOpen(config: Config): void {
  if (!config.officePinIssuance) throw new ApiError(403, 'office_pin_issuance_suspended', OFFICE_ISSUANCE_SUSPENDED);
}

/**
 * The identity document shown at the desk, as the audit trail keeps it: its type, issuer and expiry, the last three
 * characters for a person reading the trail, and a keyed fingerprint to match it, never the number itself.
 */
function shownDocument(vault: Vault, document: InPersonProcedure['identityDocument']) {
  const { number, ...rest } = document;
  return {
    ...rest,
    numberEndsWith: number.slice(-3),
    numberFingerprint: vault.fingerprint(number, 'identity-document'),
  };
}

export interface InPersonOutcome {
  credentialId: string;
  holderName: string;
  fiscalCode: string;
  registryChanges: RegistryChange[];
}

/**
 * The registry record of the person at the desk, locked for the rest of the transaction, so that two desks serving
 * the same person at once cannot both find "no PIN yet".
 */
export async function lockPersonAtDesk(trx: Transaction<Database>, fiscalCode: string) {
  const person = await lockPerson(trx, fiscalCode);
  if (!person)
    throw new ApiError(404, 'not_in_registry', 'Nobody with this codice fiscale is in the registry', {
      fiscalCode: 'not in the registry',
    });
  return person;
}

/**
 * The applicant's registry record, corrected from the identity document (each change audited), locked for the rest
 * of the transaction. The codice fiscale must still follow from the corrected identity.
 */
async function identifyAtDesk(
  trx: Transaction<Database>,
  vault: Vault,
  staffId: string,
  input: InPersonProcedure,
  source: string,
) {
  const person = await lockPersonAtDesk(trx, input.fiscalCode);
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
    fingerprint: (value) => vault.fingerprint(value, 'registry-value'),
    context: {
      source,
      identityDocument: shownDocument(vault, input.identityDocument),
    },
  });
  return { person, changes };
}

/** A 16-character PIN to hand over at the desk, hashed before any row is locked (argon2 takes its time). */
export async function newDeskPin() {
  const pin = generatePin(INITIAL_PIN_LENGTH);
  return { pin, pinHash: await hashPin(pin), credentialId: randomUUID() };
}

/** The holder's name as the registry now has it, corrections included. */
function nameOf(person: { first_name: string; last_name: string }, changes: RegistryChange[]): string {
  const now = (field: 'first_name' | 'last_name') => changes.find((c) => c.field === field)?.after ?? person[field];
  return `${now('first_name')} ${now('last_name')}`;
}

/** The registry corrected from the identity document of the person at the desk, and nothing else. */
export async function correctRegistryInPerson(
  { db, vault }: Pick<Deps, 'db' | 'vault'>,
  staffId: string,
  input: InPersonProcedure,
): Promise<Omit<InPersonOutcome, 'credentialId'>> {
  return db.transaction().execute(async (trx) => {
    const { person, changes } = await identifyAtDesk(trx, vault, staffId, input, 'office_registry_correction');
    return { holderName: nameOf(person, changes), fiscalCode: input.fiscalCode, registryChanges: changes };
  });
}

/**
 * An institutional intermediary's PIN (patronati, labour consultants), handed over at the desk: a PIN dispositivo
 * whose terms last 3 months. The intermediary is here in person; nobody collects it for them.
 */
export async function issueIntermediaryPinInPerson(
  { db, temporal, config }: Deps,
  staffId: string,
  fiscalCode: string,
): Promise<InPersonOutcome & { pin: string }> {
  assertOfficeIssuanceOpen(config);
  const desk = await newDeskPin();
  const holderName = await db.transaction().execute(async (trx) => {
    // Intermediaries too get a new PIN only under the switch-off's exceptions: they have used SPID since 2017.
    await assertPinMayBeIssued(trx, config, { fiscalCode });
    const person = await lockPersonAtDesk(trx, fiscalCode);
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
    await issueCredentialAtOffice(trx, {
      credentialId: desk.credentialId,
      pinHash: desk.pinHash,
      pinLength: INITIAL_PIN_LENGTH,
      personId: person.id,
      holder: 'intermediary',
      issuedUnder: null,
      staffId,
      details: { identityDocumentChecked: true },
    });
    return `${person.first_name} ${person.last_name}`;
  });
  // The lifecycle starts, and the holder is told by email, as for any PIN handed over at a desk.
  await startOfficeIssuanceWorkflow(temporal, config, desk.credentialId);
  return { credentialId: desk.credentialId, pin: desk.pin, holderName, fiscalCode, registryChanges: [] };
}

/** MV35: a PIN dispositivo issued at the desk to someone who holds no PIN; the PIN is returned to be handed over. */
export async function issuePinDispositivoInPerson(
  { db, temporal, config, vault }: Deps,
  staffId: string,
  input: InPersonProcedure,
): Promise<InPersonOutcome & { pin: string }> {
  assertOfficeIssuanceOpen(config);
  const desk = await newDeskPin();
  const { changes, holderName } = await db.transaction().execute(async (trx) => {
    const issuedUnder = await assertPinMayBeIssued(trx, config, { fiscalCode: input.fiscalCode });
    const { person, changes } = await identifyAtDesk(trx, vault, staffId, input, 'mv35_issuance');
    if (await holdsUsablePin(trx, { personId: person.id }))
      throw new ApiError(
        409,
        'pin_already_held',
        'This person already holds a PIN: convert it to a PIN dispositivo in person instead',
        undefined,
        { conversion: '/api/office/conversions' },
      );
    await issueCredentialAtOffice(trx, {
      credentialId: desk.credentialId,
      pinHash: desk.pinHash,
      pinLength: INITIAL_PIN_LENGTH,
      personId: person.id,
      holder: 'citizen',
      issuedUnder,
      staffId,
      details: {
        form: 'MV35',
        appliedInPerson: true,
        identityDocument: shownDocument(vault, input.identityDocument),
        registryChanges: changes.length,
      },
    });
    return { changes, holderName: nameOf(person, changes) };
  });
  await startOfficeIssuanceWorkflow(temporal, config, desk.credentialId);
  return {
    credentialId: desk.credentialId,
    pin: desk.pin,
    holderName,
    fiscalCode: input.fiscalCode,
    registryChanges: changes,
  };
}

/** An existing PIN ordinario made dispositivo at the desk, with the same checks; the conversion announces it. */
export async function convertPinInPerson(
  { db, temporal, config, vault }: Deps,
  staffId: string,
  input: InPersonProcedure,
): Promise<InPersonOutcome & { conversionId: string }> {
  assertOfficeIssuanceOpen(config);
  const conversionId = randomUUID();
  const result = await db.transaction().execute(async (trx) => {
    const { person, changes } = await identifyAtDesk(trx, vault, staffId, input, 'office_conversion');
    const credential = await latestUsablePinOf(trx, person.id);
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
    await approveConversionAtOffice(trx, {
      id: conversionId,
      credentialId: credential.id,
      personId: person.id,
      staffId,
      details: {
        appliedInPerson: true,
        identityDocument: shownDocument(vault, input.identityDocument),
        registryChanges: changes.length,
      },
    });
    return { credentialId: credential.id, changes, holderName: nameOf(person, changes) };
  });
  await startConversionWorkflow(temporal, config, conversionId, 'office');
  return {
    conversionId,
    credentialId: result.credentialId,
    holderName: result.holderName,
    fiscalCode: input.fiscalCode,
    registryChanges: result.changes,
  };
}
