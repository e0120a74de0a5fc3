// Postgres side of a phone PIN's life: it stops working when its time is up, unless revoked before.
import type { Db } from '../infra/db';
import { recordAudit } from '../repositories/audit';

export function createPhonePinActivities({ db }: { db: Db }) {
  return {
    /** Ends an active phone PIN at the end of its validity; one revoked meanwhile is left as it is. */
    async expirePhonePin({ phonePinId }: { phonePinId: string }): Promise<'expired' | 'already_ended'> {
      return db.transaction().execute(async (trx) => {
        const ended = await trx
          .updateTable('phone_pins')
          .set({ status: 'expired', ended_at: new Date() })
          .where('id', '=', phonePinId)
          .where('status', '=', 'active')
          .returning('person_id')
          .executeTakeFirst();
        if (!ended) return 'already_ended';
        await recordAudit(trx, {
          actorType: 'system',
          actorId: null,
          action: 'phone_pin.expired',
          subjectType: 'phone_pin',
          subjectId: phonePinId,
        });
        return 'expired';
      });
    },
  };
}

export type PhonePinActivities = ReturnType<typeof createPhonePinActivities>;
