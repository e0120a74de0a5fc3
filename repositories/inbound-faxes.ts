// Faxes received for conversions (brief, "PIN dispositivo": the signed form may come back by fax): stored once per
// provider fax, with the PDF sealed as a document; attached to their conversion by the QR code on the form, or by an
// agent who reads the code.
import { randomUUID } from 'node:crypto';
import type { Kysely, Transaction } from 'kysely';
import type { FaxDiscardReason } from '../domain/agent-task';
import type { Database } from '../infra/db/schema';
import type { Vault } from '../infra/vault';
import { audit, recordAudit } from './audit';
import { markDocumentsReturned } from './conversions';
import { destroyedContent, storeDocument } from './documents';

/**
 * Keeps a received fax and its PDF; the provider's retry of the same fax finds it kept. Returns the fax's id and
 * whether this was the first delivery of it.
 */
export async function receiveFax(
  db: Kysely<Database>,
  vault: Vault,
  input: { provider: string; providerFaxId: string; fromNumber: string | null; pageCount: number; pdf: Buffer },
): Promise<{ faxId: string; duplicate: boolean }> {
  const stored = await db.transaction().execute(async (trx) => {
    const faxId = randomUUID();
    const inserted = await trx
      .insertInto('inbound_faxes')
      .values({
        id: faxId,
        provider: input.provider,
        provider_fax_id: input.providerFaxId,
        from_number: input.fromNumber,
        page_count: input.pageCount,
      })
      .onConflict((oc) => oc.columns(['provider', 'provider_fax_id']).doNothing())
      .returning('id')
      .executeTakeFirst();
    if (!inserted) return undefined;
    await storeDocument(trx, vault, {
      id: randomUUID(),
      role: 'fax',
      contentType: 'application/pdf',
      content: input.pdf,
      inboundFaxId: faxId,
    });
    return faxId;
  });
  if (stored) return { faxId: stored, duplicate: false };
  const existing = await db
    .selectFrom('inbound_faxes')
    .select('id')
    .where('provider', '=', input.provider)
    .where('provider_fax_id', '=', input.providerFaxId)
    .executeTakeFirstOrThrow();
  return { faxId: existing.id, duplicate: true };
}

/** The conversion a fax was attached to, if it was. */
export async function conversionOfFax(db: Kysely<Database>, faxId: string): Promise<string | null> {
  const fax = await db
    .selectFrom('inbound_faxes')
    .select('conversion_id')
    .where('id', '=', faxId)
    .executeTakeFirstOrThrow();
  return fax.conversion_id;
}

/**
 * Moves the fax and its document onto the conversion, which now has its documents back, by fax; audited as the
 * system's act (read by its code) or as the agent's who attached it by hand.
 */
export async function attachFaxToConversion(
  trx: Transaction<Database>,
  input: { faxId: string; conversionId: string } & ({ by: 'code' } | { by: 'agent'; staffId: string; taskId: string }),
): Promise<void> {
  await trx
    .updateTable('inbound_faxes')
    .set({ conversion_id: input.conversionId, attached_by: input.by })
    .where('id', '=', input.faxId)
    .execute();
  await trx
    .updateTable('documents')
    .set({ conversion_id: input.conversionId })
    .where('inbound_fax_id', '=', input.faxId)
    .execute();
  await markDocumentsReturned(trx, { id: input.conversionId, by: 'fax' });
  if (input.by === 'code')
    await recordAudit(trx, {
      actorType: 'system',
      actorId: null,
      action: 'fax.attached_by_code',
      subjectType: 'inbound_fax',
      subjectId: input.faxId,
      details: { conversionId: input.conversionId },
    });
  else
    await audit(trx, {
      staffId: input.staffId,
      action: 'fax.attached_by_agent',
      subjectType: 'inbound_fax',
      subjectId: input.faxId,
      requestId: input.conversionId,
      details: { conversionId: input.conversionId, taskId: input.taskId },
    });
}

/**
 * A fax the agent could not attach, discarded with the reason they gave: its content destroyed at once (nothing of it
 * serves anyone), the fact and the reason audited as theirs.
 */
export async function discardFax(
  trx: Transaction<Database>,
  input: { faxId: string; staffId: string; taskId: string; reason: FaxDiscardReason },
): Promise<void> {
  await trx
    .updateTable('documents')
    .set(destroyedContent(new Date()))
    .where('inbound_fax_id', '=', input.faxId)
    .where('destroyed_at', 'is', null)
    .execute();
  await audit(trx, {
    staffId: input.staffId,
    action: 'fax.discarded',
    subjectType: 'inbound_fax',
    subjectId: input.faxId,
    requestId: input.faxId,
    details: { taskId: input.taskId, reason: input.reason },
  });
}

/** Faxes neither attached nor given to an agent: their processes never ran, and are started at start-up. */
export function faxesNeverRead(db: Kysely<Database>) {
  return db
    .selectFrom('inbound_faxes')
    .leftJoin('agent_tasks', 'agent_tasks.inbound_fax_id', 'inbound_faxes.id')
    .select(['inbound_faxes.id', 'inbound_faxes.provider_fax_id'])
    .where('inbound_faxes.conversion_id', 'is', null)
    .where('agent_tasks.id', 'is', null)
    .execute();
}
