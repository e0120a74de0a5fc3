// Citizens' sessions: opened by a proven PIN or a SPID / CIE sign-in (audited as the citizen's own act), moved on by
// the guided new-PIN step, read on every request, ended by signing out. Only the token's hash is kept.
import type { Kysely, Transaction } from 'kysely';
import { STRONG_SIGN_IN_LEVEL, type CitizenAuthMethod, type CitizenSessionStage } from '../domain/citizen-session';
import type { Database } from '../infra/db/schema';
import { recordAudit } from './audit';

type Executor = Kysely<Database> | Transaction<Database>;

export async function openCitizenSession(
  trx: Transaction<Database>,
  input: {
    tokenHash: string;
    personId: string;
    expiresAt: Date;
    stage: CitizenSessionStage;
  } & ({ method: 'pin'; credentialId: string } | { method: Exclude<CitizenAuthMethod, 'pin'>; level: number }),
): Promise<void> {
  await trx
    .insertInto('citizen_sessions')
    .values({
      token_hash: input.tokenHash,
      credential_id: input.method === 'pin' ? input.credentialId : null,
      person_id: input.personId,
      auth_method: input.method,
      spid_level: input.method === 'pin' ? null : input.level,
      stage: input.stage,
      expires_at: input.expiresAt,
    })
    .execute();
  // As strong as a PIN dispositivo: the person has its rights from now on, whatever PIN they filed with before.
  if (input.method !== 'pin' && input.level >= STRONG_SIGN_IN_LEVEL)
    await trx.updateTable('persons').set({ strong_sign_in_at: new Date() }).where('id', '=', input.personId).execute();
  await recordAudit(trx, {
    actorType: 'citizen',
    actorId: input.personId,
    action: 'citizen.signed_in',
    ...(input.method === 'pin'
      ? { subjectType: 'credential', subjectId: input.credentialId, details: { stage: input.stage } }
      : { subjectType: 'person', subjectId: input.personId, details: { method: input.method, level: input.level } }),
  });
}

/** A live session with its PIN's status (a revoked PIN ends its sessions). */
export function findCitizenSession(db: Executor, tokenHash: string) {
  return db
    .selectFrom('citizen_sessions')
    .leftJoin('credentials', 'credentials.id', 'citizen_sessions.credential_id')
    .select([
      'citizen_sessions.token_hash',
      'citizen_sessions.stage',
      'citizen_sessions.person_id',
      'citizen_sessions.credential_id',
      'citizen_sessions.auth_method',
      'citizen_sessions.spid_level',
      'citizen_sessions.expires_at',
      'citizen_sessions.created_at',
      'credentials.status',
    ])
    .where('citizen_sessions.token_hash', '=', tokenHash)
    .where('citizen_sessions.expires_at', '>', new Date())
    .executeTakeFirst();
}

/** A session in use lasts on: its end moves to `until`, never earlier than it was. */
export async function extendCitizenSession(db: Executor, tokenHash: string, until: Date): Promise<void> {
  await db
    .updateTable('citizen_sessions')
    .set({ expires_at: until })
    .where('token_hash', '=', tokenHash)
    .where('expires_at', '<', until)
    .execute();
}

/** The guided step is done: the session opens the services. */
export async function completeSessionStep(trx: Transaction<Database>, tokenHash: string): Promise<void> {
  await trx.updateTable('citizen_sessions').set({ stage: 'signed_in' }).where('token_hash', '=', tokenHash).execute();
}

export async function endCitizenSession(db: Executor, tokenHash: string): Promise<void> {
  await db.deleteFrom('citizen_sessions').where('token_hash', '=', tokenHash).execute();
}
