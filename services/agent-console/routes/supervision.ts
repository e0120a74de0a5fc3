// Supervision: how the queues stand (size by kind, oldest waiting, past due, each agent's work today), pushed live to
// the supervisor's screen as server-sent events, a person's requests found by codice fiscale or a form's code, and
// the audit trail of any request, read by its id.
import { AUDIT_ACTION_LABELS } from '../../../domain/audit';
import { routes } from '../../shared/input';
import { Router } from 'express';
import { z } from 'zod';
import { durationMs, type Config } from '../../../infra/config';
import type { Db } from '../../../infra/db';
import { audit, auditTrailOf } from '../../../repositories/audit';
import { casesFound, supervisionFigures, type CaseSearch } from '../../../repositories/supervision';
import { personByFiscalCode } from '../../../repositories/registry';
import type { Vault } from '../../../infra/vault';
import { fiscalCodeSchema } from '../../../domain/pin-request-input';
import { requestCodeSchema } from '../../../domain/conversion-code';
import { ApiError, parseBody } from '../../shared/errors';
import { requireRole, sessionStillAllows } from '../auth';
import { dueAfterMs } from '../queue';

/** One key at a time: a codice fiscale, or a conversion's code as typed (any case, with or without dashes). */
const caseSearchSchema = z.union([
  z.strictObject({ fiscalCode: fiscalCodeSchema }),
  z.strictObject({ requestCode: requestCodeSchema }),
]);

const STREAM_EVERY_MS = 2_000;
const HEARTBEAT_EVERY_MS = 15_000;

export async function queueStats(db: Db, config: Config) {
  const { byKind, agents, callbacks } = await supervisionFigures(db, {
    verificationDueMs: dueAfterMs(config, 'outbound_verification'),
    documentsDueMs: dueAfterMs(config, 'document_review'),
  });
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

export function supervisionRoutes({ db, config, vault }: { db: Db; config: Config; vault: Vault }): Router {
  const router = routes();

  /**
   * What a search is audited under: the person, by their id, or the form's code. The trail is kept for good, so a
   * codice fiscale nobody in the registry holds (a stranger's, a mistyped one) goes in as its keyed fingerprint: who
   * looked it up can still be found by it, and the code itself is nowhere in the trail.
   */
  async function searchedSubject(search: CaseSearch) {
    if (!('fiscalCode' in search)) return { subjectType: 'conversion', subjectId: search.requestCode } as const;
    const person = await personByFiscalCode(db, search.fiscalCode);
    return person
      ? ({ subjectType: 'person', subjectId: person.id } as const)
      : ({ subjectType: 'fiscal_code', subjectId: vault.fingerprint(search.fiscalCode, 'fiscal-code') } as const);
  }
  router.use('/api/supervision', requireRole('supervisor'));

  router.get('/api/supervision/queues', async (_req, res) => {
    res.json(await queueStats(db, config));
  });

  /**
   * The same figures, pushed whenever they change: the supervisor's screen never needs reloading. Only while the
   * session that opened it lasts.
   */
  router.get('/api/supervision/stream', (req, res) => {
    res.set({ 'Content-Type': 'text/event-stream', 'Cache-Control': 'no-store', Connection: 'keep-alive' });
    res.flushHeaders();
    let last = '';
    let closed = false;
    let lastWrite = Date.now();
    const tick = async () => {
      if (closed) return;
      try {
        if (!(await sessionStillAllows(db, req, 'supervisor'))) {
          closed = true;
          return void res.end();
        }
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

  /**
   * A person's requests, by codice fiscale, or the conversion a form's code names: how a supervisor finds a case from
   * what a citizen or an agent can tell them. Looking someone up is audited, whatever it finds.
   */
  router.get('/api/supervision/cases', async (req, res) => {
    const search = parseBody(
      caseSearchSchema,
      req.query,
      'invalid_case_search',
      'Look up a person by codice fiscale, or a conversion by the code on its form',
    );
    const cases = await casesFound(db, search);
    await audit(db, {
      staffId: req.staff!.id,
      action: 'cases.searched',
      ...(await searchedSubject(search)),
      details: { found: cases.length },
    });
    res.json({ cases: cases.map((c) => ({ ...c, createdAt: c.createdAt.toISOString() })) });
  });

  /** Everything done on one request (a PIN request, a conversion, a fax), by whom and when, oldest first. */
  router.get('/api/supervision/requests/:id/audit', async (req, res) => {
    const id = z.uuid().safeParse(req.params.id);
    if (!id.success) throw new ApiError(400, 'invalid_request_id', 'A request id is a UUID', { id: 'not a UUID' });
    const rows = await auditTrailOf(db, id.data);
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
        /** The action in words, Italian then English (domain/audit.ts). */
        label: { it: AUDIT_ACTION_LABELS[r.action][0], en: AUDIT_ACTION_LABELS[r.action][1] },
        subject: { type: r.subject_type, id: r.subject_id },
        details: r.details,
      })),
    });
  });

  return router;
}
