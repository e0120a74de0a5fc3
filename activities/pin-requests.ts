// Postgres side of a PIN request: automatic validation against the registry of persons, the request's status,
// and the contact-center tasks it opens. Every activity is idempotent, keyed by ids the workflow made.
import { sql, type Transaction } from 'kysely';
import { compareWithRegistry } from '../domain/registry-comparison';
import type { Db } from '../infra/db';
import { audit, recordAudit } from '../infra/db/audit';
import { correctRegistry } from '../infra/db/registry';
import type {
  Database,
  PinRequestStatus,
  RejectionReason,
  ValidationFailure,
  VerificationOutcome,
} from '../infra/db/schema';

export type RegistryValidation = { outcome: 'passed' } | { outcome: 'failed'; failures: ValidationFailure[] };

/** A request and the registry's record of the person it names, if there is one. */
async function requestWithRegistryPerson(db: Db | Transaction<Database>, requestId: string) {
  const request = await db.selectFrom('pin_requests').selectAll().where('id', '=', requestId).executeTakeFirstOrThrow();
  const person = await db
    .selectFrom('persons')
    .selectAll()
    .where('fiscal_code', '=', request.fiscal_code)
    .executeTakeFirst();
  return { request, person };
}

/** An agent confirmed the declared residence on the phone: the registry takes it, so the letter goes there. */
async function correctRegistryAddress(trx: Transaction<Database>, requestId: string, staffId: string) {
  const { request, person } = await requestWithRegistryPerson(trx, requestId);
  if (!person) return;
  await correctRegistry(trx, {
    personId: person.id,
    corrections: {
      street: request.street,
      city: request.city,
      province: request.province,
      postal_code: request.postal_code,
    },
    staffId,
    context: { pinRequestId: requestId },
    requestId,
  });
}

export function createPinRequestActivities({ db }: { db: Db }) {
  return {
    /**
     * Checks the declared identity and residence against the registry INPS holds. The result names which checks
     * failed, never the data, so it can sit in the workflow history.
     */
    async validateAgainstRegistry({ requestId }: { requestId: string }): Promise<RegistryValidation> {
      const { request, person } = await requestWithRegistryPerson(db, requestId);
      const failures = compareWithRegistry(request, person);
      await db
        .updateTable('pin_requests')
        .set({ person_id: person?.id ?? null, validation_failures: JSON.stringify(failures), updated_at: new Date() })
        .where('id', '=', requestId)
        .execute();
      return failures.length ? { outcome: 'failed', failures } : { outcome: 'passed' };
    },

    async recordStatus({
      requestId,
      status,
      rejectionReason,
    }: {
      requestId: string;
      status: PinRequestStatus;
      rejectionReason?: RejectionReason;
    }): Promise<void> {
      await db
        .updateTable('pin_requests')
        .set({ status, rejection_reason: rejectionReason ?? null, updated_at: new Date() })
        .where('id', '=', requestId)
        .execute();
    },

    /** Puts an outbound verification call in the agents' queue. */
    async openVerificationTask(input: {
      requestId: string;
      taskId: string;
      attempt: number;
      failures: ValidationFailure[];
    }): Promise<void> {
      await db
        .insertInto('agent_tasks')
        .values({
          id: input.taskId,
          kind: 'outbound_verification',
          pin_request_id: input.requestId,
          attempt: input.attempt,
          status: 'open',
          validation_failures: JSON.stringify(input.failures),
        })
        .onConflict((oc) => oc.column('id').doNothing())
        .execute();
    },

    /** Closes the task with the agent's outcome and audits it, in one transaction. */
    async completeVerificationTask(input: {
      taskId: string;
      outcome: VerificationOutcome;
      staffId: string;
    }): Promise<void> {
      await db.transaction().execute(async (trx) => {
        const updated = await trx
          .updateTable('agent_tasks')
          .set({ status: 'completed', outcome: input.outcome, completed_at: new Date() })
          .where('id', '=', input.taskId)
          .where('status', '!=', 'completed')
          .returning(['pin_request_id', 'attempt'])
          .executeTakeFirst();
        if (!updated) return;
        if (input.outcome === 'verified' && updated.pin_request_id)
          await correctRegistryAddress(trx, updated.pin_request_id, input.staffId);
        await audit(trx, {
          staffId: input.staffId,
          action: 'verification_call.outcome_recorded',
          subjectType: 'agent_task',
          subjectId: input.taskId,
          requestId: updated.pin_request_id,
          details: { outcome: input.outcome, pinRequestId: updated.pin_request_id, attempt: updated.attempt },
        });
      });
    },

    /** A phone registration: the residence the agent confirmed with the caller goes into the registry. */
    async adoptDataConfirmedByPhone({ requestId }: { requestId: string }): Promise<void> {
      await db.transaction().execute(async (trx) => {
        const { registered_by } = await trx
          .selectFrom('pin_requests')
          .select('registered_by')
          .where('id', '=', requestId)
          .executeTakeFirstOrThrow();
        if (!registered_by) throw new Error(`request ${requestId} was not registered by phone`);
        await correctRegistryAddress(trx, requestId, registered_by);
      });
    },

    /** Withdraws a task nobody took in time. */
    async cancelVerificationTask({ taskId }: { taskId: string }): Promise<void> {
      await db.transaction().execute(async (trx) => {
        const cancelled = await trx
          .updateTable('agent_tasks')
          .set({ status: 'cancelled', completed_at: sql`now()` })
          .where('id', '=', taskId)
          .where('status', 'in', ['open', 'claimed'])
          .executeTakeFirst();
        if (cancelled.numUpdatedRows > 0n)
          await recordAudit(trx, {
            actorType: 'system',
            actorId: null,
            action: 'verification_call.deadline_passed',
            subjectType: 'agent_task',
            subjectId: taskId,
          });
      });
    },
  };
}

export type PinRequestActivities = ReturnType<typeof createPinRequestActivities>;
