// What supervisors read of the contact center's work: the queues by kind, each agent's day, the callbacks waiting
// out their delay, and the requests of one person. Read-only.
import { sql } from 'kysely';
import { LIVE_AGENT_TASK_STATUSES } from '../domain/agent-task';
import type { Db } from '../infra/db';
import { liveTasks } from './agent-tasks';

export async function supervisionFigures(db: Db, due: { verificationDueMs: number; documentsDueMs: number }) {
  const verificationDue = `${due.verificationDueMs / 1000} seconds`;
  const documentsDue = `${due.documentsDueMs / 1000} seconds`;
  const byKind = await db
    .selectFrom(liveTasks(db).as('agent_tasks'))
    .select([
      'kind',
      sql<number>`count(*) filter (where status = 'open')::int`.as('open'),
      sql<number>`count(*) filter (where status = 'claimed')::int`.as('claimed'),
      sql<Date | null>`min(created_at) filter (where status = 'open')`.as('oldest_open_at'),
      sql<number>`count(*) filter (where created_at + (case when kind = 'outbound_verification'
        then ${verificationDue} else ${documentsDue} end)::interval < now())::int`.as('past_due'),
      sql<number>`count(*) filter (where priority = 'high')::int`.as('escalated'),
    ])
    .where('status', 'in', LIVE_AGENT_TASK_STATUSES)
    .groupBy('kind')
    .orderBy('kind')
    .execute();
  // "Today" is the Italian day, wherever the server runs.
  const startOfToday = sql<Date>`date_trunc('day', now() at time zone 'Europe/Rome') at time zone 'Europe/Rome'`;
  const agents = await db
    .selectFrom('staff')
    .select([
      'staff.username',
      'staff.display_name',
      sql<number>`(select count(*)::int from agent_tasks t where t.claimed_by = staff.id and t.status = 'completed'
        and t.completed_at >= ${startOfToday})`.as('completed_today'),
      sql<number>`(select count(*)::int from agent_tasks t where t.claimed_by = staff.id and t.status = 'claimed'
        and t.claim_expires_at > now())`.as('holding'),
      sql<number>`(select count(*)::int from task_calls c where c.staff_id = staff.id and c.created_at >= ${startOfToday})`.as(
        'calls_today',
      ),
      sql<number>`(select count(*)::int from pin_requests r where r.registered_by = staff.id
        and r.created_at >= ${startOfToday})`.as('registrations_today'),
    ])
    .where(
      sql<boolean>`staff.roles && array['outbound_verification', 'document_review', 'inbound_registration']::text[]`,
    )
    .orderBy('staff.display_name')
    .execute();
  // Requests whose call nobody answered wait out the retry delay with no task in any queue: counted here, so they are
  // not invisible, with when the first of them comes back.
  const callbacks = await db
    .selectFrom('pin_requests')
    .select([sql<number>`count(*)::int`.as('count'), sql<Date | null>`min(updated_at)`.as('oldest')])
    .where('status', '=', 'verification_call_scheduled')
    .executeTakeFirstOrThrow();
  return { byKind, agents, callbacks };
}

/** Whom a supervisor looks up: a person by codice fiscale, or a conversion by the code printed on its form. */
export type CaseSearch = { fiscalCode: string } | { requestCode: string };

/** The PIN requests and conversions a search finds, newest first: the cases whose trails the supervisor can read. */
export async function casesFound(db: Db, search: CaseSearch) {
  const pinRequests =
    'fiscalCode' in search
      ? await db
          .selectFrom('pin_requests')
          .select(['id', 'created_at', 'status', 'channel'])
          .where('fiscal_code', '=', search.fiscalCode)
          .execute()
      : [];
  const conversions = await db
    .selectFrom('conversions')
    .innerJoin('persons', 'persons.id', 'conversions.person_id')
    .select([
      'conversions.id',
      'conversions.request_code',
      'conversions.created_at',
      'conversions.status',
      'conversions.channel',
    ])
    .where((eb) =>
      'fiscalCode' in search
        ? eb('persons.fiscal_code', '=', search.fiscalCode)
        : eb('conversions.request_code', '=', search.requestCode),
    )
    .execute();
  return [
    ...pinRequests.map((r) => ({
      kind: 'pin_request' as const,
      requestId: r.id,
      requestCode: null,
      createdAt: r.created_at,
      status: r.status,
      channel: r.channel,
    })),
    ...conversions.map((c) => ({
      kind: 'conversion' as const,
      requestId: c.id,
      requestCode: c.request_code,
      createdAt: c.created_at,
      status: c.status,
      channel: c.channel,
    })),
  ].sort((a, b) => b.createdAt.getTime() - a.createdAt.getTime());
}
