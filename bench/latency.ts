// What every bench reports: latencies of parallel clients, summarised as nearest-rank percentiles
// and throughput, so bench/loader.ts and bench/all-teams.ts print comparable figures.
export interface LatencySummary {
  requests: number;
  concurrency: number;
  p50Ms: number;
  p95Ms: number;
  p99Ms: number;
  maxMs: number;
  meanMs: number;
  throughputPerS: number;
  /**
   * CPU time per request of the process doing the work (this one for the presenter, the server
   * for HTTP) and of the database's backends: on a shared machine latencies move with the
   * neighbours' load, CPU time much less. Null where /proc cannot be read.
   */
  cpuMsPerRequest?: { app: number | null; db: number | null };
}

/** Nearest-rank percentile of sorted values. */
export function percentile(sorted: number[], p: number): number {
  if (sorted.length === 0) return 0;
  const rank = Math.ceil((p / 100) * sorted.length);
  return sorted[Math.min(sorted.length, Math.max(1, rank)) - 1];
}

export function summarise(latencies: number[], concurrency: number, wallMs: number): LatencySummary {
  const sorted = [...latencies].sort((a, b) => a - b);
  const round = (v: number) => Math.round(v * 100) / 100;
  return {
    requests: sorted.length,
    concurrency,
    p50Ms: round(percentile(sorted, 50)),
    p95Ms: round(percentile(sorted, 95)),
    p99Ms: round(percentile(sorted, 99)),
    maxMs: round(sorted.at(-1) ?? 0),
    meanMs: round(sorted.reduce((a, b) => a + b, 0) / Math.max(1, sorted.length)),
    throughputPerS: round((sorted.length / wallMs) * 1000),
  };
}

/** Runs `call` `requests` times from `concurrency` parallel clients; returns per-call latencies. */
export async function runClients(call: () => Promise<unknown>, concurrency: number, requests: number): Promise<{ latencies: number[]; wallMs: number }> {
  const latencies: number[] = [];
  let issued = 0;
  const started = performance.now();
  const client = async () => {
    while (issued < requests) {
      issued += 1;
      const t0 = performance.now();
      await call();
      latencies.push(performance.now() - t0);
    }
  };
  await Promise.all(Array.from({ length: concurrency }, client));
  return { latencies, wallMs: performance.now() - started };
}
