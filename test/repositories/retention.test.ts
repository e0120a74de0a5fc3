// Retention at its boundaries, against the real Postgres as the product's role: a rejected request's name, address
// and contacts are erased the moment it has been ended for REJECTED_REQUEST_RETENTION_DAYS, not a minute before, and
// never a delivered one's; a fax's content is destroyed DOCUMENT_RETENTION_DAYS after it arrived, and can no longer be
// opened; each run writes one audit row with its counts, and a second run finds nothing more.
import { randomBytes, randomUUID } from 'node:crypto';
import { sql } from 'kysely';
import { parsePinRequestInput } from '../../domain/pin-request-input';
import type { Db } from '../../infra/db';
import { createVault } from '../../infra/vault';
import { openDocument } from '../../repositories/documents';
import { receiveFax } from '../../repositories/inbound-faxes';
import { findOrInsertPinRequest, recordPinRequestStatus, recordValidation } from '../../repositories/pin-requests';
import { purgePersonalData } from '../../repositories/retention';
import { requestFor } from '../support/demo';
import { useProductDatabase } from '../support/database';

const database = useProductDatabase();
let db: Db;
beforeEach(() => {
  db = database();
});

const DAY = 86_400_000;
const policy = { rejectedRequestDays: 30, documentDays: 90 };
const vault = createVault(randomBytes(32));

/** A request of this demo person, ended (`status`) this long before `now`. */
async function endedRequest(lastName: string, status: 'rejected' | 'delivered', endedMsAgo: number, now: Date) {
  const parsed = parsePinRequestInput(requestFor(lastName));
  if (!parsed.ok) throw new Error('demo request does not parse');
  const { row } = await findOrInsertPinRequest(db, parsed.value, { channel: 'online' });
  await recordPinRequestStatus(db, { requestId: row.id, status: 'validating' });
  if (status === 'delivered') await recordValidation(db, { requestId: row.id, personId: null, failures: [] });
  await recordPinRequestStatus(
    db,
    status === 'rejected'
      ? { requestId: row.id, status, rejectionReason: 'registry_mismatch' }
      : { requestId: row.id, status: 'delivering' },
  );
  if (status === 'delivered') await recordPinRequestStatus(db, { requestId: row.id, status });
  await sql`update pin_requests set updated_at = ${new Date(now.getTime() - endedMsAgo)} where id = ${row.id}`.execute(
    db,
  );
  return row.id;
}

const requestRow = (id: string) =>
  db
    .selectFrom('pin_requests')
    .select([
      'first_name',
      'last_name',
      'street',
      'phone',
      'email',
      'status',
      'rejection_reason',
      'personal_data_erased_at',
    ])
    .where('id', '=', id)
    .executeTakeFirstOrThrow();

it('erases a rejected request’s personal data at the boundary, keeps what the audit needs, and runs idempotently', async () => {
  const now = new Date();
  const due = await endedRequest('Rossi', 'rejected', 30 * DAY + 60_000, now);
  const notYet = await endedRequest('Bianchi', 'rejected', 30 * DAY - 60_000, now);
  const delivered = await endedRequest('Esposito', 'delivered', 300 * DAY, now);

  expect(await purgePersonalData(db, { now, policy })).toEqual({ rejectedRequestsErased: 1, documentsDestroyed: 0 });
  expect(await requestRow(due)).toMatchObject({
    first_name: '',
    last_name: '',
    street: '',
    phone: '',
    email: '',
    status: 'rejected',
    rejection_reason: 'registry_mismatch',
    personal_data_erased_at: now,
  });
  expect(await requestRow(notYet)).toMatchObject({ first_name: 'Giulia', personal_data_erased_at: null });
  expect(await requestRow(delivered)).toMatchObject({ first_name: 'Francesca', personal_data_erased_at: null });

  // A minute later the second one is due; the first is not counted again.
  expect(await purgePersonalData(db, { now: new Date(now.getTime() + 2 * 60_000), policy })).toEqual({
    rejectedRequestsErased: 1,
    documentsDestroyed: 0,
  });
  const runs = await db
    .selectFrom('audit_log')
    .select(['actor_type', 'details'])
    .where('action', '=', 'personal_data.purged')
    .execute();
  expect(runs).toHaveLength(2);
  expect(runs[0]).toMatchObject({
    actor_type: 'system',
    details: { rejectedRequestsErased: 1, rejectedRequestDays: 30 },
  });
});

it('destroys a fax’s content DOCUMENT_RETENTION_DAYS after it arrived, and it can no longer be opened', async () => {
  const now = new Date();
  const fax = async (daysAgo: number) => {
    const { faxId } = await receiveFax(db, vault, {
      provider: 'phaxio',
      providerFaxId: randomUUID(),
      fromNumber: '+390612345678',
      pageCount: 1,
      pdf: Buffer.from('%PDF-1.7 a signed form'),
    });
    await sql`update inbound_faxes set received_at = ${new Date(now.getTime() - daysAgo * DAY)} where id = ${faxId}`.execute(
      db,
    );
    return faxId;
  };
  const old = await fax(90.01);
  const recent = await fax(89.99);
  expect(await purgePersonalData(db, { now, policy })).toEqual({ rejectedRequestsErased: 0, documentsDestroyed: 1 });
  expect(await openDocument(db, vault, { inboundFaxId: old })).toBeUndefined();
  expect((await openDocument(db, vault, { inboundFaxId: recent }))?.content.toString()).toBe('%PDF-1.7 a signed form');
  const destroyed = await db
    .selectFrom('documents')
    .select(['sealed_content', 'destroyed_at'])
    .where('inbound_fax_id', '=', old)
    .executeTakeFirstOrThrow();
  expect(destroyed).toEqual({ sealed_content: Buffer.alloc(0), destroyed_at: now });
});
