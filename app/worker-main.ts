// Start-up of a worker process on its own (the production topology): `node --import tsx app/worker-main.ts`.
import { loadConfig } from '../infra/config';
import { createActivityDependencies } from './clients';
import { createDb, prepareDatabase } from '../infra/db';
import { logger } from '../infra/logger';
import { connectClient, connectWorker, registerSearchAttributes } from '../infra/temporal';
import { createWorker } from './worker';
import { workflowCode } from './workflow-bundle';
import { payloadDataConverter } from '../infra/payload-codec';
import { startPendingProcesses } from '../core/pending-processes';
import { ensureSchedules } from '../core/schedules';
import { listen, stopServer } from '../infra/http';
import { createWorkerHealthApp } from '../services/shared/health';

async function main() {
  const config = loadConfig();
  const workflowBundle = workflowCode(config.WORKER_WORKFLOW_BUNDLE);
  const migrated = await prepareDatabase(config.DATABASE_MIGRATION_URL!, config.DATABASE_URL!);
  if (migrated.length) logger.info({ migrated }, 'database migrated');
  const db = createDb(config.DATABASE_URL!);
  const connection = await connectWorker(config, config.TEMPORAL_ADDRESS!);
  const client = await connectClient(config, config.TEMPORAL_ADDRESS!);
  try {
    await registerSearchAttributes(client, config.TEMPORAL_NAMESPACE);
    // Built first: workflow code that cannot be loaded stops the start before it starts anything.
    const worker = await createWorker({
      connection,
      namespace: config.TEMPORAL_NAMESPACE,
      taskQueue: config.TEMPORAL_TASK_QUEUE,
      workflowBundle,
      deps: createActivityDependencies(config, db, client),
      dataConverter: payloadDataConverter(config),
      sizing: config,
    });
    // After a migration, PINs issued before lifecycles existed get theirs, from the term they already run.
    await startPendingProcesses(db, client, config);
    await ensureSchedules(client, config);
    const health = await listen(
      createWorkerHealthApp({ db, temporal: client, workerRunning: () => worker.getState() === 'RUNNING' }),
      config.WORKER_HEALTH_PORT,
      '0.0.0.0',
    );
    // Graceful: the worker stops polling and drains its activities in flight (shutdownGraceTime), then exits.
    const stop = () => worker.getState() === 'RUNNING' && worker.shutdown();
    process.on('SIGTERM', stop);
    process.on('SIGINT', stop);
    logger.info({ taskQueue: config.TEMPORAL_TASK_QUEUE }, 'worker running');
    await worker.run();
    await stopServer(health);
  } finally {
    await client.connection.close();
    await connection.close();
    await db.destroy();
  }
}

main().catch((err) => {
  logger.error(err);
  process.exit(1);
});
