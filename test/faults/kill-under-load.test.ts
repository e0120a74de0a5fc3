// Faults without consequences (issue 15): with the product's parts in separate processes and a slow SMS provider, a
// stream of PIN requests arrives while one part is killed with SIGKILL at a random moment and started again. Per
// request, afterwards: it was answered 202 (a 503 or no answer before that, never a 500), stored once, delivered, its
// first half sent once and its letter posted once, and the two halves make the PIN whose hash is stored.
// `npm run bench:faults` runs the same rounds with bigger loads and prints the table.
import { mkdtempSync } from 'node:fs';
import path from 'node:path';
import { faultRound, type Fault } from '../support/fault-rounds';
import { startSeparateParts, type SeparateParts } from '../support/separate-parts';

let parts: SeparateParts;
beforeAll(async () => {
  parts = await startSeparateParts(mkdtempSync(path.join(process.env.TEST_DATA_DIR!, 'faults-')));
}, 120_000);
afterAll(() => parts?.stop());
afterEach(() => parts.endRound());

/** An SMS provider that takes 1.5 s to answer: a kill is likely to land while a message is being sent. */
const SLOW_PROVIDER = { delayMs: 1_500 };

it.each<[Fault, object]>([
  ['worker', SLOW_PROVIDER],
  ['citizen', SLOW_PROVIDER],
  ['postgres', SLOW_PROVIDER],
  ['temporal', SLOW_PROVIDER],
  ['everything', SLOW_PROVIDER],
  // A deploy: SIGTERM to the worker and the citizen service; requests in flight are answered or never stored.
  ['deploy', SLOW_PROVIDER],
  // No part killed: the provider sends but half of its answers are lost.
  ['none', { loseAnswerRate: 0.5 }],
])(
  'killed: %s (provider %j): every request delivered once, each half sent once, the PIN whole',
  async (fault, providerFaults) => {
    const result = await faultRound(parts, { round: fault, fault, citizens: 8, providerFaults });
    expect(result).toMatchObject({ requests: 8, serverErrors: 0, lost: 0, duplicated: 0, stuck: 0, mismatched: 0 });
  },
  300_000,
);

// Issue 19: the dev server stopped for a minute (SIGKILL, so nothing is flushed), requests arriving meanwhile.
it('Temporal down for 60 s: every request answered 202 at its first try, then each processed exactly once', async () => {
  const result = await faultRound(parts, {
    round: 'temporal-outage',
    fault: 'temporal',
    citizens: 8,
    providerFaults: {},
    faultAtMs: 0,
    downForMs: 60_000,
  });
  expect(result).toEqual({
    requests: 8,
    serverErrors: 0,
    lost: 0,
    duplicated: 0,
    stuck: 0,
    mismatched: 0,
    acceptedAtOnce: 8,
  });
}, 300_000);
