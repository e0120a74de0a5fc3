// CPU time spent by each part of the product while a benchmark runs, read from Linux's /proc: this process (the
// services, the worker with its argon2 threads, the stand-ins) and its child processes by name (the Temporal dev
// server, Postgres). Differences of two readings say what a round of work cost each part.
import { readdirSync, readFileSync } from 'node:fs';

const TICKS_PER_SECOND = 100;

interface ProcStat {
  pid: number;
  ppid: number;
  name: string;
  cpuMs: number;
}

function readStat(pid: string): ProcStat | undefined {
  try {
    const text = readFileSync(`/proc/${pid}/stat`, 'utf8');
    // The name is in parentheses and may hold spaces; the fields after it are space-separated.
    const name = text.slice(text.indexOf('(') + 1, text.lastIndexOf(')'));
    const fields = text.slice(text.lastIndexOf(')') + 2).split(' ');
    const ticks = Number(fields[11]) + Number(fields[12]);
    return { pid: Number(pid), ppid: Number(fields[1]), name, cpuMs: (ticks * 1000) / TICKS_PER_SECOND };
  } catch {
    return undefined; // gone between the listing and the read
  }
}

const partOf = (name: string) =>
  name.startsWith('postgres') ? 'postgres' : name.startsWith('temporal') ? 'temporal' : name;

/** CPU milliseconds used so far by this process (`product`) and by its descendants, summed by part. */
export function cpuByPart(root = process.pid): Record<string, number> {
  const stats = readdirSync('/proc')
    .filter((d) => /^\d+$/.test(d))
    .map(readStat)
    .filter((s): s is ProcStat => s !== undefined);
  const children = new Map<number, ProcStat[]>();
  for (const s of stats) children.set(s.ppid, [...(children.get(s.ppid) ?? []), s]);
  const totals: Record<string, number> = {
    product: stats.find((s) => s.pid === root)?.cpuMs ?? 0,
    // The event loop's own share (the rest of `product` is the thread pool, argon2 among it, and V8's helpers).
    'product main thread': readStat(`${root}/task/${root}`)?.cpuMs ?? 0,
    ...productThreadsByName(root),
  };
  const walk = (pid: number) => {
    for (const child of children.get(pid) ?? []) {
      const part = partOf(child.name);
      totals[part] = (totals[part] ?? 0) + child.cpuMs;
      walk(child.pid);
    }
  };
  walk(root);
  return totals;
}

/**
 * The product's other threads, summed by the name Linux knows them by: `libuv-worker` (the thread pool: argon2, file
 * and crypto work), `tokio-runtime-w` (the Temporal SDK's Rust core: gRPC, histories), `V8 DefaultWorke` (the garbage
 * collector's and compiler's helpers), and `node` for worker threads (the Temporal SDK runs workflow code in one).
 */
function productThreadsByName(root: number): Record<string, number> {
  const totals: Record<string, number> = {};
  for (const tid of readdirSync(`/proc/${root}/task`)) {
    if (Number(tid) === root) continue;
    const thread = readStat(`${root}/task/${tid}`);
    if (thread) totals[`product thread ${thread.name}`] = (totals[`product thread ${thread.name}`] ?? 0) + thread.cpuMs;
  }
  return totals;
}

/** What each part spent between two readings, per unit of work (ms per request, say). */
export function cpuSpent(before: Record<string, number>, after: Record<string, number>, per = 1) {
  return Object.fromEntries(
    Object.keys(after)
      .map((part) => [part, Number(((after[part]! - (before[part] ?? 0)) / per).toFixed(1))] as const)
      .filter(([, ms]) => ms > 0),
  );
}
