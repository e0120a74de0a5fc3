// Health endpoints every service serves, for the orchestrator (docker-compose, a load balancer): `/healthz` says the
// process answers; `/readyz` says it can do its work, checking Postgres and Temporal, each within a short deadline.
import type { Client } from '@temporalio/client';
import { Router } from 'express';
import { databaseIsReachable, type Db } from '../../infra/db';
import { temporalIsReachable } from '../../infra/temporal';
import { RETRY_AFTER_SECONDS } from './errors';

export function healthRoutes({ db, temporal }: { db: Db; temporal: Client }): Router {
  const router = Router();
  router.get('/healthz', (_req, res) => {
    res.set('Cache-Control', 'no-store').json({ status: 'ok' });
  });
  router.get('/readyz', async (_req, res) => {
    const [postgres, temporalOk] = await Promise.all([databaseIsReachable(db), temporalIsReachable(temporal)]);
    const checks = { postgres: postgres ? 'ok' : 'unavailable', temporal: temporalOk ? 'ok' : 'unavailable' };
    res.set('Cache-Control', 'no-store');
    if (postgres && temporalOk) return res.json({ status: 'ready', checks });
    res.status(503).set('Retry-After', String(RETRY_AFTER_SECONDS)).json({ status: 'not_ready', checks });
  });
  return router;
}
