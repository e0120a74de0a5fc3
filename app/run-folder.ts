// One product per data folder. `npm start` claims the folder with a pid file; a second start while it runs is refused
// with a clear message, and a start after a killed one stops what the killed one left running (the Temporal dev
// server and Postgres, which run in process groups of their own) instead of silently adopting it.
import { mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { logger } from '../infra/logger';
import { temporalPidFile } from '../infra/temporal';

const pidIn = (file: string): number | undefined => {
  try {
    const pid = Number.parseInt(readFileSync(file, 'utf8').split('\n')[0]!.trim(), 10);
    return Number.isInteger(pid) && pid > 0 ? pid : undefined;
  } catch {
    return undefined;
  }
};

const isAlive = (pid: number): boolean => {
  try {
    process.kill(pid, 0);
    return true;
  } catch (err) {
    return (err as NodeJS.ErrnoException).code === 'EPERM';
  }
};

/** Whether the process is the program we expect, not an unrelated one that reused a stale pid. */
const runs = (pid: number, program: string): boolean => {
  try {
    return readFileSync(`/proc/${pid}/cmdline`, 'utf8').includes(program);
  } catch {
    return isAlive(pid); // No /proc: the pid file is all we have.
  }
};

async function stopAndWait(pid: number, signal: NodeJS.Signals, what: string): Promise<void> {
  logger.warn({ leftoverPid: pid }, `stopping ${what}, left running by a product that was killed`);
  process.kill(pid, signal);
  for (let waited = 0; isAlive(pid); waited += 200) {
    if (waited === 15_000) process.kill(pid, 'SIGKILL');
    await new Promise((r) => setTimeout(r, 200));
  }
}

export class FolderInUse extends Error {}

/** What the start's own processes run (app/start.ts), to tell them from a process that reused their pid. */
const START_SCRIPT = path.join('app', 'start');

/** The data folder's run state: who holds it, and what it runs that may outlive it. */
export function runFolder(dataDir: string) {
  const runDir = path.join(dataDir, 'run');
  const supervisorFile = path.join(runDir, 'start.pid');
  const productFile = path.join(runDir, 'product.pid');
  const temporalFile = temporalPidFile(path.join(dataDir, 'temporal'));
  const postgresFile = path.join(dataDir, 'postgres', 'postmaster.pid');

  return {
    /**
     * Claims the folder for this process: refused if another start holds it; otherwise whatever a killed start left
     * running is stopped first (the product itself is given time to notice and stop in order).
     */
    async claim(): Promise<void> {
      const holder = pidIn(supervisorFile);
      if (holder && holder !== process.pid && runs(holder, START_SCRIPT))
        throw new FolderInUse(
          `The product is already running from ${dataDir} (pid ${holder}). Stop it with Ctrl-C in its terminal, ` +
            `or with "kill ${holder}", then start again.`,
        );
      const product = pidIn(productFile);
      if (product && runs(product, START_SCRIPT)) await stopAndWait(product, 'SIGTERM', 'the product');
      await this.stopLeftovers();
      mkdirSync(runDir, { recursive: true });
      writeFileSync(supervisorFile, String(process.pid));
    },

    /** Records the product's own process, started by the claimant. */
    productStarted(pid: number): void {
      writeFileSync(productFile, String(pid));
    },

    /** Stops a Temporal dev server and a Postgres a dead product left behind (Postgres last: Temporal may use it). */
    async stopLeftovers(): Promise<void> {
      const temporal = pidIn(temporalFile);
      if (temporal && runs(temporal, path.dirname(temporalFile)))
        await stopAndWait(temporal, 'SIGTERM', 'a Temporal dev server');
      rmSync(temporalFile, { force: true });
      const postgres = pidIn(postgresFile);
      // SIGINT is Postgres's "fast" shutdown: it rolls back open transactions and stops cleanly.
      if (postgres && runs(postgres, path.dirname(postgresFile))) await stopAndWait(postgres, 'SIGINT', 'Postgres');
    },

    release(): void {
      for (const file of [productFile, supervisorFile]) rmSync(file, { force: true });
    },
  };
}
