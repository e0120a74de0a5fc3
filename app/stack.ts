// Assembles the whole product from a configuration: the real infrastructure (embedded Postgres and the Temporal dev
// server unless external ones are configured), migrations, demo data, stand-ins, the worker and the HTTP services.
// Used by `npm start` and by the end-to-end tests, so what is tested is what runs.
import type { Server } from 'node:http';
import path from 'node:path';
import type { Client } from '@temporalio/client';
import type { NativeConnection, Worker } from '@temporalio/worker';
import { createAgentConsoleApp } from '../services/agent-console/app';
import { FAX_WEBHOOK_PATH } from '../services/agent-console/routes/inbound-fax';
import { LETTER_WEBHOOK_PATH } from '../services/agent-console/routes/letter-tracking';
import { lobWebhookSecret } from '../infra/lob';
import { createCitizenApp } from '../services/citizen/app';
import { startPendingProcesses } from '../core/pending-processes';
import { submissionStarter } from '../core/submission-starter';
import { ensureSchedules } from '../core/schedules';
import type { Config } from '../infra/config';
import { createDb, prepareDatabase, type Db } from '../infra/db';
import { DEMO_PERSONS, demoPersonRows, seedDemoData } from '../dev/seed';
import { startEmbeddedPostgres } from '../dev/embedded-postgres';
import { applyLogLevel, logger } from '../infra/logger';
import type { createLocalPrintHouseDrop, PrintHouse } from '../infra/print-house';
import { createActivityDependencies, createPrintHouse } from './clients';
import { faxWebhookToken } from '../infra/fax';
import { listen, listenTls, stopServer } from '../infra/http';
import { cnsTlsOptions, createCnsApp, type CnsFiles } from '../services/citizen/cns';
import { ensureCnsDemo } from '../dev/cns-demo';
import { startOidcProviderStandIn } from '../dev/stand-ins/oidc';
import { createStandInsApp } from '../dev/stand-ins/server';
import { connectClient, connectWorker, registerSearchAttributes, startTemporalDevServer } from '../infra/temporal';
import { createWorker } from './worker';
import { workflowCode } from './workflow-bundle';
import { payloadDataConverter } from '../infra/payload-codec';
import { CODEC_PATH } from '../services/agent-console/routes/codec';
import { createWorkerHealthApp } from '../services/shared/health';

/** The CNS endpoint's files as configured; in development, the demo PKI under DATA_DIR/cns for the demo citizens. */
export function cnsFiles(config: Config): CnsFiles {
  const { CNS_CA_FILE, CNS_CRL_FILE, CNS_SERVER_CERT_FILE, CNS_SERVER_KEY_FILE } = config;
  if (CNS_CA_FILE && CNS_CRL_FILE && CNS_SERVER_CERT_FILE && CNS_SERVER_KEY_FILE)
    return {
      caFile: CNS_CA_FILE,
      crlFile: CNS_CRL_FILE,
      serverCertFile: CNS_SERVER_CERT_FILE,
      serverKeyFile: CNS_SERVER_KEY_FILE,
    };
  const rows = demoPersonRows();
  const holders = DEMO_PERSONS.slice(0, 4).map((p, i) => ({
    fiscalCode: rows[i]!.fiscal_code,
    firstName: p.firstName,
    lastName: p.lastName,
  }));
  return ensureCnsDemo(path.join(config.DATA_DIR, 'cns'), holders, config.PUBLIC_HOST);
}

export interface Infrastructure {
  /** The product's own role. */
  databaseUrl: string;
  /** The owner role migrations run as. */
  migrationUrl: string;
  temporalAddress: string;
  temporalUiUrl?: string;
  stop(): Promise<void>;
}

/** Postgres and Temporal: the external ones when configured, otherwise embedded ones under DATA_DIR. */
export async function startInfrastructure(
  config: Config,
  opts: { headlessTemporal?: boolean } = {},
): Promise<Infrastructure> {
  applyLogLevel(config.LOG_LEVEL);
  const stops: Array<() => Promise<void>> = [];
  const stop = async () => {
    for (const stopPart of [...stops].reverse()) await stopPart();
  };
  try {
    return await startParts();
  } catch (err) {
    // Postgres started and the dev server refused: Postgres stops too, and the caller gets the dev server's reason.
    await stop().catch((stopErr: unknown) => logger.warn({ err: stopErr }, 'a part did not stop after a failed start'));
    throw err;
  }

  async function startParts(): Promise<Infrastructure> {
    let databaseUrl = config.DATABASE_URL;
    let migrationUrl = config.DATABASE_MIGRATION_URL ?? config.DATABASE_URL;
    if (!databaseUrl) {
      const pg = await startEmbeddedPostgres(path.join(config.DATA_DIR, 'postgres'), config.EMBEDDED_POSTGRES_PORT);
      stops.push(pg.stop);
      databaseUrl = pg.url;
      migrationUrl = pg.migrationUrl;
    }
    let temporalAddress = config.TEMPORAL_ADDRESS;
    let temporalUiUrl: string | undefined;
    if (!temporalAddress) {
      const temporal = await startTemporalDevServer({
        dataDir: path.join(config.DATA_DIR, 'temporal'),
        port: config.TEMPORAL_DEV_PORT,
        uiPort: config.TEMPORAL_UI_PORT,
        namespace: config.TEMPORAL_NAMESPACE,
        headless: opts.headlessTemporal,
        codecEndpoint: `${config.agentPublicUrl}${CODEC_PATH}`,
      });
      stops.push(temporal.stop);
      temporalAddress = temporal.address;
      temporalUiUrl = temporal.uiUrl;
    }
    return {
      databaseUrl,
      migrationUrl: migrationUrl!,
      temporalAddress,
      temporalUiUrl,
      stop,
    };
  }
}

export interface Product {
  db: Db;
  temporal: Client;
  urls: { citizen: string; agentConsole: string; outbox: string; workerHealth: string };
  /** The print house's drop folder, when letters go there (PRINT_HOUSE_DIR) rather than through Lob. */
  printHouse?: ReturnType<typeof createLocalPrintHouseDrop>;
  /** The migrations this start applied (none once the database is up to date): `npm start` says so in its banner. */
  migrated: readonly string[];
  stop(): Promise<void>;
}

const dropOf = (printHouse: PrintHouse) =>
  'pdfPath' in printHouse ? (printHouse as ReturnType<typeof createLocalPrintHouseDrop>) : undefined;

/**
 * Everything that runs on top of the infrastructure. A start that fails part way stops what it had started before its
 * error goes on, so a caller that outlives the failure (a test, a benchmark) gets the error instead of a process held
 * open by half a product.
 */
export async function startProduct(
  config: Config,
  infra: Pick<Infrastructure, 'databaseUrl' | 'migrationUrl' | 'temporalAddress'>,
): Promise<Product> {
  applyLogLevel(config.LOG_LEVEL);
  const workflowBundle = workflowCode(config.WORKER_WORKFLOW_BUNDLE);
  const migrated = await prepareDatabase(infra.migrationUrl, infra.databaseUrl);
  const db = createDb(infra.databaseUrl);
  const servers: Server[] = [];
  let temporal: Client | undefined;
  let workerConnection: NativeConnection | undefined;
  let stopOidcStandIn: (() => Promise<void>) | undefined;
  let worker: Worker | undefined;
  let workerRun: Promise<void> | undefined;

  // The one way down, whether the product ran or its start failed part way: what was started stops, in this order.
  const stop = async () => {
    await Promise.all(servers.map((s) => stopServer(s)));
    if (temporal) await submissionStarter({ db, temporal, config }).stop();
    await stopOidcStandIn?.();
    if (worker?.getState() === 'RUNNING') worker.shutdown();
    await workerRun;
    await workerConnection?.close();
    await temporal?.connection.close();
    await db.destroy();
  };

  try {
    await seedDemoData(db);
    temporal = await connectClient(config, infra.temporalAddress);
    await registerSearchAttributes(temporal, config.TEMPORAL_NAMESPACE);
    workerConnection = await connectWorker(config, infra.temporalAddress);

    const printHouse = createPrintHouse(config);
    if (!config.TWILIO_AUTH_TOKEN || !config.SENDGRID_API_KEY || !config.LOB_API_KEY) {
      const standIns = createStandInsApp({
        dataDir: path.join(config.DATA_DIR, 'stand-ins'),
        printHouse: dropOf(printHouse),
        lob: { webhookUrl: `${config.agentPublicUrl}${LETTER_WEBHOOK_PATH}`, webhookSecret: lobWebhookSecret(config) },
        faxWebhookUrl: `${config.agentPublicUrl}${FAX_WEBHOOK_PATH}`,
        faxWebhookToken: faxWebhookToken(config),
      });
      servers.push(await listen(standIns, config.STANDINS_PORT));
    }

    if (!config.OIDC_ISSUER_URL) stopOidcStandIn = (await startOidcProviderStandIn(config)).stop;

    const running = await createWorker({
      connection: workerConnection,
      namespace: config.TEMPORAL_NAMESPACE,
      taskQueue: config.TEMPORAL_TASK_QUEUE,
      workflowBundle,
      deps: createActivityDependencies(config, db, temporal, printHouse),
      dataConverter: payloadDataConverter(config),
      sizing: config,
    });
    worker = running;
    workerRun = running.run();
    servers.push(
      await listen(
        createWorkerHealthApp({ db, temporal, workerRunning: () => running.getState() === 'RUNNING' }),
        config.WORKER_HEALTH_PORT,
      ),
    );

    servers.push(await listen(createCitizenApp({ db, temporal, config }), config.CITIZEN_PORT, config.PUBLIC_HOST));
    servers.push(
      await listenTls(
        createCnsApp({ db, temporal, config }),
        cnsTlsOptions(cnsFiles(config)),
        config.CNS_PORT,
        config.PUBLIC_HOST,
      ),
    );
    servers.push(await listen(createAgentConsoleApp({ db, temporal, config }), config.AGENT_PORT, config.PUBLIC_HOST));
    await startPendingProcesses(db, temporal, config);
    submissionStarter({ db, temporal, config }).wake();
    await ensureSchedules(temporal, config);

    const host = config.PUBLIC_HOST;
    return {
      db,
      temporal,
      printHouse: dropOf(printHouse),
      migrated,
      urls: {
        citizen: `http://${host}:${config.CITIZEN_PORT}`,
        agentConsole: `http://${host}:${config.AGENT_PORT}`,
        outbox: `${config.standInsBaseUrl}/dev/outbox`,
        workerHealth: `http://127.0.0.1:${config.WORKER_HEALTH_PORT}`,
      },
      stop,
    };
  } catch (err) {
    await stop().catch((stopErr: unknown) => logger.warn({ err: stopErr }, 'a part did not stop after a failed start'));
    throw err;
  }
}
