// Start-up shared by the HTTP services when each runs as its own process (the production topology).
import type { Client } from '@temporalio/client';
import type express from 'express';
import { loadConfig, type Config } from '../../infra/config';
import { createDb, type Db } from '../../infra/db';
import { logger } from '../../infra/logger';
import type { Server } from 'node:http';
import { listen, stopServer } from '../../infra/http';
import { connectClient } from '../../infra/temporal';

export async function serve(
  name: string,
  build: (deps: { db: Db; temporal: Client; config: Config }) => express.Express,
  port: (config: Config) => number,
  /** Start-up work once listening; what it gives back is run on stop, before the connections close. */
  onStarted?: (deps: { db: Db; temporal: Client; config: Config }) => Promise<{ beforeClosing?: () => Promise<void> }>,
  /** Further endpoints of the same service (the citizen service's CNS sign-in over TLS), stopped with it. */
  alsoServe?: (deps: { db: Db; temporal: Client; config: Config }) => Promise<Server[]>,
): Promise<void> {
  const config = loadConfig();
  const db = createDb(config.DATABASE_URL!);
  const temporal = await connectClient(config, config.TEMPORAL_ADDRESS!);
  const server = await listen(build({ db, temporal, config }), port(config), '0.0.0.0');
  logger.info({ port: port(config) }, `${name} listening`);
  const others = (await alsoServe?.({ db, temporal, config })) ?? [];
  const started = await onStarted?.({ db, temporal, config });
  // Graceful: no new connections, the requests in flight answered (a request is either answered or never stored),
  // then the connections to Temporal and Postgres closed.
  let stopping = false;
  const stop = async () => {
    if (stopping) return;
    stopping = true;
    logger.info(`${name} stopping`);
    await Promise.all([server, ...others].map((s) => stopServer(s)));
    await started?.beforeClosing?.();
    await temporal.connection.close();
    await db.destroy();
    process.exit(0);
  };
  process.on('SIGTERM', () => void stop());
  process.on('SIGINT', () => void stop());
}
