// SPID and CIE sign-ins in flight (OpenID Connect): the state's hash, the nonce and PKCE verifier, bound to the browser
// that started it. Each is used once, within its time; the ones never finished go as they expire.
import type { Kysely } from 'kysely';
import type { Database } from '../infra/db/schema';

export async function beginOidcSignIn(
  db: Kysely<Database>,
  input: {
    stateHash: string;
    nonce: string;
    codeVerifier: string;
    method: 'spid' | 'cie';
    browserBindingHash: string;
    expiresAt: Date;
  },
): Promise<void> {
  await db.deleteFrom('oidc_sign_ins').where('expires_at', '<', new Date()).execute();
  await db
    .insertInto('oidc_sign_ins')
    .values({
      state_hash: input.stateHash,
      nonce: input.nonce,
      code_verifier: input.codeVerifier,
      method: input.method,
      browser_binding_hash: input.browserBindingHash,
      expires_at: input.expiresAt,
    })
    .execute();
}

/** Uses up the sign-in this state and browser started, if it is still unused and in time; otherwise undefined. */
export function useOidcSignIn(db: Kysely<Database>, input: { stateHash: string; browserBindingHash: string }) {
  return db
    .updateTable('oidc_sign_ins')
    .set({ used_at: new Date() })
    .where('state_hash', '=', input.stateHash)
    .where('browser_binding_hash', '=', input.browserBindingHash)
    .where('used_at', 'is', null)
    .where('expires_at', '>', new Date())
    .returning(['nonce', 'code_verifier', 'method'])
    .executeTakeFirst();
}
