// Credentials: issuing one (the PIN is generated and hashed here, its two halves sealed for delivery) and the
// Postgres side of its lifecycle (its term, its expiry). Only ids, statuses and dates leave these activities, so no
// PIN ever reaches a workflow history.
import { ApplicationFailure } from '@temporalio/common';
import { termEnd, reminderTime, type TermPolicy } from '../domain/credential-term';
import { generatePin, hashPin, INITIAL_PIN_LENGTH, sealedHalfContext, splitPin } from '../domain/pin';
import type { Db } from '../infra/db';
import {
  beginTerm,
  credentialSummary,
  credentialToReplace,
  expireAtTermEnd,
  issuePinForRequest,
  pinIssuedForRequest,
  minorHolderBornOn,
  revokeCredentials,
  type ExpiryOutcome,
} from '../repositories/credentials';
import { clearanceForPin } from '../repositories/pin-requests';
import { stepTime, whenDue } from './step-clock';
import { personById } from '../repositories/registry';
import { comingOfAge, issuedUnderOf, pinIssuanceDecision } from '../domain/issuance-policy';
import { type CredentialHolder, type CredentialKind, type CredentialStatus } from '../domain/credential';
import type { Vault } from '../infra/vault';
import { secondHalfChannel, type SecondHalfChannel } from '../domain/delivery';
import { requestContact } from '../repositories/deliveries';

/**
 * The registry person the credential belongs to. A PIN goes only to someone INPS already holds (brief, "Identity
 * proofing"): no remote channel adds a person to the registry, so a request without one is never issued a PIN. And
 * Temporal is not a trust boundary: whatever started this step, Postgres must say the request was cleared for a PIN,
 * by the contact on record (lost PIN), the registry (validation passed) or an agent's recorded decision.
 */
async function clearedPersonFor(db: Db, requestId: string) {
  const clearance = await clearanceForPin(db, requestId);
  if (!clearance.personId)
    throw ApplicationFailure.nonRetryable(`request ${requestId} names nobody in the registry`, 'NotInRegistry');
  if (!clearance.cleared)
    throw ApplicationFailure.nonRetryable(`request ${requestId} was not cleared for a PIN`, 'NotCleared');
  return { ...clearance, personId: clearance.personId };
}

export type CredentialTerm =
  | {
      status: Exclude<CredentialStatus, 'revoked'>;
      holder: CredentialHolder;
      /** Absent in histories recorded before the kind was reported. */
      kind?: CredentialKind;
      expiresAt: string;
      reminderAt: string;
      /** A minor's PIN issued under the switch-off's exception: when the holder is told, and when it ends (at 18). */
      comingOfAge?: { noticeAt: string; at: string };
    }
  | { status: 'revoked' };
/** A term written and still running: what a lifecycle started with it needs to set its timers. */
export type BegunCredentialTerm = Exclude<CredentialTerm, { status: 'revoked' }>;

export type { ExpiryOutcome };

/** The Temporal client's side: starts a credential's lifecycle, or finds it running (its id is the credential's). */
export type StartCredentialLifecycle = (credential: {
  credentialId: string;
  requestId: string;
  begunTerm?: BegunCredentialTerm;
}) => Promise<void>;

/**
 * Whether a minor's PIN has reached this moment of its coming of age (the notice a month before, or the 18th birthday)
 * by the clock of the step asking: who holds it and when they were born, as Postgres says. Never, for anyone else's.
 */
export async function comingOfAgeHasCome(db: Db, credentialId: string, moment: 'noticeAt' | 'at'): Promise<boolean> {
  const bornOn = await minorHolderBornOn(db, credentialId);
  return bornOn !== null && stepTime() >= comingOfAge(bornOn)[moment].getTime();
}

export function createCredentialActivities({
  db,
  vault,
  termPolicy,
  switchOffDate,
  secondHalfByEmail,
  startCredentialLifecycle,
}: {
  db: Db;
  vault: Vault;
  termPolicy: TermPolicy;
  switchOffDate: string;
  secondHalfByEmail: boolean;
  startCredentialLifecycle: StartCredentialLifecycle;
}) {
  /** Issues the PIN of a cleared request, once: a retry finds the one already issued. */
  async function issueOnce(input: {
    requestId: string;
    credentialId: string;
    deliveryId: string;
  }): Promise<{ credentialId: string; deliveryId: string; secondHalfBy: SecondHalfChannel }> {
    const existing = await pinIssuedForRequest(db, input.requestId);
    if (existing) return existing;
    const { personId, purpose, channel } = await clearedPersonFor(db, input.requestId);
    // After the switch-off a PIN goes only to minors and non-EU citizens, for the services dedicated to them.
    const person = await personById(db, personId);
    const issuedUnder = issuedUnderOf(
      pinIssuanceDecision({ birthDate: person.birth_date, citizenship: person.citizenship }, new Date(), switchOffDate),
    );
    const contact = await requestContact(db, input.requestId);
    const secondHalfBy = secondHalfChannel({
      byEmailAllowed: secondHalfByEmail,
      registryEmail: person.email,
      firstHalf: { channel: contact.delivery_channel, email: contact.email },
    });
    const replaced =
      purpose === 'lost_pin' ? await credentialToReplace(db, { personId, requestId: input.requestId }) : undefined;

    const pin = generatePin(INITIAL_PIN_LENGTH);
    const { firstHalf, secondHalf } = splitPin(pin);
    const pinHash = await hashPin(pin);
    await issuePinForRequest(db, {
      credential: {
        id: input.credentialId,
        personId,
        // Online and by phone a PIN is always ordinario, whatever it replaces (brief, "Two kinds of PIN"): a PIN
        // dispositivo needs the signed form or the office. An intermediary's is replaced only at the office.
        kind: 'ordinario',
        holder: 'citizen',
        issuedUnder,
        replaces: replaced?.id ?? null,
        pinHash,
        pinLength: INITIAL_PIN_LENGTH,
        pinRequestId: input.requestId,
      },
      delivery: {
        id: input.deliveryId,
        firstHalf: vault.seal(firstHalf, sealedHalfContext(input.deliveryId, 'first')),
        secondHalf: vault.seal(secondHalf, sealedHalfContext(input.deliveryId, 'second')),
        resend: vault.seal(firstHalf, sealedHalfContext(input.deliveryId, 'resend')),
        readOut:
          channel === 'contact_center' ? vault.seal(firstHalf, sealedHalfContext(input.deliveryId, 'read-out')) : null,
        secondHalfBy,
      },
    });
    return { credentialId: input.credentialId, deliveryId: input.deliveryId, secondHalfBy };
  }

  /**
   * Writes the term that starts at `termStart` (or at the start stored with the credential) and says what it is. Never
   * from before the stored start: a lifecycle someone else started, dated back, gives the PIN no shorter term.
   */
  async function beginTermOf(credentialId: string, termStart: Date | 'as stored'): Promise<CredentialTerm> {
    const term = await beginTerm(db, {
      credentialId,
      termEnd: (holder, stored) =>
        termEnd(termStart === 'as stored' || termStart < stored ? stored : termStart, holder, termPolicy),
    });
    if (term.status === 'revoked') return term;
    const ofAge = term.minorBornOn ? comingOfAge(term.minorBornOn) : undefined;
    return {
      status: term.status,
      holder: term.holder,
      kind: term.kind,
      expiresAt: term.expiresAt.toISOString(),
      reminderAt: reminderTime(term.expiresAt, termPolicy).toISOString(),
      ...(ofAge ? { comingOfAge: { noticeAt: ofAge.noticeAt.toISOString(), at: ofAge.at.toISOString() } } : {}),
    };
  }

  return {
    /**
     * Issues the 16-character initial PIN ordinario of a validated request, and decides which way its second half goes;
     * a retry finds the one already issued. (`secondHalfBy` is absent from histories recorded before it existed: those
     * went by letter.)
     */
    async issueInitialPin(input: {
      requestId: string;
      credentialId: string;
      deliveryId: string;
      /** Runs from after workflows/pin-delivery.ts's local steps: the lifecycle starts here, not as a child. */
      startLifecycle?: boolean;
    }): Promise<{ credentialId: string; deliveryId: string; secondHalfBy: SecondHalfChannel }> {
      const issued = await issueOnce(input);
      if (input.startLifecycle) {
        // The term begins with the PIN (from its stored start, so a retry writes the same dates) and travels with
        // the lifecycle's start: its first workflow task has nothing to ask Postgres. After the PIN is stored, and
        // again on a retry that finds it stored: the start then finds the lifecycle running.
        const term = await beginTermOf(issued.credentialId, 'as stored');
        await startCredentialLifecycle({
          credentialId: issued.credentialId,
          requestId: input.requestId,
          ...(term.status === 'revoked' ? {} : { begunTerm: term }),
        });
      }
      return issued;
    },

    /**
     * Starts a term of the credential at `termStart`: works out its end from the configured policy and writes it
     * where sign-in reads it. The lifecycle workflow owns the dates; this is where they become data.
     */
    async beginCredentialTerm(input: { credentialId: string; termStart: string }): Promise<CredentialTerm> {
      return beginTermOf(input.credentialId, new Date(input.termStart));
    },

    /** Whether Postgres holds the PIN revoked: what a lifecycle told of a revocation acts on. */
    async credentialRevoked(input: { credentialId: string }): Promise<boolean> {
      return (await credentialSummary(db, input.credentialId)).status === 'revoked';
    },

    /** The PIN's kind as Postgres holds it: what a lifecycle told of a conversion acts on. */
    async credentialKind(input: { credentialId: string }): Promise<CredentialKind> {
      return (await credentialSummary(db, input.credentialId)).kind;
    },

    /**
     * A minor's PIN on the 18th birthday: retired as any PIN is (audited, sessions ended), once. Only a minor's PIN,
     * and only from the birthday Postgres holds on: a run that says otherwise (started by anyone else) retires nothing.
     */
    async retireAtComingOfAge(input: { credentialId: string }): Promise<'retired' | 'already_revoked' | 'not_yet'> {
      if (!(await comingOfAgeHasCome(db, input.credentialId, 'at'))) return 'not_yet';
      const revoked = await db.transaction().execute((trx) =>
        revokeCredentials(trx, {
          which: { credentialId: input.credentialId },
          reason: 'came_of_age',
          actor: { type: 'system' },
        }),
      );
      return revoked.length ? 'retired' : 'already_revoked';
    },

    /**
     * Marks the PIN expired at the end of its term, unless it was renewed or revoked meanwhile (a signal about it may
     * have been lost): then says which, so the workflow follows the data.
     */
    async expireCredential(input: { credentialId: string; expiresAt: string }): Promise<ExpiryOutcome> {
      // A step that came early (or from someone else) expires nothing before the term's end.
      return whenDue(expireAtTermEnd(db, { ...input, at: stepTime() }));
    },
  };
}

export type CredentialActivities = ReturnType<typeof createCredentialActivities>;
