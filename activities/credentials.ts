// Credentials: issuing one (the PIN is generated and hashed here, its two halves sealed for delivery) and the
// Postgres side of its lifecycle (its term, its expiry). Only ids, statuses and dates leave these activities, so no
// PIN ever reaches a workflow history.
import { ApplicationFailure } from '@temporalio/common';
import { termEnd, reminderTime, type TermPolicy } from '../domain/credential-term';
import { generatePin, hashPin, INITIAL_PIN_LENGTH, sealedHalfContext, splitPin } from '../domain/pin';
import type { Db } from '../infra/db';
import { recordAudit } from '../repositories/audit';
import {
  USABLE_CREDENTIAL_STATUSES,
  type CredentialHolder,
  type CredentialKind,
  type CredentialStatus,
} from '../domain/credential';
import type { PinVault } from '../infra/vault';

/**
 * The registry person the credential belongs to. A PIN goes only to someone INPS already holds (brief, "Identity
 * proofing"): no remote channel adds a person to the registry, so a request without one is never issued a PIN.
 */
async function registryPersonFor(db: Db, requestId: string): Promise<string> {
  const request = await db
    .selectFrom('pin_requests')
    .select(['person_id', 'purpose', 'validation_failures'])
    .where('id', '=', requestId)
    .executeTakeFirstOrThrow();
  if (!request.person_id)
    throw ApplicationFailure.nonRetryable(`request ${requestId} names nobody in the registry`, 'NotInRegistry');
  // Temporal is not a trust boundary: whatever started this step, Postgres must say the request was cleared for a
  // PIN, by the contact on record (lost PIN), the registry (validation passed) or an agent's recorded decision.
  const passed = request.validation_failures !== null && request.validation_failures.length === 0;
  if (request.purpose !== 'lost_pin' && !passed) {
    const verified = await db
      .selectFrom('agent_tasks')
      .innerJoin('staff_decisions', 'staff_decisions.id', 'agent_tasks.decision_id')
      .select('agent_tasks.id')
      .where('agent_tasks.pin_request_id', '=', requestId)
      .where('agent_tasks.outcome', '=', 'verified')
      .executeTakeFirst();
    if (!verified)
      throw ApplicationFailure.nonRetryable(`request ${requestId} was not cleared for a PIN`, 'NotCleared');
  }
  return request.person_id;
}

/** What a lost PIN's replacement inherits: the same services, so the same kind and holder. */
async function credentialBeingReplaced(db: Db, requestId: string) {
  const request = await db
    .selectFrom('pin_requests')
    .select(['purpose', 'person_id'])
    .where('id', '=', requestId)
    .executeTakeFirstOrThrow();
  if (request.purpose !== 'lost_pin' || !request.person_id) return undefined;
  return db
    .selectFrom('credentials')
    .select(['id', 'kind', 'holder'])
    .where('person_id', '=', request.person_id)
    .where('status', 'in', USABLE_CREDENTIAL_STATUSES)
    .where('pin_request_id', 'is distinct from', requestId)
    .orderBy('issued_at', 'desc')
    .executeTakeFirst();
}

export type CredentialTerm =
  | {
      status: Exclude<CredentialStatus, 'revoked'>;
      holder: CredentialHolder;
      /** Absent in histories recorded before the kind was reported. */
      kind?: CredentialKind;
      expiresAt: string;
      reminderAt: string;
    }
  | { status: 'revoked' };

export type ExpiryOutcome = { outcome: 'expired' } | { outcome: 'renewed'; termStart: string } | { outcome: 'revoked' };

export function createCredentialActivities({
  db,
  vault,
  termPolicy,
}: {
  db: Db;
  vault: PinVault;
  termPolicy: TermPolicy;
}) {
  return {
    /** Issues the 16-character initial PIN ordinario of a validated request; a retry finds the one already issued. */
    async issueInitialPin(input: {
      requestId: string;
      credentialId: string;
      deliveryId: string;
    }): Promise<{ credentialId: string; deliveryId: string }> {
      const existing = await db
        .selectFrom('credentials')
        .innerJoin('pin_deliveries', 'pin_deliveries.credential_id', 'credentials.id')
        .select(['credentials.id as credentialId', 'pin_deliveries.id as deliveryId'])
        .where('credentials.pin_request_id', '=', input.requestId)
        .executeTakeFirst();
      if (existing) return existing;

      const personId = await registryPersonFor(db, input.requestId);
      const replaced = await credentialBeingReplaced(db, input.requestId);
      const { channel } = await db
        .selectFrom('pin_requests')
        .select('channel')
        .where('id', '=', input.requestId)
        .executeTakeFirstOrThrow();

      const pin = generatePin(INITIAL_PIN_LENGTH);
      const { firstHalf, secondHalf } = splitPin(pin);
      const pinHash = await hashPin(pin);
      await db.transaction().execute(async (trx) => {
        await trx
          .insertInto('credentials')
          .values({
            id: input.credentialId,
            person_id: personId,
            kind: replaced?.kind ?? 'ordinario',
            holder: replaced?.holder ?? 'citizen',
            replaces_credential_id: replaced?.id ?? null,
            status: 'initial',
            pin_hash: pinHash,
            pin_length: INITIAL_PIN_LENGTH,
            pin_request_id: input.requestId,
          })
          .execute();
        await trx
          .insertInto('pin_deliveries')
          .values({
            id: input.deliveryId,
            credential_id: input.credentialId,
            first_half_ciphertext: vault.seal(firstHalf, sealedHalfContext(input.deliveryId, 'first')),
            second_half_ciphertext: vault.seal(secondHalf, sealedHalfContext(input.deliveryId, 'second')),
            read_out_ciphertext:
              channel === 'contact_center'
                ? vault.seal(firstHalf, sealedHalfContext(input.deliveryId, 'read-out'))
                : null,
          })
          .execute();
        await trx
          .updateTable('pin_requests')
          .set({ credential_id: input.credentialId })
          .where('id', '=', input.requestId)
          .execute();
      });
      return { credentialId: input.credentialId, deliveryId: input.deliveryId };
    },

    /**
     * Starts a term of the credential at `termStart`: works out its end from the configured policy and writes it
     * where sign-in reads it. The lifecycle workflow owns the dates; this is where they become data.
     */
    async beginCredentialTerm(input: { credentialId: string; termStart: string }): Promise<CredentialTerm> {
      const credential = await db
        .selectFrom('credentials')
        .select(['status', 'holder', 'kind'])
        .where('id', '=', input.credentialId)
        .executeTakeFirstOrThrow();
      if (credential.status === 'revoked') return { status: 'revoked' };
      const expiresAt = termEnd(new Date(input.termStart), credential.holder, termPolicy);
      await db
        .updateTable('credentials')
        .set({ expires_at: expiresAt })
        .where('id', '=', input.credentialId)
        .where('status', '!=', 'revoked')
        .execute();
      return {
        status: credential.status,
        holder: credential.holder,
        kind: credential.kind,
        expiresAt: expiresAt.toISOString(),
        reminderAt: reminderTime(expiresAt, termPolicy).toISOString(),
      };
    },

    /**
     * Marks the PIN expired at the end of its term, unless it was renewed or revoked meanwhile (a signal about it may
     * have been lost): then says which, so the workflow follows the data.
     */
    async expireCredential(input: { credentialId: string; expiresAt: string }): Promise<ExpiryOutcome> {
      return db.transaction().execute(async (trx) => {
        const expired = await trx
          .updateTable('credentials')
          .set({ status: 'expired' })
          .where('id', '=', input.credentialId)
          .where('status', 'in', ['initial', 'active'])
          .where('expires_at', '=', new Date(input.expiresAt))
          .executeTakeFirst();
        const now = await trx
          .selectFrom('credentials')
          .select(['status', 'term_started_at'])
          .where('id', '=', input.credentialId)
          .executeTakeFirstOrThrow();
        if (expired.numUpdatedRows > 0n) {
          await recordAudit(trx, {
            actorType: 'system',
            actorId: null,
            action: 'credential.expired',
            subjectType: 'credential',
            subjectId: input.credentialId,
            details: { expiresAt: input.expiresAt },
          });
          return { outcome: 'expired' };
        }
        if (now.status === 'revoked') return { outcome: 'revoked' };
        if (now.status === 'expired') return { outcome: 'expired' };
        return { outcome: 'renewed', termStart: now.term_started_at.toISOString() };
      });
    },
  };
}

export type CredentialActivities = ReturnType<typeof createCredentialActivities>;
