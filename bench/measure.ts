// A closed-loop load: N calls, C at a time, with latency percentiles. Shared by the benchmarks and their load processes.
import { performance } from 'node:perf_hooks';

/** Sends `count` calls, `concurrency` at a time; `call(i)` returns whether the answer was the expected one. */
export async function measure(count: number, concurrency: number, call: (i: number) => Promise<boolean>) {
  const latencies: number[] = [];
  let next = 0;
  let failures = 0;
  const started = performance.now();
  await Promise.all(
    Array.from({ length: concurrency }, async () => {
      while (next < count) {
        const i = next++;
        const t0 = performance.now();
        if (!(await call(i))) failures++;
        latencies.push(performance.now() - t0);
      }
    }),
  );
  const seconds = (performance.now() - started) / 1000;
  latencies.sort((a, b) => a - b);
  const pct = (p: number) =>
    latencies[Math.min(latencies.length - 1, Math.floor((p / 100) * latencies.length))]!.toFixed(1);
  return {
    calls: count,
    concurrency,
    failures,
    throughputPerSecond: Number((count / seconds).toFixed(1)),
    latencyMs: { p50: pct(50), p90: pct(90), p99: pct(99), max: pct(100) },
  };
}
