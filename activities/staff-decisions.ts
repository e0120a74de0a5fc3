// Acting on a person's decision from inside an activity: read back from Postgres by its id, acted on once, in one
// transaction with what it changes. A decision Postgres does not hold for this task, or one already used, fails the
// step for good (the update that carried it is refused) and changes nothing.
import { ApplicationFailure } from '@temporalio/common';
import type { Transaction } from 'kysely';
import type { Db } from '../infra/db';
import type { Database } from '../infra/db/schema';
import type { StaffDecisionContent, StaffDecisionKind } from '../domain/agent-task';
import { DecisionNotValid, takeStaffDecision } from '../repositories/staff-decisions';

export async function actOnStaffDecision<K extends StaffDecisionKind>(
  db: Db,
  input: { decisionId: string; taskId: string; kind: K },
  act: (
    trx: Transaction<Database>,
    decision: { content: Extract<StaffDecisionContent, { kind: K }>; staffId: string },
  ) => Promise<void>,
): Promise<Extract<StaffDecisionContent, { kind: K }>> {
  try {
    return await db.transaction().execute(async (trx) => {
      const { content, staffId, firstUse } = await takeStaffDecision(trx, input);
      // A retry of a step that already acted finds the decision used for this very task: nothing to do again.
      if (firstUse) await act(trx, { content, staffId });
      return content;
    });
  } catch (err) {
    if (err instanceof DecisionNotValid) throw ApplicationFailure.nonRetryable(err.message, 'DecisionNotValid');
    throw err;
  }
}
