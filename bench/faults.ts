// The fault measurement of issue 15, by hand: `npm run bench:faults [-- --citizens N --rounds R]`. The product's parts
// run as separate processes (test/support/separate-parts.ts); each row is R rounds of N citizens submitting PIN
// requests while one part is killed with SIGKILL and started again (test/support/fault-rounds.ts, the same rounds
// `test/faults/kill-under-load.test.ts` runs with 8 citizens), and prints what went wrong, summed.
import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { faultRound, type Fault, type RoundResult } from '../test/support/fault-rounds';
import { startSeparateParts } from '../test/support/separate-parts';
import { arg } from './harness';

const ROWS: Array<[string, Fault, object]> = [
  ['worker killed with kill -9', 'worker', {}],
  ['the same, SMS provider answering in 1.5 s', 'worker', { delayMs: 1_500 }],
  ['citizen service killed, slow provider', 'citizen', { delayMs: 1_500 }],
  ['Postgres killed, slow provider', 'postgres', { delayMs: 1_500 }],
  ['Temporal dev server killed, slow provider', 'temporal', { delayMs: 1_500 }],
  ['everything killed at once, slow provider', 'everything', { delayMs: 1_500 }],
  ['a deploy (SIGTERM to worker and service), slow provider', 'deploy', { delayMs: 1_500 }],
  ['the provider loses half its answers', 'none', { loseAnswerRate: 0.5 }],
];

async function main() {
  const citizens = arg('citizens', 26);
  const rounds = arg('rounds', 2);
  process.env.NODE_ENV = 'test';
  const dir = mkdtempSync(path.join(os.tmpdir(), 'pin-faults-'));
  process.env.TEST_DATA_DIR = dir;
  const parts = await startSeparateParts(dir);
  const table: string[] = [
    `| fault (${rounds} × ${citizens} requests) | requests | 5xx | lost | duplicated | stuck | mismatched | accepted at once |`,
    '| --- | --- | --- | --- | --- | --- | --- | --- |',
  ];
  try {
    for (const [label, fault, providerFaults] of ROWS) {
      const sum: RoundResult = {
        requests: 0,
        serverErrors: 0,
        lost: 0,
        duplicated: 0,
        stuck: 0,
        mismatched: 0,
        acceptedAtOnce: 0,
      };
      for (let r = 0; r < rounds; r++) {
        const result = await faultRound(parts, {
          round: `${fault}-${ROWS.findIndex((row) => row[0] === label)}-${r}`,
          fault,
          citizens,
          providerFaults,
          deliveredWithinMs: 300_000,
        });
        await parts.endRound();
        for (const key of Object.keys(sum) as Array<keyof RoundResult>) sum[key] += result[key];
      }
      const row = `| ${label} | ${sum.requests} | ${sum.serverErrors} | ${sum.lost} | ${sum.duplicated} | ${sum.stuck} | ${sum.mismatched} | ${sum.acceptedAtOnce} |`;
      table.push(row);
      console.log(row);
    }
  } finally {
    await parts.stop();
    rmSync(dir, { recursive: true, force: true });
  }
  console.log(`\n${table.join('\n')}`);
}

main().then(
  () => process.exit(0),
  (err) => {
    console.error(err);
    process.exit(1);
  },
);
