// Postgres side of a phone PIN's life: it stops working when its time is up, unless revoked before; and whether it
// was, since a signal saying so is only a wake-up.
import type { Db } from '../infra/db';
import { endPhonePin, phonePinStatus } from '../repositories/phone-pins';
import { stepTime } from './step-clock';

export function createPhonePinActivities({ db }: { db: Db }) {
  return {
    /**
     * Ends an active phone PIN at the end of its validity, as Postgres holds it, by the step's time (step-clock.ts): a
     * run started by anyone else with an earlier end ends nothing. One revoked meanwhile is left as it is.
     */
    async expirePhonePin({ phonePinId }: { phonePinId: string }): Promise<'expired' | 'not_ended'> {
      const ended = await endPhonePin(db, { id: phonePinId, as: 'expired', at: new Date(stepTime()) });
      return ended ? 'expired' : 'not_ended';
    },

    /** Whether Postgres holds the phone PIN revoked: what its workflow, told of a revocation, acts on. */
    async phonePinRevoked({ phonePinId }: { phonePinId: string }): Promise<boolean> {
      return (await phonePinStatus(db, phonePinId)) === 'revoked';
    },
  };
}

export type PhonePinActivities = ReturnType<typeof createPhonePinActivities>;
