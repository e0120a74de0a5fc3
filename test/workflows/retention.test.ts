// Retention as its Schedule runs it, on the time-skipping server with the real activity and Postgres: each rule at
// its boundary, a minute before and a minute after (a rejected request's contacts after REJECTED_REQUEST_RETENTION_DAYS;
// a decided conversion's documents and a stray fax after DOCUMENT_RETENTION_DAYS), a conversion still under way keeps
// its documents whatever their age, and every run writes its audit row of counts.
import { randomBytes, randomUUID } from 'node:crypto';
import { Client } from '@temporalio/client';
import type { TestWorkflowEnvironment } from '@temporalio/testing';
import { sql } from 'kysely';
import { createRetentionActivities } from '../../activities/retention';
import { parsePinRequestInput } from '../../domain/pin-request-input';
import type { Db } from '../../infra/db';
import { createVault } from '../../infra/vault';
import { openDocument, storeDocument } from '../../repositories/documents';
import { receiveFax } from '../../repositories/inbound-faxes';
import { findOrInsertPinRequest, recordPinRequestStatus } from '../../repositories/pin-requests';
import { retentionWorkflow } from '../../workflows/retention';
import { demoCredential, useProductDatabase } from '../support/database';
import { requestFor } from '../support/demo';
import { createTimeSkippingEnv } from '../support/time-skipping';
import { withWorkflowWorker } from '../support/workflow-worker';

const database = useProductDatabase();
let db: Db;
let env: TestWorkflowEnvironment;
beforeAll(async () => {
  env = await createTimeSkippingEnv();
});
afterAll(() => env?.teardown());
beforeEach(() => {
  db = database();
});

/**
 * A client that leaves the server's clock alone: the environment's own one lets time run free while it waits for a
 * result, and once the run is done the test server races to its next timer, years away.
 */
const clientOf = (env: TestWorkflowEnvironment) => new Client({ connection: env.connection, namespace: env.namespace });

const policy = { rejectedRequestDays: 30, documentDays: 90 };
const vault = createVault(randomBytes(32));
const FORM = Buffer.from('%PDF-1.7 a signed form');

/** The server's clock as a Postgres timestamp: rows are dated on the same clock the workflow reads. */
const serverNow = async () => new Date(await env.currentTimeMs());

async function rejectedRequest(at: Date) {
  const parsed = parsePinRequestInput(requestFor('Rossi'));
  if (!parsed.ok) throw new Error('demo request does not parse');
  const { row } = await findOrInsertPinRequest(db, parsed.value, { channel: 'online' });
  await recordPinRequestStatus(db, { requestId: row.id, status: 'validating' });
  await recordPinRequestStatus(db, { requestId: row.id, status: 'rejected', rejectionReason: 'registry_mismatch' });
  await sql`update pin_requests set updated_at = ${at} where id = ${row.id}`.execute(db);
  return row.id;
}

/** A conversion of a demo person's PIN, in `status` since `at`, with the signed form the citizen uploaded. */
async function conversionWithForm(status: 'approved' | 'in_review', at: Date) {
  const person = await db.selectFrom('persons').select('id').orderBy('fiscal_code').offset(1).executeTakeFirstOrThrow();
  const credentialId = await demoCredential(db, person.id);
  const conversionId = randomUUID();
  await db
    .insertInto('conversions')
    .values({
      id: conversionId,
      request_code: `CNV-${randomBytes(2).toString('hex').toUpperCase()}-TEST`,
      credential_id: credentialId,
      person_id: person.id,
      channel: 'online',
      status,
      updated_at: at,
    })
    .execute();
  const documentId = randomUUID();
  await db.transaction().execute((trx) =>
    storeDocument(trx, vault, {
      id: documentId,
      role: 'signed_form',
      contentType: 'application/pdf',
      content: FORM,
      conversionId,
    }),
  );
  return documentId;
}

async function strayFax(at: Date) {
  const { faxId } = await receiveFax(db, vault, {
    provider: 'phaxio',
    providerFaxId: randomUUID(),
    fromNumber: '+390612345678',
    pageCount: 1,
    pdf: FORM,
  });
  await sql`update inbound_faxes set received_at = ${at} where id = ${faxId}`.execute(db);
  return faxId;
}

const contactsOf = (requestId: string) =>
  db
    .selectFrom('pin_requests')
    .select(['last_name', 'phone', 'status', 'rejection_reason'])
    .where('id', '=', requestId)
    .executeTakeFirstOrThrow();
const readable = async (documentId: string) => (await openDocument(db, vault, { id: documentId })) !== undefined;

it('erases and destroys each kind of personal data a minute after its keeping ends, never a minute before', async () => {
  const onTheServersClock = clientOf(env);
  const activities = createRetentionActivities({ db, retention: policy });
  const ended = await serverNow();
  const request = await rejectedRequest(ended);
  const decidedForm = await conversionWithForm('approved', ended);
  const formUnderReview = await conversionWithForm('in_review', ended);
  const fax = await strayFax(ended);

  const runs = await withWorkflowWorker(env, activities, async (taskQueue) => {
    const run = () =>
      onTheServersClock.workflow.execute(retentionWorkflow, { taskQueue, workflowId: `retention-${randomUUID()}` });
    const sleepUntil = async (daysAfterEnd: number) =>
      env.sleep(ended.getTime() + daysAfterEnd * 86_400_000 - (await env.currentTimeMs()));
    const minute = 1 / 1440;

    await sleepUntil(30 - minute);
    const beforeRequestDue = await run();
    const stillThere = await contactsOf(request);
    await sleepUntil(30 + minute);
    const requestDue = await run();
    await sleepUntil(90 - minute);
    const beforeDocumentsDue = await run();
    const formStillReadable = await readable(decidedForm);
    await sleepUntil(90 + minute);
    const documentsDue = await run();
    const again = await run();
    return { beforeRequestDue, stillThere, requestDue, beforeDocumentsDue, formStillReadable, documentsDue, again };
  });

  expect(runs.beforeRequestDue).toEqual({ rejectedRequestsErased: 0, documentsDestroyed: 0 });
  expect(runs.stillThere).toMatchObject({ last_name: 'Rossi' });
  expect(runs.requestDue).toEqual({ rejectedRequestsErased: 1, documentsDestroyed: 0 });
  expect(await contactsOf(request)).toEqual({
    last_name: '',
    phone: '',
    status: 'rejected',
    rejection_reason: 'registry_mismatch',
  });

  expect(runs.beforeDocumentsDue).toEqual({ rejectedRequestsErased: 0, documentsDestroyed: 0 });
  expect(runs.formStillReadable).toBe(true);
  // The decided conversion's form and the stray fax; the form of the conversion still in review stays.
  expect(runs.documentsDue).toEqual({ rejectedRequestsErased: 0, documentsDestroyed: 2 });
  expect(await readable(decidedForm)).toBe(false);
  expect(await openDocument(db, vault, { inboundFaxId: fax })).toBeUndefined();
  expect(await readable(formUnderReview)).toBe(true);
  expect(runs.again).toEqual({ rejectedRequestsErased: 0, documentsDestroyed: 0 });

  const audited = await db
    .selectFrom('audit_log')
    .select(['actor_type', 'details'])
    .where('action', '=', 'personal_data.purged')
    .orderBy('subject_id')
    .execute();
  expect(audited.map((row) => row.details)).toEqual([
    expect.objectContaining({ rejectedRequestsErased: 0, documentsDestroyed: 0 }),
    expect.objectContaining({ rejectedRequestsErased: 1, documentsDestroyed: 0, rejectedRequestDays: 30 }),
    expect.objectContaining({ rejectedRequestsErased: 0, documentsDestroyed: 0 }),
    expect.objectContaining({ rejectedRequestsErased: 0, documentsDestroyed: 2, documentDays: 90 }),
    expect.objectContaining({ rejectedRequestsErased: 0, documentsDestroyed: 0 }),
  ]);
  expect(audited.every((row) => row.actor_type === 'system')).toBe(true);
});
