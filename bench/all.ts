// `npm run bench`: the measurements of issue 19 in one go, each benchmark in a process of its own with its own
// product (Postgres, dev server, worker) on this machine, then one table of the figures beside their targets.
// Takes about 25 minutes on the 2-core machine. Each benchmark can also be run on its own (bench/README.md).
import { spawn } from 'node:child_process';
import path from 'node:path';

/** Runs a benchmark script and returns the JSON it prints last (its log lines come before it). */
function run<T>(script: string, args: string[] = []): Promise<T> {
  return new Promise((resolve, reject) => {
    process.stderr.write(`running ${script} ${args.join(' ')}\n`);
    const child = spawn(process.execPath, ['--import', 'tsx', path.join(__dirname, script), ...args], {
      stdio: ['ignore', 'pipe', 'inherit'],
    });
    let out = '';
    child.stdout.on('data', (chunk: Buffer) => (out += chunk.toString('utf8')));
    child.on('error', reject);
    child.on('exit', (code) => {
      const text = `\n${out}`;
      const start = text.lastIndexOf('\n{\n');
      if (code !== 0 || start < 0) return reject(new Error(`${script} exited ${code}`));
      resolve(JSON.parse(text.slice(start + 1)));
    });
  });
}

const fixed = (n: number, digits = 2) => Number(n.toFixed(digits));

// What each benchmark prints, as far as the table reads it.
interface PathFigures {
  perSecond: number;
  ratioToBare: number;
  cpuMsPerRequest: Record<string, number>;
  eventsByWorkflow: Record<string, number>;
  workflowTasksByWorkflow: Record<string, number>;
}
interface TemporalWork {
  bareOneActivityWorkflowPerSecond: number[];
  paths: [PathFigures, PathFigures];
}
interface IntakeBurst {
  requests: number;
  perSecond: number;
  seconds: number;
  answers: { accepted: number; latencyMs: { p50: string; p99: string }; latencyMsByTenSeconds: string[] };
  atEndOfBurst: { backlog: number };
  drainedAfterSeconds: number | string;
}
interface SignIn {
  signIn: { throughputPerSecond: number }[];
  ratioToRaw: number;
}
interface Lifecycles {
  lifecycles: number;
  startsPerSecond: number;
  workerRssMiB: { before: number; asleep: number };
  devServerBytesPerLifecycle: number;
}

async function main() {
  const temporal = await run<TemporalWork>('temporal-work.ts', ['--requests', '200', '--concurrency', '16']);
  const burst = await run<IntakeBurst>('intake-burst.ts', ['--rate', '50', '--seconds', '60']);
  const signIn = await run<SignIn>('sign-in.ts');
  const lifecycles = await run<Lifecycles>('sleeping-lifecycles.ts', ['--lifecycles', '20000']);

  const [delivered, agentTask] = temporal.paths;
  const bare = temporal.bareOneActivityWorkflowPerSecond;
  const ofPin = (by: Record<string, number>) =>
    fixed((by.pinRequestWorkflow ?? 0) + (by.credentialLifecycleWorkflow ?? 0), 1);
  const rate = (r: { throughputPerSecond: number }[]) => r.reduce((a, b) => a + b.throughputPerSecond, 0) / r.length;
  const rows: Array<[string, string | number, string, boolean]> = [
    [
      'history events per delivered PIN (request + lifecycle)',
      ofPin(delivered.eventsByWorkflow),
      '≤ 32',
      ofPin(delivered.eventsByWorkflow) <= 32,
    ],
    [
      'workflow tasks per delivered PIN (request + lifecycle)',
      ofPin(delivered.workflowTasksByWorkflow),
      '≤ 5',
      ofPin(delivered.workflowTasksByWorkflow) <= 5,
    ],
    ['bare one-activity workflow, per second (3 rounds)', bare.join(' / '), '', true],
    [
      'online request → delivered PIN, per second (ratio to bare)',
      `${delivered.perSecond} (${delivered.ratioToBare})`,
      '≥ 0.5 × bare',
      delivered.ratioToBare >= 0.5,
    ],
    [
      'online request → agent task, per second (ratio to bare)',
      `${agentTask.perSecond} (${agentTask.ratioToBare})`,
      '≥ 0.8 × bare',
      agentTask.ratioToBare >= 0.8,
    ],
    [
      'CPU ms per delivered PIN: product / dev server / Postgres',
      `${delivered.cpuMsPerRequest.product} / ${delivered.cpuMsPerRequest.temporal} / ${delivered.cpuMsPerRequest.postgres}`,
      '',
      true,
    ],
    [
      `intake at ${burst.perSecond}/s for ${burst.seconds} s: p50 / p99 ms`,
      `${burst.answers.latencyMs.p50} / ${burst.answers.latencyMs.p99}`,
      'p99 ≤ 100 ms',
      Number(burst.answers.latencyMs.p99) <= 100,
    ],
    ['… p50 / p99 ms in each ten seconds of the burst', burst.answers.latencyMsByTenSeconds.join(', '), '', true],
    [
      '… accepted, backlog at the end of the burst, drained after',
      `${burst.answers.accepted} of ${burst.requests}, ${burst.atEndOfBurst.backlog}, ${burst.drainedAfterSeconds} s`,
      'nothing lost',
      burst.answers.accepted === burst.requests,
    ],
    [
      'sign-in per second (ratio to raw argon2id verify)',
      `${fixed(rate(signIn.signIn), 1)} (${signIn.ratioToRaw})`,
      '≥ 0.85 × raw',
      signIn.ratioToRaw >= 0.85,
    ],
    [
      `worker RSS with ${lifecycles.lifecycles} sleeping lifecycles, MiB`,
      `${lifecycles.workerRssMiB.before} → ${lifecycles.workerRssMiB.asleep}`,
      '≤ 512',
      lifecycles.workerRssMiB.asleep <= 512,
    ],
    [
      'lifecycles started per second; dev-server bytes per lifecycle',
      `${lifecycles.startsPerSecond}; ${lifecycles.devServerBytesPerLifecycle}`,
      '',
      true,
    ],
  ];
  console.log(JSON.stringify({ temporal, burst, signIn, lifecycles }, null, 2));
  console.log('\n| measure | figure | target | met |\n| --- | --- | --- | --- |');
  for (const [name, figure, target, met] of rows)
    console.log(`| ${name} | ${figure} | ${target} | ${target ? (met ? 'yes' : '**no**') : ''} |`);
}

main().catch((err) => {
  console.error(err);
  process.exit(1);
});
