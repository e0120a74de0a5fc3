// Conversions of a PIN ordinario into a PIN dispositivo (brief, "PIN dispositivo"): asked for online or done at the
// desk, documents returned by upload or fax, reviewed, decided, or lapsed. Every change here, once, with its audit
// row; the status moves only as domain/conversion.ts allows (CONVERSION_TRANSITIONS).
import { randomUUID } from 'node:crypto';
import type { Kysely, Transaction } from 'kysely';
import { newRequestCode } from '../domain/conversion-code';
import {
  CONVERSION_TRANSITIONS,
  LIVE_CONVERSION_STATUSES,
  type ConversionRejectionReason,
  type ReturnRoute,
} from '../domain/conversion';
import type { ReviewOutcome } from '../domain/agent-task';
import { statusesBefore } from '../domain/transitions';
import type { Database } from '../infra/db/schema';
import { audit, recordAudit } from './audit';
import { NotYet } from './not-yet';
import { makeDispositivo } from './credentials';

type Executor = Kysely<Database> | Transaction<Database>;

export function conversionByCode(db: Executor, requestCode: string) {
  return db
    .selectFrom('conversions')
    .select(['id', 'status'])
    .where('request_code', '=', requestCode)
    .executeTakeFirst();
}

/** The registry's record of the person a conversion is for: what the reviewer compares the documents with. */
export function registryRecordOfConversion(db: Executor, conversionId: string) {
  return db
    .selectFrom('conversions')
    .innerJoin('persons', 'persons.id', 'conversions.person_id')
    .selectAll('persons')
    .where('conversions.id', '=', conversionId)
    .executeTakeFirstOrThrow();
}

/** A person's conversions, as their page shows them. */
export function conversionsOfPerson(db: Executor, personId: string) {
  return db
    .selectFrom('conversions')
    .select([
      'id',
      'request_code',
      'status',
      'returned_by',
      'rejection_reason',
      'created_at',
      'updated_at',
      'decided_at',
    ])
    .where('person_id', '=', personId);
}

/** What the decision email needs and a workflow may hold: ids, codes and the status reached, no personal data. */
export function conversionSummary(db: Executor, conversionId: string) {
  return db
    .selectFrom('conversions')
    .select(['credential_id as credentialId', 'request_code as requestCode', 'status'])
    .where('id', '=', conversionId)
    .executeTakeFirstOrThrow();
}

/**
 * The citizen's conversion of the PIN they signed in with: the one under way, or a new one awaiting the signed form.
 * Refused (`already_dispositivo`) for a PIN that is dispositivo already.
 */
export async function requestConversion(
  db: Kysely<Database>,
  input: { credentialId: string; personId: string },
): Promise<{ outcome: 'already_dispositivo' } | { outcome: 'requested'; created: boolean; id: string }> {
  return db.transaction().execute(async (trx) => {
    const credential = await trx
      .selectFrom('credentials')
      .select(['kind', 'status'])
      .where('id', '=', input.credentialId)
      .forUpdate()
      .executeTakeFirstOrThrow();
    if (credential.kind === 'dispositivo') return { outcome: 'already_dispositivo' } as const;
    const open = await trx
      .selectFrom('conversions')
      .select('id')
      .where('credential_id', '=', input.credentialId)
      .where('status', 'in', LIVE_CONVERSION_STATUSES)
      .executeTakeFirst();
    if (open) return { outcome: 'requested', created: false, id: open.id } as const;
    const id = randomUUID();
    await trx
      .insertInto('conversions')
      .values({
        id,
        request_code: newRequestCode(),
        credential_id: input.credentialId,
        person_id: input.personId,
        channel: 'online',
        status: 'awaiting_documents',
      })
      .execute();
    await recordAudit(trx, {
      actorType: 'citizen',
      actorId: input.personId,
      action: 'conversion.requested',
      subjectType: 'conversion',
      subjectId: id,
    });
    return { outcome: 'requested', created: true, id } as const;
  });
}

/** A conversion done at the desk: decided on the spot by the operator, the PIN made dispositivo in the same step. */
export async function approveConversionAtOffice(
  trx: Transaction<Database>,
  input: { id: string; credentialId: string; personId: string; staffId: string; details: Record<string, unknown> },
): Promise<void> {
  await trx
    .insertInto('conversions')
    .values({
      id: input.id,
      request_code: newRequestCode(),
      credential_id: input.credentialId,
      person_id: input.personId,
      channel: 'office',
      status: 'approved',
      returned_by: 'office',
      decided_by: input.staffId,
      decided_at: new Date(),
    })
    .execute();
  await makeDispositivo(trx, input.credentialId);
  await audit(trx, {
    staffId: input.staffId,
    action: 'conversion.approved_at_office',
    subjectType: 'conversion',
    subjectId: input.id,
    details: { credentialId: input.credentialId, ...input.details },
  });
}

/**
 * When the conversion of the credential with this outcome (and the form's code and reason, where the news names them)
 * was asked for, if Postgres holds one: what its holder may be told, once from then, whoever asks.
 */
export async function conversionWithOutcome(
  db: Executor,
  input: {
    credentialId: string;
    status: 'approved' | 'rejected' | 'expired';
    requestCode?: string;
    reason?: ConversionRejectionReason;
  },
): Promise<Date | undefined> {
  let query = db
    .selectFrom('conversions')
    .select('created_at')
    .where('credential_id', '=', input.credentialId)
    .where('status', '=', input.status);
  if (input.requestCode !== undefined) query = query.where('request_code', '=', input.requestCode);
  if (input.reason !== undefined) query = query.where('rejection_reason', '=', input.reason);
  return (await query.executeTakeFirst())?.created_at;
}

/** The citizen's conversion, locked while documents are added to it; undefined if it is not theirs. */
export function lockConversionOf(trx: Transaction<Database>, input: { id: string; personId: string }) {
  return trx
    .selectFrom('conversions')
    .select(['status', 'returned_by'])
    .where('id', '=', input.id)
    .where('person_id', '=', input.personId)
    .forUpdate()
    .executeTakeFirst();
}

/** The conversion awaiting documents that has one of these codes, locked: what a faxed form is matched on. */
export function lockConversionAwaitingCode(trx: Transaction<Database>, codes: string[]) {
  return trx
    .selectFrom('conversions')
    .select('id')
    .where('request_code', 'in', codes)
    .where('status', '=', 'awaiting_documents')
    .forUpdate()
    .executeTakeFirst();
}

/** The signed form and identity document came back (uploaded by the citizen, or by fax). */
export async function markDocumentsReturned(
  trx: Transaction<Database>,
  input: { id: string; by: Exclude<ReturnRoute, 'office'>; citizenId?: string },
): Promise<void> {
  await trx
    .updateTable('conversions')
    .set({ returned_by: input.by, updated_at: new Date() })
    .where('id', '=', input.id)
    .execute();
  if (input.citizenId)
    await recordAudit(trx, {
      actorType: 'citizen',
      actorId: input.citizenId,
      action: 'conversion.documents_uploaded',
      subjectType: 'conversion',
      subjectId: input.id,
    });
}

/** Whether the signed form and identity document came back, as recorded: what the workflow, told so, acts on. */
export async function documentsReturnedFor(db: Executor, conversionId: string): Promise<boolean> {
  const row = await db
    .selectFrom('conversions')
    .select('returned_by')
    .where('id', '=', conversionId)
    .executeTakeFirstOrThrow();
  return row.returned_by !== null;
}

/** A review asked for a conversion whose documents Postgres does not hold: nothing is put in the queue. */
export class NothingToReview extends Error {
  constructor(conversionId: string) {
    super(`conversion ${conversionId}: no documents returned to review`);
    this.name = 'NothingToReview';
  }
}

/**
 * The returned documents are with a reviewer: only documents Postgres holds returned (by upload, fax or at the
 * office), whoever asks. Refuses with NothingToReview.
 */
export async function putInReview(trx: Transaction<Database>, conversionId: string): Promise<void> {
  const conversion = await trx
    .selectFrom('conversions')
    .select('returned_by')
    .where('id', '=', conversionId)
    .forUpdate()
    .executeTakeFirstOrThrow();
  if (conversion.returned_by === null) throw new NothingToReview(conversionId);
  await trx
    .updateTable('conversions')
    .set({ status: 'in_review', updated_at: new Date() })
    .where('id', '=', conversionId)
    .where('status', 'in', statusesBefore(CONVERSION_TRANSITIONS, 'in_review'))
    .execute();
}

/**
 * The signed form not back in time: the request lapses, once `at` (the step's time) is `returnDeadlineMs` after it
 * was made, whoever asks; audited as the system's. Refused with NotYet before then; a conversion already past waiting
 * for its documents is left as it is.
 */
export async function expireConversion(
  db: Kysely<Database>,
  input: { conversionId: string; at: number; returnDeadlineMs: number },
): Promise<void> {
  await db.transaction().execute(async (trx) => {
    const conversion = await trx
      .selectFrom('conversions')
      .select(['status', 'created_at'])
      .where('id', '=', input.conversionId)
      .forUpdate()
      .executeTakeFirstOrThrow();
    if (!statusesBefore(CONVERSION_TRANSITIONS, 'expired').includes(conversion.status)) return;
    const due = conversion.created_at.getTime() + input.returnDeadlineMs;
    if (input.at < due)
      throw new NotYet(`conversion ${input.conversionId}: its form is not due back yet`, due - input.at);
    await trx
      .updateTable('conversions')
      .set({ status: 'expired', updated_at: new Date() })
      .where('id', '=', input.conversionId)
      .execute();
    await recordAudit(trx, {
      actorType: 'system',
      actorId: null,
      action: 'conversion.lapsed',
      subjectType: 'conversion',
      subjectId: input.conversionId,
    });
  });
}

/** The reviewer's decision; approved, the PIN becomes dispositivo in the same transaction. Audited as theirs. */
export async function decideConversion(
  trx: Transaction<Database>,
  input: {
    conversionId: string;
    taskId: string;
    outcome: ReviewOutcome;
    reason: ConversionRejectionReason | null;
    staffId: string;
  },
): Promise<void> {
  const { outcome, reason } = input;
  const conversion = await trx
    .updateTable('conversions')
    .set({
      status: outcome,
      rejection_reason: reason,
      decided_by: input.staffId,
      decided_at: new Date(),
      updated_at: new Date(),
    })
    .where('id', '=', input.conversionId)
    .where('status', 'in', statusesBefore(CONVERSION_TRANSITIONS, outcome))
    .returning(['credential_id'])
    .executeTakeFirstOrThrow();
  if (outcome === 'approved') await makeDispositivo(trx, conversion.credential_id);
  await audit(trx, {
    staffId: input.staffId,
    action: `conversion.${outcome}`,
    subjectType: 'conversion',
    subjectId: input.conversionId,
    requestId: input.conversionId,
    details: { taskId: input.taskId, reason, credentialId: conversion.credential_id },
  });
}

/** Online conversions still under way: their processes are resumed at start-up. */
export function liveOnlineConversions(db: Executor) {
  return db
    .selectFrom('conversions')
    .select(['id', 'status', 'returned_by'])
    .where('channel', '=', 'online')
    .where('status', 'in', LIVE_CONVERSION_STATUSES)
    .execute();
}
