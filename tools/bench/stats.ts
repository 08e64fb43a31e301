/** The q-th quantile (0..1) of the values, by nearest rank. */
export function quantile(values: number[], q: number): number {
  if (values.length === 0) return NaN;
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.max(0, Math.ceil(q * sorted.length) - 1))];
}

export interface RunFigures {
  messages: number;
  seconds: number;
  messagesPerSecond: number;
  latencyMs: { p50: number; p99: number };
}

export function figures(latencies: number[], seconds: number): RunFigures {
  return {
    messages: latencies.length,
    seconds: Number(seconds.toFixed(2)),
    messagesPerSecond: Number((latencies.length / seconds).toFixed(1)),
    latencyMs: { p50: Math.round(quantile(latencies, 0.5)), p99: Math.round(quantile(latencies, 0.99)) },
  };
}

/** Runs `work` for each of `count` simulated customers at once; returns the wall time in seconds. */
export async function concurrently(count: number, work: (index: number) => Promise<void>): Promise<number> {
  const started = performance.now();
  await Promise.all(Array.from({ length: count }, (_, index) => work(index)));
  return (performance.now() - started) / 1000;
}
