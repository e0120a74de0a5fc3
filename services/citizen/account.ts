// What a citizen does with their PIN: sign in, assign the new 8-character PIN (first access, renewal), report it
// lost. Postgres is the truth; the lifecycle workflows are told afterwards.
import type { Client } from '@temporalio/client';
import type { LostPinInput, SignInInput } from '../../domain/credential-input';
import { generatePin, HALF_LENGTH, hashPin } from '../../domain/pin';
import { servicesFor } from '../../domain/service-catalog';
import { noticeWords, type NoticeContext } from '../../domain/notices';
import { homePageNoticesOf } from '../../repositories/deliveries';
import type { Config } from '../../infra/config';
import type { Db } from '../../infra/db';
import {
  assignPin,
  credentialSummary,
  lockCredential,
  revokeCredentials,
  signInCandidates,
  usablePinOf,
} from '../../repositories/credentials';
import {
  completeSessionStep,
  endCitizenSession,
  extendCitizenSession,
  findCitizenSession,
  openCitizenSession,
} from '../../repositories/citizen-sessions';
import { personProfile } from '../../repositories/registry';
import { pinRetiredAtEndOfTransition } from '../../domain/issuance-policy';
import { type CredentialRow } from '../../infra/db/schema';
import { type CitizenSessionStage } from '../../domain/citizen-session';
import { sessionEnd, sessionEndMoves, sessionLatestEnd, type SessionLimits } from '../../domain/session-limits';
import { ApiError } from '../shared/errors';
import { tellNewPinAssigned, tellRevoked } from '../../core/credential-lifecycle-processes';
import { newSessionToken, sessionCookieOptions, tokenHash } from '../shared/session-token';
import { checkGuardedSecret } from '../../core/sign-in-guard';
import { storeSubmission } from '../../core/submissions';

export type SignInResult =
  | { outcome: 'signed_in'; stage: CitizenSessionStage; token: string; expiresAt: Date }
  | { outcome: 'wrong_credentials' }
  | { outcome: 'suspended'; until: Date }
  /** The right PIN, but the transition to SPID has ended for this person: the PIN is retired now. */
  | { outcome: 'pin_retired'; since: string };

const isPastTerm = (c: Pick<CredentialRow, 'status' | 'expires_at'>, now: Date) =>
  c.status === 'expired' || (c.expires_at !== null && c.expires_at <= now);

/**
 * Codice fiscale + PIN. The attempt is counted before the PIN is checked; during a suspension no PIN is checked and
 * the answer is the same for the right PIN, a wrong one and an unknown codice fiscale. Otherwise, until the PIN is
 * proven right the answer is one and the same whether the codice fiscale is unknown or the PIN wrong; only the right
 * PIN learns of a first access or an expiry.
 */
export async function signIn(
  deps: { db: Db; temporal: Client; config: Config },
  input: SignInInput,
): Promise<SignInResult> {
  const { db, config } = deps;
  const now = new Date();
  const token = newSessionToken();
  const expiresAt = newSessionEnd(config, now);
  const checked = await checkGuardedSecret(db, config, {
    purpose: 'sign-in',
    fiscalCode: input.fiscalCode,
    secret: input.pin,
    candidates: () => signInCandidates(db, { fiscalCode: input.fiscalCode, pinLength: input.pin.length }),
    onProven: async (trx, credential) => {
      const birth = { birthDate: credential.holder_birth_date, citizenship: credential.holder_citizenship };
      if (pinRetiredAtEndOfTransition(birth, now, config.PIN_RETIREMENT_DATE)) {
        const retired = await revokeCredentials(trx, {
          which: { credentialId: credential.id },
          reason: 'retired_at_end_of_transition',
          actor: { type: 'system' },
        });
        return { stage: undefined, revoked: retired };
      }
      const stage: CitizenSessionStage = isPastTerm(credential, now)
        ? 'renewal'
        : credential.status === 'initial'
          ? 'first_access'
          : 'signed_in';
      await openCitizenSession(trx, {
        method: 'pin',
        tokenHash: tokenHash(token),
        credentialId: credential.id,
        personId: credential.person_id,
        stage,
        expiresAt,
      });
      // The first use of a new PIN retires every other PIN of the person (brief, "Lost PIN").
      const revoked =
        credential.status !== 'initial'
          ? []
          : await revokeCredentials(trx, {
              which: { personId: credential.person_id, except: credential.id },
              reason: 'replaced_by_new_pin',
              actor: { type: 'citizen', id: credential.person_id },
              details: { replacedBy: credential.id },
            });
      return { stage, revoked };
    },
  });
  if (checked.outcome === 'suspended') return checked;
  if (checked.outcome === 'wrong') return { outcome: 'wrong_credentials' };
  const { stage, revoked } = checked.result;
  for (const id of revoked) await tellRevoked(deps.temporal, config, id);
  if (!stage) return { outcome: 'pin_retired', since: config.PIN_RETIREMENT_DATE! };
  return { outcome: 'signed_in', stage, token, expiresAt };
}

/**
 * Who is signed in, and how. A PIN session names its credential and goes through the PIN's steps; a SPID, CIE or
 * CNS session has no PIN behind it: its rights are those of its level (SPID 2 and 3, CIE and CNS: a PIN dispositivo's).
 */
export type CitizenSession = (
  | { method: 'pin'; tokenHash: string; credentialId: string; personId: string; stage: CitizenSessionStage }
  | {
      method: 'spid' | 'cie' | 'cns';
      tokenHash: string;
      credentialId: null;
      personId: string;
      stage: 'signed_in';
      level: number;
    }
) & {
  /** When the session ends if nothing more is done with it. */
  endsAt: Date;
};
export type PinSession = Extract<CitizenSession, { method: 'pin' }>;

const sessionLimits = (config: Config): SessionLimits => ({
  idleMinutes: config.CITIZEN_SESSION_MINUTES,
  maxHours: config.CITIZEN_SESSION_MAX_HOURS,
});
/** When a session opened now ends, unless it is used. */
export const newSessionEnd = (config: Config, now = new Date()) => sessionEnd(now, now, sessionLimits(config));
/** The session cookie is kept as long as a session may last; the service ends the session sooner when it is idle. */
export const citizenCookieOptions = (config: Config, openedAt = new Date()) =>
  sessionCookieOptions(sessionLatestEnd(openedAt, sessionLimits(config)), config.citizenPublicUrl);

/**
 * The live session a token opens, which its use keeps alive: a request `byThePerson`, not one a page made by itself
 * (services/shared/session-look.ts), moves its end on.
 */
export async function findSession(
  db: Db,
  config: Config,
  token: string,
  byThePerson: boolean,
): Promise<CitizenSession | undefined> {
  const row = await findCitizenSession(db, tokenHash(token));
  if (!row) return undefined;
  // A PIN revoked meanwhile (replaced, retired, revoked at an office) ends its sessions.
  if (row.auth_method === 'pin' && (!row.credential_id || row.status === 'revoked')) return undefined;
  let endsAt = row.expires_at;
  const until = sessionEnd(row.created_at, new Date(), sessionLimits(config));
  if (byThePerson && sessionEndMoves(row.expires_at, until)) {
    await extendCitizenSession(db, row.token_hash, until);
    endsAt = until;
  }
  if (row.auth_method === 'pin')
    return {
      method: 'pin',
      tokenHash: row.token_hash,
      credentialId: row.credential_id!,
      personId: row.person_id,
      stage: row.stage,
      endsAt,
    };
  return {
    method: row.auth_method,
    tokenHash: row.token_hash,
    credentialId: null,
    personId: row.person_id,
    stage: 'signed_in',
    level: row.spid_level ?? 3,
    endsAt,
  };
}

export async function endSession(db: Db, session: Pick<CitizenSession, 'tokenHash'>): Promise<void> {
  await endCitizenSession(db, session.tokenHash);
}

/**
 * The guided step after a first access or an expired PIN: a new 8-character PIN, returned once to be shown once,
 * for the same credential (same services). Done at most once per step: a replayed or concurrent call finds the
 * credential no longer waiting for it and changes nothing.
 */
export async function assignNewPin(
  deps: { db: Db; temporal: Client; config: Config },
  session: PinSession,
  step: 'first_access' | 'renewal',
): Promise<{ pin: string }> {
  const { db } = deps;
  if (session.stage !== step)
    throw new ApiError(
      409,
      'pin_already_assigned',
      'A new PIN was already assigned in this procedure. Sign in with the 8-character PIN you were given.',
    );
  const pin = generatePin(HALF_LENGTH);
  const pinHash = await hashPin(pin);
  const termStart = await db.transaction().execute(async (trx) => {
    const credential = await lockCredential(trx, session.credentialId);
    const now = new Date();
    const waiting =
      session.stage === 'first_access'
        ? credential.status === 'initial' && !isPastTerm(credential, now)
        : credential.status !== 'revoked' && isPastTerm(credential, now);
    if (!waiting)
      throw new ApiError(
        409,
        'pin_already_assigned',
        'A new PIN was already assigned in this procedure. Sign in with the 8-character PIN you were given.',
      );
    await completeSessionStep(trx, session.tokenHash);
    return assignPin(trx, {
      credentialId: credential.id,
      personId: session.personId,
      pinHash,
      pinLength: HALF_LENGTH,
      step,
    });
  });
  await tellNewPinAssigned(deps.temporal, deps.config, session.credentialId, termStart);
  return { pin };
}

/**
 * A lost PIN: stored and answered at once, the same way whoever it names; whether a new PIN goes out (the codice
 * fiscale belongs to a PIN holder, the contact is one on record, none was asked for recently) is decided afterwards,
 * by the submission's workflow (activities/submissions.ts).
 */
export async function requestLostPin(
  deps: { db: Db; temporal: Client; config: Config },
  input: LostPinInput,
): Promise<void> {
  await storeSubmission(deps, { kind: 'lost_pin', input });
}

/**
 * "I use SPID now": someone signed in with SPID or CIE retires the PINs they still hold. From then on those PINs no
 * longer work, and their lifecycles end.
 */
export async function retirePins(
  deps: { db: Db; temporal: Client; config: Config },
  session: CitizenSession,
): Promise<{ retired: number }> {
  if (session.method === 'pin')
    throw new ApiError(409, 'signed_in_with_pin', 'Sign in with SPID or CIE to retire your PIN');
  const retired = await deps.db.transaction().execute((trx) =>
    revokeCredentials(trx, {
      which: { personId: session.personId },
      reason: 'retired_for_spid',
      actor: { type: 'citizen', id: session.personId },
    }),
  );
  for (const id of retired) await tellRevoked(deps.temporal, deps.config, id);
  return { retired: retired.length };
}

/** What the signed-in citizen's home shows: who they are, their PIN, and the services it opens. */
export async function accountView(db: Db, session: CitizenSession) {
  const person = await personProfile(db, session.personId);
  const credential = session.credentialId ? await credentialSummary(db, session.credentialId) : undefined;
  // A SPID or CIE sign-in opens what the matching PIN would: level 2 or 3 (and CIE) that of a PIN dispositivo.
  const rights = session.method === 'pin' ? credential!.kind : session.level >= 2 ? 'dispositivo' : 'ordinario';
  const holder = credential?.holder ?? 'citizen';
  // Someone signed in with SPID who still holds a PIN is offered to retire it (brief, "The switch to SPID").
  const heldPin = session.method === 'pin' ? undefined : await usablePinOf(db, session.personId);
  return {
    fiscalCode: person.fiscal_code,
    firstName: person.first_name,
    lastName: person.last_name,
    signedInWith: session.method === 'pin' ? ('pin' as const) : session.method,
    spidLevel: session.method === 'pin' ? null : session.level,
    rights,
    credential: credential && {
      kind: credential.kind,
      holder: credential.holder,
      status: credential.status,
      termStartedAt: credential.term_started_at.toISOString(),
      expiresAt: credential.expires_at?.toISOString() ?? null,
    },
    pinToRetire: heldPin ? { credentialId: heldPin.id, kind: heldPin.kind } : null,
    services: servicesFor({
      profile: person.profile,
      fund: person.fund,
      credentialKind: rights,
      credentialHolder: holder,
      issuedUnder: session.method === 'pin' ? credential!.issued_under : null,
    }).map((s) => ({ id: s.id, name: s.name, description: s.description, needs: s.needs, access: s.access })),
  };
}
export type AccountView = Awaited<ReturnType<typeof accountView>>;

/**
 * What INPS had to tell someone it could reach neither by email nor by SMS (a PIN revoked, a conversion's outcome,
 * the SPID era's notices), newest first, in both languages.
 */
export async function noticesFor(db: Db, personId: string, context: NoticeContext) {
  return (await homePageNoticesOf(db, personId)).map((n) => ({
    kind: n.facts.kind,
    at: n.created_at.toISOString(),
    text: noticeWords(n.facts, context).body,
  }));
}
export type HomePageNoticeView = Awaited<ReturnType<typeof noticesFor>>[number];
