// Removing personal data past its keeping (domain/retention.ts): rejected requests' names, addresses and contacts
// erased, decided conversions' documents and old faxes destroyed, in one transaction with one audit row of counts.
// Idempotent: what was erased or destroyed is marked, and never counted again.
import type { Kysely } from 'kysely';
import { ERASED, keptSince, type RetentionCounts, type RetentionPolicy } from '../domain/retention';
import type { Database } from '../infra/db/schema';
import { recordAudit } from './audit';
import { destroyedContent } from './documents';

export async function purgePersonalData(
  db: Kysely<Database>,
  input: { now: Date; policy: RetentionPolicy },
): Promise<RetentionCounts> {
  const { now, policy } = input;
  return db.transaction().execute(async (trx) => {
    const requestsEndedBefore = keptSince(now, policy.rejectedRequestDays);
    const erased = await trx
      .updateTable('pin_requests')
      .set({
        first_name: ERASED,
        last_name: ERASED,
        street: ERASED,
        city: ERASED,
        province: ERASED,
        postal_code: ERASED,
        phone: ERASED,
        email: ERASED,
        personal_data_erased_at: now,
      })
      .where('status', '=', 'rejected')
      .where('personal_data_erased_at', 'is', null)
      .where('updated_at', '<', requestsEndedBefore)
      .executeTakeFirst();

    const decidedBefore = keptSince(now, policy.documentDays);
    const destroyed = await trx
      .updateTable('documents')
      .set(destroyedContent(now))
      .where('destroyed_at', 'is', null)
      .where((eb) =>
        eb.or([
          eb(
            'conversion_id',
            'in',
            eb
              .selectFrom('conversions')
              .select('id')
              .where('status', 'in', ['approved', 'rejected', 'expired'])
              .where('updated_at', '<', decidedBefore),
          ),
          eb.and([
            eb('conversion_id', 'is', null),
            eb(
              'inbound_fax_id',
              'in',
              eb.selectFrom('inbound_faxes').select('id').where('received_at', '<', decidedBefore),
            ),
          ]),
        ]),
      )
      .executeTakeFirst();

    const counts: RetentionCounts = {
      rejectedRequestsErased: Number(erased.numUpdatedRows),
      documentsDestroyed: Number(destroyed.numUpdatedRows),
    };
    await recordAudit(trx, {
      actorType: 'system',
      actorId: null,
      action: 'personal_data.purged',
      subjectType: 'retention_run',
      subjectId: now.toISOString(),
      details: { ...counts, ...policy },
    });
    return counts;
  });
}
