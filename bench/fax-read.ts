// Benchmark of reading a fax's QR code (infra/qr-code.ts): a one-page A4 fax at 150 dpi (JPEG), with a readable
// code, with a code a streak has destroyed, and with none. Pure CPU, in the worker that runs the activity.
// `npm run bench:fax-read [-- --requests 20]`.
import { performance } from 'node:perf_hooks';
import { readQrCodesFromPdf } from '../infra/qr-code';
import { faxPdf } from '../test/support/fax';
import { arg } from './harness';

const RUNS = arg('requests', 20);

async function main() {
  for (const [label, opts] of [
    ['readable code', { qrText: 'CNV-7K3M-Q9XH' }],
    ['smudged code', { qrText: 'CNV-7K3M-Q9XH', smudged: true }],
    ['no code', {}],
  ] as const) {
    const pdf = await faxPdf(opts);
    const times: number[] = [];
    for (let i = 0; i < RUNS; i++) {
      const started = performance.now();
      await readQrCodesFromPdf(pdf);
      times.push(performance.now() - started);
    }
    times.sort((a, b) => a - b);
    const at = (q: number) => Math.round(times[Math.min(times.length - 1, Math.floor(q * times.length))]!);
    console.log(`${label}: ${RUNS} runs, p50 ${at(0.5)} ms, p90 ${at(0.9)} ms, max ${at(1)} ms`);
  }
}

main().catch((err) => {
  console.error(err);
  process.exit(1);
});
