// Inbound registration (brief, "Three ways to request a PIN", 2): a citizen calls 803 164, the agent types their data
// into the same form, with the same validation, as the web's, checks it against the registry while the caller is on
// the line, and registers the request only if the registry agrees: the letter goes to the residence INPS holds, and no
// phone call changes the registry (brief, "Identity proofing"). The PIN is issued at once; the agent's screen shows its
// first 8 characters one time, to be read out, and the SMS or email and the letter go out as for the web.
import { spelledInGroups } from '../../../domain/spelling';
import { routes } from '../../shared/input';
import type { Client } from '@temporalio/client';
import { Router } from 'express';
import { sealedHalfContext } from '../../../domain/pin';
import { parsePinRequestInput, type PinRequestInput } from '../../../domain/pin-request-input';
import { compareWithRegistry } from '../../../domain/registry-comparison';
import type { Config } from '../../../infra/config';
import type { Db } from '../../../infra/db';
import type { PinRequestRow } from '../../../infra/db/schema';
import { audit } from '../../../repositories/audit';
import { takeReadOutHalf } from '../../../repositories/deliveries';
import { personByFiscalCode } from '../../../repositories/registry';
import type { Vault } from '../../../infra/vault';
import { ApiError } from '../../shared/errors';
import { findLiveRequest, findOrInsertPinRequest } from '../../../repositories/pin-requests';
import { assertMayRequestPin } from '../../../core/phone-request-check';
import { startPhoneRegistrationWorkflow } from '../../../core/pin-request-processes';
import { describeStatus } from '../../shared/status-text';
import { requireRole } from '../auth';

type Deps = { db: Db; temporal: Client; config: Config; vault: Vault };

/** The web's validation, plus the agent's word that the caller confirmed every field. */
function parseRegistration(body: unknown, { requireConfirmation }: { requireConfirmation: boolean }): PinRequestInput {
  const parsed = parsePinRequestInput(body);
  const fields = parsed.ok ? {} : { ...parsed.fields };
  if (requireConfirmation && (body as { callerConfirmed?: unknown } | null)?.callerConfirmed !== true)
    fields.callerConfirmed = 'confirm that you read every field back to the caller and they agreed';
  if (!parsed.ok || Object.keys(fields).length)
    throw new ApiError(400, 'invalid_registration', 'Some fields are missing or not valid', fields);
  return parsed.value;
}

/** Which parts of what the caller said differ from the registry: names of checks only, never the registry's data. */
async function registryDifferences(db: Db, input: PinRequestInput) {
  const person = await personByFiscalCode(db, input.fiscalCode);
  const differences = compareWithRegistry(
    {
      first_name: input.firstName,
      last_name: input.lastName,
      birth_date: input.birthDate,
      sex: input.sex,
      birth_place: input.birthPlace,
      street: input.residence.street,
      city: input.residence.city,
      province: input.residence.province,
      postal_code: input.residence.postalCode,
    },
    person,
  );
  return { personId: person?.id, differences };
}

/**
 * The first half, unsealed from its read-out copy and wiped in the same transaction: whoever asks second gets 410.
 * Only the agent who registered the caller may see it.
 */
async function readOutFirstHalf(
  { db, vault }: Pick<Deps, 'db' | 'vault'>,
  input: { requestId: string; deliveryId: string; staffId: string },
): Promise<string> {
  const taken = await takeReadOutHalf(db, input);
  switch (taken.outcome) {
    case 'not_registered_by_you':
      throw new ApiError(403, 'not_your_registration', 'Only the agent who registered the caller can read out the PIN');
    case 'already_read_out':
      throw new ApiError(410, 'already_read_out', 'The first half of this PIN has already been shown once');
    case 'taken':
      return vault.unseal(taken.sealed, sealedHalfContext(input.deliveryId, 'read-out'));
  }
}

export function phoneRegistrationRoutes(deps: Deps): Router {
  const { db, temporal, config } = deps;
  const router = routes();
  const mayRegister = requireRole('inbound_registration');

  /** During the call: is the form valid, may this caller get a PIN, and what does the registry disagree with? */
  router.post('/api/agent/phone-registrations/check', mayRegister, async (req, res) => {
    const input = parseRegistration(req.body, { requireConfirmation: false });
    await assertMayRequestPin(db, config, input);
    const { personId, differences } = await registryDifferences(db, input);
    await audit(db, {
      staffId: req.staff!.id,
      action: 'phone_registration.checked',
      subjectType: 'person',
      subjectId: personId ?? 'not_in_registry',
      details: { differences },
    });
    res.json({ mayIssuePin: true, registryMatches: differences.length === 0, differences });
  });

  router.post('/api/agent/phone-registrations', mayRegister, async (req, res) => {
    const input = parseRegistration(req.body, { requireConfirmation: true });
    const staffId = req.staff!.id;
    await assertMayRequestPin(db, config, input);
    // The agent has the caller on the line: they may be told of a request already under way.
    const inProgress = (row: PinRequestRow) =>
      new ApiError(
        409,
        'request_in_progress',
        `This person already has a PIN request under way: ${describeStatus({ status: row.status, rejectionReason: row.rejection_reason, deliveryChannel: row.delivery_channel }).title}`,
      );
    const live = await findLiveRequest(db, input.fiscalCode);
    if (live) throw inProgress(live);
    const { personId, differences } = await registryDifferences(db, input);
    if (differences.length) {
      await audit(db, {
        staffId,
        action: 'phone_registration.refused',
        subjectType: 'person',
        subjectId: personId ?? 'not_in_registry',
        details: { differences },
      });
      throw new ApiError(
        422,
        'registry_mismatch',
        differences.includes('not_in_registry')
          ? 'INPS holds nobody with this codice fiscale. Tell the caller to go to an INPS office with an identity document: only there can they be added.'
          : 'What the caller says differs from what INPS holds, and a PIN letter goes only to the residence INPS holds. Tell the caller to ask their comune to update their residence, or to go to an INPS office with an identity document.',
        Object.fromEntries(differences.map((d) => [d, 'differs from the registry'])),
      );
    }
    const { row, created } = await db
      .transaction()
      .execute((trx) => findOrInsertPinRequest(trx, input, { channel: 'contact_center', registeredBy: staffId }));
    if (!created) throw inProgress(row);
    // If this fails, the request is kept and the start-up sweep starts it: the PIN then arrives by SMS/email only.
    const { deliveryId } = await startPhoneRegistrationWorkflow(temporal, config, row.id);
    const firstHalf = await readOutFirstHalf(deps, { requestId: row.id, deliveryId, staffId });
    res
      .status(201)
      .location(`/api/pin-requests/${row.id}`)
      .json({
        requestId: row.id,
        firstHalf,
        /** The same characters as the agent reads them aloud: two groups of four, spelled (domain/spelling.ts). */
        firstHalfSpelled: spelledInGroups(firstHalf).map((group) => group.join(' · ')),
        deliveryChannel: row.delivery_channel,
        statusPage: `/requests/${row.id}`,
      });
  });

  return router;
}
