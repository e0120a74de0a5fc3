// INPS staff and their sessions: who may sign in to the consoles, with which roles, and where click-to-call rings them.
// Only a session token's hash is kept.
import type { Kysely } from 'kysely';
import type { Database } from '../infra/db/schema';
import { recordAudit } from './audit';

export function staffByUsername(db: Kysely<Database>, username: string) {
  return db.selectFrom('staff').selectAll().where('username', '=', username).executeTakeFirst();
}

/** Where click-to-call rings the agent first. */
export function staffContact(db: Kysely<Database>, staffId: string) {
  return db.selectFrom('staff').select('phone').where('id', '=', staffId).executeTakeFirstOrThrow();
}

export async function openStaffSession(
  db: Kysely<Database>,
  input: { tokenHash: string; staffId: string; expiresAt: Date },
): Promise<void> {
  await db
    .insertInto('staff_sessions')
    .values({ token_hash: input.tokenHash, staff_id: input.staffId, expires_at: input.expiresAt })
    .execute();
}

export async function endStaffSession(db: Kysely<Database>, tokenHash: string): Promise<void> {
  await db.deleteFrom('staff_sessions').where('token_hash', '=', tokenHash).execute();
}

/** The staff member a live session belongs to, with when the session was opened and when it ends if unused. */
export function staffBySession(db: Kysely<Database>, tokenHash: string) {
  return db
    .selectFrom('staff_sessions')
    .innerJoin('staff', 'staff.id', 'staff_sessions.staff_id')
    .select([
      'staff.id',
      'staff.username',
      'staff.display_name',
      'staff.roles',
      'staff_sessions.created_at as opened_at',
      'staff_sessions.expires_at',
    ])
    .where('staff_sessions.token_hash', '=', tokenHash)
    .where('staff_sessions.expires_at', '>', new Date())
    .executeTakeFirst();
}

/** A session its person is using lasts on: its end moves to `until`, never earlier than it was. */
export async function extendStaffSession(db: Kysely<Database>, tokenHash: string, until: Date): Promise<void> {
  await db
    .updateTable('staff_sessions')
    .set({ expires_at: until })
    .where('token_hash', '=', tokenHash)
    .where('expires_at', '<', until)
    .execute();
}

/** A wrong password given for this staff member's account: on the account's audit trail, for supervisors to see. */
export async function staffSignInFailed(db: Kysely<Database>, staffId: string): Promise<void> {
  await recordAudit(db, {
    actorType: 'system',
    actorId: null,
    action: 'staff.sign_in_failed',
    subjectType: 'staff',
    subjectId: staffId,
  });
}
