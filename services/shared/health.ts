// Health endpoints every service serves, for the orchestrator (docker-compose, a load balancer): `/healthz` says the
// process answers; `/readyz` says it can do its work, checking Postgres and Temporal, each within a short deadline.
// The worker has no HTTP of its own: `createWorkerHealthApp` gives it the same two, plus its state and `/metrics`.
import type { Client } from '@temporalio/client';
import express, { Router } from 'express';
import { databaseIsReachable, type Db } from '../../infra/db';
import { temporalIsReachable } from '../../infra/temporal';
import { duplicatedMessageCount } from '../../repositories/deliveries';
import { RETRY_AFTER_SECONDS } from './errors';

type Check = () => Promise<boolean>;

export function healthRoutes({ db, temporal }: { db: Db; temporal: Client }, more: Record<string, Check> = {}): Router {
  const checks: Record<string, Check> = {
    postgres: () => databaseIsReachable(db),
    temporal: () => temporalIsReachable(temporal),
    ...more,
  };
  const router = Router();
  router.get('/healthz', (_req, res) => {
    res.set('Cache-Control', 'no-store').json({ status: 'ok' });
  });
  router.get('/readyz', async (_req, res) => {
    const results = await Promise.all(Object.entries(checks).map(async ([name, check]) => [name, await check()]));
    const ready = results.every(([, ok]) => ok);
    const named = Object.fromEntries(results.map(([name, ok]) => [name, ok ? 'ok' : 'unavailable']));
    res.set('Cache-Control', 'no-store');
    if (ready) return res.json({ status: 'ready', checks: named });
    res.status(503).set('Retry-After', String(RETRY_AFTER_SECONDS)).json({ status: 'not_ready', checks: named });
  });
  return router;
}

/** The worker's health port: live, ready (Postgres, Temporal, and the worker polling), and its metrics for ops. */
export function createWorkerHealthApp(deps: { db: Db; temporal: Client; workerRunning: () => boolean }) {
  const app = express();
  app.disable('x-powered-by');
  app.use(healthRoutes(deps, { worker: async () => deps.workerRunning() }));
  app.get('/metrics', async (_req, res) => {
    // Prometheus text format. A duplicate is a message the provider holds more than one copy of (activities/notifications).
    const duplicated = await duplicatedMessageCount(deps.db).catch(() => undefined);
    res.type('text/plain; version=0.0.4').set('Cache-Control', 'no-store');
    res.send(
      [
        '# HELP pin_worker_running Whether the Temporal worker is polling its task queue.',
        '# TYPE pin_worker_running gauge',
        `pin_worker_running ${deps.workerRunning() ? 1 : 0}`,
        '# HELP pin_messages_duplicated Messages (SMS, email) a provider sent more than once.',
        '# TYPE pin_messages_duplicated gauge',
        ...(duplicated === undefined ? [] : [`pin_messages_duplicated ${duplicated}`]),
        '',
      ].join('\n'),
    );
  });
  return app;
}
