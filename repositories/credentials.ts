// Credentials, the PIN as INPS keeps it (brief, "PIN ordinario and PIN dispositivo", "The life of a PIN"): every change
// of a credential is made here, once, with its audit row: issued (online, by phone or at the desk), its new PIN
// assigned at first access or renewal, its term begun and ended, made dispositivo, revoked. Each move checks the state
// it starts from (domain/credential.ts, CREDENTIAL_TRANSITIONS).
import { NotYet } from './not-yet';
import type { IssuedUnder } from '../domain/issuance-policy';
import type { NotificationKind, SecondHalfChannel } from '../domain/delivery';
import type { HolderNotice } from '../domain/notices';
import type { Kysely, Transaction } from 'kysely';
import type { AuditActorType } from '../domain/audit';
import {
  CREDENTIAL_TRANSITIONS,
  USABLE_CREDENTIAL_STATUSES,
  type CredentialHolder,
  type CredentialKind,
  type CredentialStatus,
  type RevocationReason,
} from '../domain/credential';
import { statusesBefore } from '../domain/transitions';
import type { Database } from '../infra/db/schema';
import { recordAudit } from './audit';

type Executor = Kysely<Database> | Transaction<Database>;

/** Who made a change: a staff member, the citizen themselves, or the system on its own clock. */
export type Actor = { type: Exclude<AuditActorType, 'system'>; id: string } | { type: 'system' };
const actorOf = (actor: Actor) => ({
  actorType: actor.type,
  actorId: actor.type === 'system' ? null : actor.id,
});

/**
 * PINs that work or can be renewed whose holders have not yet been given this notice about them (sent, or kept for
 * their home page), a page at a time in id order after `after`, with what the rules need of the holder.
 */
export function usablePinsNotYetNotified(
  db: Executor,
  page: { kind: NotificationKind & HolderNotice['kind']; limit: number; after?: string },
) {
  const { kind } = page;
  let query = db
    .selectFrom('credentials')
    .innerJoin('persons', 'persons.id', 'credentials.person_id')
    .select([
      'credentials.id',
      'persons.id as personId',
      'persons.birth_date',
      'persons.citizenship',
      'persons.first_name',
      'persons.last_name',
    ])
    .where('credentials.status', 'in', USABLE_CREDENTIAL_STATUSES)
    .where(({ not, exists, selectFrom }) =>
      not(
        exists(
          selectFrom('notifications')
            .select('notifications.id')
            .whereRef('notifications.credential_id', '=', 'credentials.id')
            .where('notifications.kind', '=', kind)
            .where('notifications.provider_message_id', 'is not', null),
        ),
      ),
    )
    .where(({ not, exists, selectFrom }) =>
      not(
        exists(
          selectFrom('home_page_notices')
            .select('home_page_notices.id')
            .whereRef('home_page_notices.credential_id', '=', 'credentials.id')
            .where('home_page_notices.kind', '=', kind),
        ),
      ),
    )
    .orderBy('credentials.id')
    .limit(page.limit);
  if (page.after) query = query.where('credentials.id', '>', page.after);
  return query.execute();
}

/** Does this person hold a PIN that works or can be renewed? Then no second PIN is issued, and a lost one replaced. */
export async function holdsUsablePin(
  db: Executor,
  who: { personId: string } | { fiscalCode: string },
): Promise<boolean> {
  const row = await db
    .selectFrom('credentials')
    .innerJoin('persons', 'persons.id', 'credentials.person_id')
    .select('credentials.id')
    .where('credentials.status', 'in', USABLE_CREDENTIAL_STATUSES)
    .where((eb) =>
      'personId' in who ? eb('persons.id', '=', who.personId) : eb('persons.fiscal_code', '=', who.fiscalCode),
    )
    .executeTakeFirst();
  return row !== undefined;
}

/**
 * The PINs a sign-in may be for: the person's usable ones of the length typed (16 at first access, else 8), each with
 * what the end of the transition asks of its holder (birth date, citizenship), read in the same query.
 */
export function signInCandidates(db: Executor, input: { fiscalCode: string; pinLength: number }) {
  return db
    .selectFrom('credentials')
    .innerJoin('persons', 'persons.id', 'credentials.person_id')
    .selectAll('credentials')
    .select(['persons.birth_date as holder_birth_date', 'persons.citizenship as holder_citizenship'])
    .where('persons.fiscal_code', '=', input.fiscalCode)
    .where('credentials.status', 'in', USABLE_CREDENTIAL_STATUSES)
    .where('credentials.pin_length', '=', input.pinLength)
    .execute();
}

/** A person's usable PIN, if any: offered for retirement to someone signed in with SPID or CIE. */
export function usablePinOf(db: Executor, personId: string) {
  return db
    .selectFrom('credentials')
    .select(['id', 'kind'])
    .where('person_id', '=', personId)
    .where('status', 'in', USABLE_CREDENTIAL_STATUSES)
    .executeTakeFirst();
}

/** What the citizen's home says of the PIN they signed in with. */
export function credentialSummary(db: Executor, credentialId: string) {
  return db
    .selectFrom('credentials')
    .select(['id', 'kind', 'holder', 'status', 'expires_at', 'term_started_at', 'issued_under'])
    .where('id', '=', credentialId)
    .executeTakeFirstOrThrow();
}

/** The citizen's newest usable PIN, locked for the rest of the transaction (the desk converts it). */
export function latestUsablePinOf(trx: Transaction<Database>, personId: string) {
  return trx
    .selectFrom('credentials')
    .select(['id', 'kind'])
    .where('person_id', '=', personId)
    .where('holder', '=', 'citizen')
    .where('status', 'in', USABLE_CREDENTIAL_STATUSES)
    .orderBy('issued_at', 'desc')
    .forUpdate()
    .executeTakeFirst();
}

/**
 * What a lost PIN's replacement inherits: the same services, so the same kind and holder; and the credential it
 * replaces, revoked when the replacement is first used.
 */
export function credentialToReplace(db: Executor, input: { personId: string; requestId: string }) {
  return db
    .selectFrom('credentials')
    .select(['id', 'kind', 'holder'])
    .where('person_id', '=', input.personId)
    .where('status', 'in', USABLE_CREDENTIAL_STATUSES)
    .where('pin_request_id', 'is distinct from', input.requestId)
    .orderBy('issued_at', 'desc')
    .executeTakeFirst();
}

/** A new credential in its initial state: the 16-character PIN, as hashed, waiting for its first access. */
export async function insertInitialCredential(
  trx: Executor,
  input: {
    id: string;
    personId: string;
    kind: CredentialKind;
    holder: CredentialHolder;
    pinHash: string;
    pinLength: number;
    pinRequestId: string | null;
    replaces?: string | null;
    issuedUnder?: IssuedUnder | null;
  },
): Promise<void> {
  await trx
    .insertInto('credentials')
    .values({
      issued_under: input.issuedUnder ?? null,
      id: input.id,
      person_id: input.personId,
      kind: input.kind,
      holder: input.holder,
      replaces_credential_id: input.replaces ?? null,
      status: 'initial',
      pin_hash: input.pinHash,
      pin_length: input.pinLength,
      pin_request_id: input.pinRequestId,
    })
    .execute();
}

/** The credential and delivery already issued for a request: a retried issuance step finds them. */
export function pinIssuedForRequest(db: Executor, requestId: string) {
  return db
    .selectFrom('credentials')
    .innerJoin('pin_deliveries', 'pin_deliveries.credential_id', 'credentials.id')
    .select([
      'credentials.id as credentialId',
      'pin_deliveries.id as deliveryId',
      'pin_deliveries.second_half_channel as secondHalfBy',
    ])
    .where('credentials.pin_request_id', '=', requestId)
    .executeTakeFirst();
}

/**
 * A request's PIN issued, in one transaction: the credential (hash only), its delivery (the two halves, and for a
 * phone registration the half the agent reads out, each sealed with the vault key) and the request's link to it.
 */
export async function issuePinForRequest(
  db: Kysely<Database>,
  input: {
    credential: Parameters<typeof insertInitialCredential>[1] & { pinRequestId: string };
    delivery: {
      id: string;
      firstHalf: Buffer;
      secondHalf: Buffer;
      readOut: Buffer | null;
      resend: Buffer;
      secondHalfBy: SecondHalfChannel;
    };
  },
): Promise<void> {
  await db.transaction().execute(async (trx) => {
    await insertInitialCredential(trx, input.credential);
    await trx
      .insertInto('pin_deliveries')
      .values({
        id: input.delivery.id,
        credential_id: input.credential.id,
        first_half_ciphertext: input.delivery.firstHalf,
        second_half_ciphertext: input.delivery.secondHalf,
        read_out_ciphertext: input.delivery.readOut,
        resend_ciphertext: input.delivery.resend,
        second_half_channel: input.delivery.secondHalfBy,
      })
      .execute();
    await trx
      .updateTable('pin_requests')
      .set({ credential_id: input.credential.id })
      .where('id', '=', input.credential.pinRequestId)
      .execute();
  });
}

/** A PIN dispositivo handed over at an INPS office: its credential, in the initial state, and the audit row. */
export async function issueCredentialAtOffice(
  trx: Transaction<Database>,
  input: {
    credentialId: string;
    pinHash: string;
    pinLength: number;
    personId: string;
    holder: CredentialHolder;
    issuedUnder: IssuedUnder | null;
    staffId: string;
    details: Record<string, unknown>;
  },
): Promise<void> {
  await insertInitialCredential(trx, {
    issuedUnder: input.issuedUnder,
    id: input.credentialId,
    personId: input.personId,
    kind: 'dispositivo',
    holder: input.holder,
    pinHash: input.pinHash,
    pinLength: input.pinLength,
    pinRequestId: null,
  });
  await recordAudit(trx, {
    ...actorOf({ type: 'staff', id: input.staffId }),
    action: 'credential.issued_at_office',
    subjectType: 'credential',
    subjectId: input.credentialId,
    details: { holder: input.holder, kind: 'dispositivo', personId: input.personId, ...input.details },
  });
}

/** Whether the PIN was handed over at an INPS office: its issue's audit row, written with it, names the operator. */
export async function issuedAtOffice(db: Executor, credentialId: string): Promise<boolean> {
  const issued = await db
    .selectFrom('audit_log')
    .select('id')
    .where('subject_type', '=', 'credential')
    .where('subject_id', '=', credentialId)
    .where('action', '=', 'credential.issued_at_office')
    .executeTakeFirst();
  return issued !== undefined;
}

/** The credential as the guided first-access or renewal step needs it, locked while the new PIN is assigned. */
export function lockCredential(trx: Transaction<Database>, credentialId: string) {
  return trx.selectFrom('credentials').selectAll().where('id', '=', credentialId).forUpdate().executeTakeFirstOrThrow();
}

/**
 * The citizen's new 8-character PIN, at first access or renewal: the credential becomes active and its term starts
 * now (the lifecycle workflow writes its end).
 */
export async function assignPin(
  trx: Transaction<Database>,
  input: {
    credentialId: string;
    personId: string;
    pinHash: string;
    pinLength: number;
    step: 'first_access' | 'renewal';
  },
): Promise<Date> {
  const now = new Date();
  await trx
    .updateTable('credentials')
    .set({
      pin_hash: input.pinHash,
      pin_length: input.pinLength,
      status: 'active',
      term_started_at: now,
      expires_at: null,
    })
    .where('id', '=', input.credentialId)
    .where('status', 'in', statusesBefore(CREDENTIAL_TRANSITIONS, 'active'))
    .executeTakeFirstOrThrow();
  await recordAudit(trx, {
    ...actorOf({ type: 'citizen', id: input.personId }),
    action: input.step === 'first_access' ? 'credential.first_access_completed' : 'credential.renewed',
    subjectType: 'credential',
    subjectId: input.credentialId,
  });
  return now;
}

/**
 * Writes the end of the credential's current term, where sign-in reads it; a revoked credential has none. A PIN has
 * one term: it begins when the PIN is issued or assigned (which leaves the end empty, `assignPin`), and a term already
 * written is the term, whoever asks again. So a retry writes nothing new, and a workflow told "a new PIN was assigned"
 * by someone who can reach Temporal, with no new PIN in Postgres, gives the PIN no fresh six months.
 */
export async function beginTerm(
  db: Executor,
  input: {
    credentialId: string;
    /** From the term's start: the caller's, or the one stored with the credential (`termStartedAt`). */
    termEnd: (holder: CredentialHolder, termStartedAt: Date) => Date;
  },
): Promise<
  | {
      status: Exclude<CredentialStatus, 'revoked'>;
      holder: CredentialHolder;
      kind: CredentialKind;
      expiresAt: Date;
      /** Issued to a minor under the switch-off's exception: the holder's birth date, which ends it at 18. */
      minorBornOn: string | null;
    }
  | { status: 'revoked' }
> {
  const credential = await db
    .selectFrom('credentials')
    .innerJoin('persons', 'persons.id', 'credentials.person_id')
    .select([
      'credentials.status',
      'credentials.holder',
      'credentials.kind',
      'credentials.issued_under',
      'credentials.term_started_at',
      'credentials.expires_at',
      'persons.birth_date',
    ])
    .where('credentials.id', '=', input.credentialId)
    .executeTakeFirstOrThrow();
  if (credential.status === 'revoked') return { status: 'revoked' };
  let expiresAt = credential.expires_at;
  if (expiresAt === null) {
    const written = await db
      .updateTable('credentials')
      .set({ expires_at: input.termEnd(credential.holder, credential.term_started_at) })
      .where('id', '=', input.credentialId)
      .where('status', '!=', 'revoked')
      .where('expires_at', 'is', null)
      .returning('expires_at')
      .executeTakeFirst();
    // Written meanwhile by a concurrent call: theirs is the term.
    expiresAt =
      written?.expires_at ??
      (
        await db
          .selectFrom('credentials')
          .select('expires_at')
          .where('id', '=', input.credentialId)
          .executeTakeFirstOrThrow()
      ).expires_at!;
  }
  return {
    status: credential.status,
    holder: credential.holder,
    kind: credential.kind,
    expiresAt,
    minorBornOn: minorBornOn(credential),
  };
}

export type ExpiryOutcome = { outcome: 'expired' } | { outcome: 'renewed'; termStart: string } | { outcome: 'revoked' };

/**
 * Marks the PIN expired at the end of its term, once `at` (the step's time) has reached it, unless it was renewed or
 * revoked meanwhile (a signal about it may have been lost): then says which, so the workflow follows the data. A term
 * still running is refused with NotYet.
 */
export async function expireAtTermEnd(
  db: Kysely<Database>,
  input: { credentialId: string; expiresAt: string; at: number },
): Promise<ExpiryOutcome> {
  const termEnd = new Date(input.expiresAt);
  return db.transaction().execute(async (trx) => {
    const expired = await trx
      .updateTable('credentials')
      .set({ status: 'expired' })
      .where('id', '=', input.credentialId)
      .where('status', 'in', statusesBefore(CREDENTIAL_TRANSITIONS, 'expired'))
      .where('expires_at', '=', termEnd)
      .where('expires_at', '<=', new Date(input.at))
      .executeTakeFirst();
    const now = await trx
      .selectFrom('credentials')
      .select(['status', 'term_started_at', 'expires_at'])
      .where('id', '=', input.credentialId)
      .executeTakeFirstOrThrow();
    if (expired.numUpdatedRows > 0n) {
      await recordAudit(trx, {
        ...actorOf({ type: 'system' }),
        action: 'credential.expired',
        subjectType: 'credential',
        subjectId: input.credentialId,
        details: { expiresAt: input.expiresAt },
      });
      return { outcome: 'expired' };
    }
    if (now.status === 'revoked') return { outcome: 'revoked' };
    if (now.status === 'expired') return { outcome: 'expired' };
    if (now.expires_at?.getTime() === termEnd.getTime())
      throw new NotYet(`credential ${input.credentialId}: its term has not ended`, termEnd.getTime() - input.at);
    return { outcome: 'renewed', termStart: now.term_started_at.toISOString() };
  });
}

/** The holder's birth date, for a PIN issued to a minor under the switch-off's exception (it ends at 18); else null. */
export async function minorHolderBornOn(db: Executor, credentialId: string): Promise<string | null> {
  const row = await db
    .selectFrom('credentials')
    .innerJoin('persons', 'persons.id', 'credentials.person_id')
    .select(['credentials.issued_under', 'persons.birth_date'])
    .where('credentials.id', '=', credentialId)
    .executeTakeFirstOrThrow();
  return minorBornOn(row);
}

/** A PIN issued to a minor under the switch-off's exception ends at 18: its holder's birth date says when. */
const minorBornOn = (pin: { issued_under: IssuedUnder | null; birth_date: string }) =>
  pin.issued_under === 'minor' ? pin.birth_date : null;

/**
 * The holder's PIN made dispositivo (an approved conversion, online or at the desk). A PIN issued meanwhile to replace
 * this one (a lost PIN) is the holder's PIN now: it is converted too. Only citizens' PINs are converted.
 */
export async function makeDispositivo(trx: Transaction<Database>, credentialId: string): Promise<void> {
  await trx
    .updateTable('credentials')
    .set({ kind: 'dispositivo' })
    .where((eb) => eb.or([eb('id', '=', credentialId), eb('replaces_credential_id', '=', credentialId)]))
    .where('holder', '=', 'citizen')
    .where('status', 'in', USABLE_CREDENTIAL_STATUSES)
    .execute();
}

/**
 * Revokes usable PINs (one by id, or all of a person's but one), each audited as `actor`'s act; returns the ids
 * revoked. A PIN already revoked is left as it is.
 */
export async function revokeCredentials(
  trx: Transaction<Database>,
  input: {
    which: { credentialId: string } | { personId: string; except?: string };
    reason: RevocationReason;
    actor: Actor;
    details?: Record<string, unknown>;
  },
): Promise<string[]> {
  let update = trx
    .updateTable('credentials')
    .set({ status: 'revoked', revoked_at: new Date(), revocation_reason: input.reason })
    .where('status', 'in', statusesBefore(CREDENTIAL_TRANSITIONS, 'revoked'));
  const { which } = input;
  if ('credentialId' in which) update = update.where('id', '=', which.credentialId);
  else {
    update = update.where('person_id', '=', which.personId);
    if (which.except) update = update.where('id', '!=', which.except);
  }
  const revoked = await update.returning('id').execute();
  for (const { id } of revoked)
    await recordAudit(trx, {
      ...actorOf(input.actor),
      action: 'credential.revoked',
      subjectType: 'credential',
      subjectId: id,
      details: { reason: input.reason, ...input.details },
    });
  return revoked.map((r) => r.id);
}

/** Credentials whose lifecycle never wrote a term (its start was lost, or they predate lifecycles). */
export function credentialsWithoutTerm(db: Executor) {
  return db
    .selectFrom('credentials')
    .select(['id', 'term_started_at'])
    .where('expires_at', 'is', null)
    .where('status', 'in', ['initial', 'active'])
    .execute();
}
