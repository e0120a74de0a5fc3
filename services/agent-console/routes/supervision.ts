// Supervision: how the queues stand (size by kind, oldest waiting, past due, each agent's work today), pushed live to
// the supervisor's screen as server-sent events, and the audit trail of any request, read by its id.
import { Router } from 'express';
import { sql } from 'kysely';
import { z } from 'zod';
import { durationMs, type Config } from '../../../infra/config';
import type { Db } from '../../../infra/db';
import { audit } from '../../../repositories/audit';
import { ApiError } from '../../shared/errors';
import { requireRole } from '../auth';
import { dueAfterMs, releaseExpiredClaims } from '../queue';

const STREAM_EVERY_MS = 2_000;
const HEARTBEAT_EVERY_MS = 15_000;

export async function queueStats(db: Db, config: Config) {
  await releaseExpiredClaims(db, config);
  const verificationDue = `${dueAfterMs(config, 'outbound_verification') / 1000} seconds`;
  const documentsDue = `${dueAfterMs(config, 'document_review') / 1000} seconds`;
  const byKind = await db
    .selectFrom('agent_tasks')
    .select([
      'kind',
      sql<number>`count(*) filter (where status = 'open')::int`.as('open'),
      sql<number>`count(*) filter (where status = 'claimed')::int`.as('claimed'),
      sql<Date | null>`min(created_at) filter (where status = 'open')`.as('oldest_open_at'),
      sql<number>`count(*) filter (where created_at + (case when kind = 'outbound_verification'
        then ${verificationDue} else ${documentsDue} end)::interval < now())::int`.as('past_due'),
      sql<number>`count(*) filter (where priority = 'high')::int`.as('escalated'),
    ])
    .where('status', 'in', ['open', 'claimed'])
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
      sql<number>`(select count(*)::int from agent_tasks t where t.claimed_by = staff.id and t.status = 'claimed')`.as(
        'holding',
      ),
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
  const retryDelayMs = durationMs(config.VERIFICATION_RETRY_DELAY);
  return {
    at: new Date().toISOString(),
    scheduledCallbacks: {
      count: callbacks.count,
      nextAt: callbacks.oldest ? new Date(new Date(callbacks.oldest).getTime() + retryDelayMs).toISOString() : null,
    },
    queues: byKind.map((k) => ({
      kind: k.kind,
      open: k.open,
      claimed: k.claimed,
      escalated: k.escalated,
      pastDue: k.past_due,
      oldestOpenSince: k.oldest_open_at ? new Date(k.oldest_open_at).toISOString() : null,
    })),
    agents: agents.map((a) => ({
      username: a.username,
      displayName: a.display_name,
      completedToday: a.completed_today,
      holding: a.holding,
      callsToday: a.calls_today,
      registrationsToday: a.registrations_today,
    })),
  };
}

export function supervisionRoutes({ db, config }: { db: Db; config: Config }): Router {
  const router = Router();
  router.use('/api/supervision', requireRole('supervisor'));

  router.get('/api/supervision/queues', async (_req, res) => {
    res.json(await queueStats(db, config));
  });

  /** The same figures, pushed whenever they change: the supervisor's screen never needs reloading. */
  router.get('/api/supervision/stream', (req, res) => {
    res.set({ 'Content-Type': 'text/event-stream', 'Cache-Control': 'no-store', Connection: 'keep-alive' });
    res.flushHeaders();
    let last = '';
    let closed = false;
    let lastWrite = Date.now();
    const tick = async () => {
      if (closed) return;
      try {
        const stats = await queueStats(db, config);
        // Sent when the figures change, not the clock.
        const json = JSON.stringify({ ...stats, at: undefined });
        if (json !== last) {
          last = json;
          res.write(`event: queues\ndata: ${JSON.stringify(stats)}\n\n`);
          lastWrite = Date.now();
        } else if (Date.now() - lastWrite > HEARTBEAT_EVERY_MS) {
          res.write(': still here\n\n');
          lastWrite = Date.now();
        }
      } catch {
        // A failed read is retried at the next tick; the stream stays open.
      }
      if (!closed) timer = setTimeout(tick, STREAM_EVERY_MS);
    };
    let timer = setTimeout(tick, 0);
    req.on('close', () => {
      closed = true;
      clearTimeout(timer);
    });
  });

  /** Everything done on one request (a PIN request, a conversion, a fax), by whom and when, oldest first. */
  router.get('/api/supervision/requests/:id/audit', async (req, res) => {
    const id = z.uuid().safeParse(req.params.id);
    if (!id.success) throw new ApiError(400, 'invalid_request_id', 'A request id is a UUID', { id: 'not a UUID' });
    const rows = await db
      .selectFrom('audit_log')
      .leftJoin('staff', (join) => join.on(sql`staff.id::text`, '=', sql.ref('audit_log.actor_id')))
      .select([
        'audit_log.at',
        'audit_log.actor_type',
        'staff.username',
        'staff.display_name',
        'audit_log.action',
        'audit_log.subject_type',
        'audit_log.subject_id',
        'audit_log.details',
      ])
      .where((eb) => eb.or([eb('audit_log.request_id', '=', id.data), eb('audit_log.subject_id', '=', id.data)]))
      .orderBy('audit_log.id')
      .execute();
    // Reading the trail is itself in it, after what was read: who looked at a case is part of the case.
    await audit(db, {
      staffId: req.staff!.id,
      action: 'audit_trail.viewed',
      subjectType: 'case',
      subjectId: id.data,
      requestId: id.data,
    });
    res.json({
      requestId: id.data,
      entries: rows.map((r) => ({
        at: r.at.toISOString(),
        actor: r.actor_type === 'staff' ? { username: r.username, displayName: r.display_name } : r.actor_type,
        action: r.action,
        subject: { type: r.subject_type, id: r.subject_id },
        details: r.details,
      })),
    });
  });

  return router;
}
