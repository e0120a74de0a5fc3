// Click-to-call on a verification task: each call the agent places, and what Twilio reports of its two legs. The
// placing is audited as the agent's act; a call that has ended stays ended (domain/calls.ts decides each move).
import type { Kysely } from 'kysely';
import { callHasEnded, type CallStatus } from '../domain/calls';
import type { Database } from '../infra/db/schema';
import { audit } from './audit';

export async function placeCall(
  db: Kysely<Database>,
  input: { callId: string; taskId: string; staffId: string; requestId: string | null },
): Promise<void> {
  await db.transaction().execute(async (trx) => {
    await trx
      .insertInto('task_calls')
      .values({ id: input.callId, task_id: input.taskId, staff_id: input.staffId, status: 'agent_ringing' })
      .execute();
    await audit(trx, {
      staffId: input.staffId,
      action: 'verification_call.placed',
      subjectType: 'agent_task',
      subjectId: input.taskId,
      requestId: input.requestId,
      details: { callId: input.callId },
    });
  });
}

/** The provider took the call: its id, to match the callbacks with. */
export async function callPlaced(db: Kysely<Database>, input: { callId: string; agentCallSid: string }) {
  await db
    .updateTable('task_calls')
    .set({ agent_call_sid: input.agentCallSid })
    .where('id', '=', input.callId)
    .execute();
}

/** The provider refused to place it. */
export async function callNotPlaced(db: Kysely<Database>, callId: string) {
  await db
    .updateTable('task_calls')
    .set({ status: 'failed', ended_at: new Date(), updated_at: new Date() })
    .where('id', '=', callId)
    .execute();
}

export function findCall(db: Kysely<Database>, callId: string) {
  return db.selectFrom('task_calls').selectAll().where('id', '=', callId).executeTakeFirst();
}

/** The phone the citizen gave on the request the call's task verifies. */
export async function citizenPhoneForCall(db: Kysely<Database>, taskId: string): Promise<string | null> {
  const { phone } = await db
    .selectFrom('agent_tasks')
    .innerJoin('pin_requests', 'pin_requests.id', 'agent_tasks.pin_request_id')
    .select('pin_requests.phone')
    .where('agent_tasks.id', '=', taskId)
    .executeTakeFirstOrThrow();
  return phone;
}

/** What a status callback reported, `before` → `after`, with when it was answered or ended and how long it took. */
export async function recordCallStatus(
  db: Kysely<Database>,
  input: { callId: string; before: CallStatus; after: CallStatus; citizenCallSid?: string; durationSeconds?: number },
): Promise<void> {
  const { before, after } = input;
  const now = new Date();
  await db
    .updateTable('task_calls')
    .set({
      status: after,
      updated_at: now,
      ...(after === 'citizen_ringing' && input.citizenCallSid ? { citizen_call_sid: input.citizenCallSid } : {}),
      ...(after === 'answered' && before !== 'answered' ? { answered_at: now } : {}),
      ...(after !== before && callHasEnded(after)
        ? { ended_at: now, duration_seconds: input.durationSeconds ?? null }
        : {}),
    })
    .where('id', '=', input.callId)
    .execute();
}
