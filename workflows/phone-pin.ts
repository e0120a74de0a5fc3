// A temporary phone PIN's life (brief, "PIN telefonico"): it works until its validity runs out, and a Temporal timer
// ends it then, to the minute; the citizen may revoke it before (as Postgres records it), and the workflow ends with it.
import {
  condition,
  continueAsNew,
  defineSignal,
  patched,
  proxyActivities,
  setHandler,
  upsertSearchAttributes,
} from '@temporalio/workflow';
import type { PhonePinActivities } from '../activities/phone-pins';
import { SEARCH_ATTRIBUTES } from './search-attributes';
import { DATABASE_STEP } from './step-options';

export interface PhonePinInput {
  phonePinId: string;
  /** ISO instant the PIN stops working. */
  expiresAt: string;
}

/** Sent when the citizen revokes the phone PIN (already marked revoked in Postgres). */
export const phonePinRevokedSignal = defineSignal('phonePinRevoked');

const database = proxyActivities<PhonePinActivities>(DATABASE_STEP);

/**
 * Versioning marker (patched): runs from before it took a revocation signal as proof. Since, Postgres is asked first,
 * and a phone PIN it does not hold revoked goes on in a new run, to the end of its validity.
 */
const REVOCATION_READ_FROM_POSTGRES = 'revocation-read-from-postgres';

export async function phonePinWorkflow({ phonePinId, expiresAt }: PhonePinInput): Promise<'expired' | 'revoked'> {
  let revoked = false;
  setHandler(phonePinRevokedSignal, () => {
    revoked = true;
  });
  const state = (value: 'active' | 'expired' | 'revoked') =>
    upsertSearchAttributes([{ key: SEARCH_ATTRIBUTES.phonePinState, value }]);
  state('active');
  const remaining = Math.max(0, Date.parse(expiresAt) - Date.now());
  if (await condition(() => revoked, remaining)) {
    // A signal is a wake-up, never proof: told of a revocation Postgres does not hold (forged, or stray), it goes on.
    if (patched(REVOCATION_READ_FROM_POSTGRES) && !(await database.phonePinRevoked({ phonePinId })))
      return continueAsNew<typeof phonePinWorkflow>({ phonePinId, expiresAt });
    state('revoked');
    return 'revoked';
  }
  await database.expirePhonePin({ phonePinId });
  state('expired');
  return 'expired';
}
