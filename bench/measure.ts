// Loads with latency percentiles, shared by the benchmarks and their load processes: closed-loop (N calls, C at a
// time) and open-loop (N calls at a fixed rate).
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
  return {
    calls: count,
    concurrency,
    failures,
    throughputPerSecond: Number((count / seconds).toFixed(1)),
    latencyMs: percentiles(latencies),
  };
}

/**
 * Sends `count` calls at `perSecond`, each at its appointed time whether or not the earlier ones were answered; a
 * call's latency runs from its appointed time, so a stalled client or server cannot hide its queue.
 */
export async function atFixedRate(count: number, perSecond: number, call: (i: number) => Promise<boolean>) {
  const latencies: number[] = new Array<number>(count);
  let failures = 0;
  const started = performance.now();
  const calls: Promise<void>[] = [];
  for (let i = 0; i < count; i++) {
    const due = started + (i * 1000) / perSecond;
    const wait = due - performance.now();
    if (wait > 0) await new Promise((r) => setTimeout(r, wait));
    calls.push(
      call(i).then(
        (ok) => {
          if (!ok) failures++;
          latencies[i] = performance.now() - due;
        },
        () => {
          failures++;
          latencies[i] = performance.now() - due;
        },
      ),
    );
  }
  const sentIn = (performance.now() - started) / 1000;
  await Promise.all(calls);
  // Each ten seconds of the run apart (by appointed time): a cold start's tail is not steady state's.
  const perWindow = perSecond * 10;
  const latencyMsByTenSeconds = Array.from({ length: Math.ceil(count / perWindow) }, (_, w) => {
    const { p50, p99 } = percentiles(latencies.slice(w * perWindow, (w + 1) * perWindow));
    return `${p50} / ${p99}`;
  });
  return {
    calls: count,
    perSecond,
    failures,
    sentPerSecond: Number((count / sentIn).toFixed(1)),
    latencyMs: percentiles(latencies),
    latencyMsByTenSeconds,
  };
}

function percentiles(latencies: number[]) {
  latencies.sort((a, b) => a - b);
  const pct = (p: number) =>
    latencies[Math.min(latencies.length - 1, Math.floor((p / 100) * latencies.length))]!.toFixed(1);
  return { p50: pct(50), p90: pct(90), p99: pct(99), max: pct(100) };
}
