// A SPID / CIE sign-in is bound to the browser that started it: the hash of a secret kept in that browser's cookie.
// A callback from any other browser (an attacker's unfinished sign-in pasted into a victim's) is refused.
import { Kysely } from 'kysely';

export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema.alterTable('oidc_sign_ins').addColumn('browser_binding_hash', 'text').execute();
  await db.schema.createIndex('oidc_sign_ins_expires_idx').on('oidc_sign_ins').column('expires_at').execute();
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await db.schema.dropIndex('oidc_sign_ins_expires_idx').execute();
  await db.schema.alterTable('oidc_sign_ins').dropColumn('browser_binding_hash').execute();
}
