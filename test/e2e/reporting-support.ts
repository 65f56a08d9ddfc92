import { loadConfig } from '@vidnova/config';
import { ReportingConfig, RunningWorker, startWorker } from '@vidnova/reporting';
import { ApiClient, ApiResponse } from '@vidnova/testing';
import { natsCredentials, TestPlatform } from './platform';

export { publishPriorities, runSeed } from './reporting-seed';

/** The report worker in this process, on the reporting service's test database. */
export function startReportWorker(p: TestPlatform, env: Record<string, string> = {}): Promise<RunningWorker> {
  return startWorker(loadConfig(ReportingConfig, { ...p.env, ...natsCredentials('reporting'), SERVICE_NAME: 'reporting', MONGO_DB: p.dbs.reporting, SHUTDOWN_TIMEOUT_MS: '20000', REPORT_BACKOFF_MS: '200', ...env }));
}

/** Follows a run until it has finished (completed, partial or failed) and returns the last answer. */
export async function untilFinished(client: ApiClient, location: string, timeoutMs = 90000): Promise<ApiResponse> {
  const deadline = Date.now() + timeoutMs;
  for (let delay = 50; ; delay = Math.min(delay * 2, 500)) {
    const res = await client.get(location);
    if (res.status !== 200 || ['completed', 'partial', 'failed'].includes(res.body?.status)) return res;
    if (Date.now() > deadline) throw new Error(`report ${location} still ${res.body?.status} after ${timeoutMs} ms`);
    await new Promise((r) => setTimeout(r, delay));
  }
}

/** Spearman's rho by the textbook route, written apart from the service: mean ranks for ties, then Pearson. */
export function spearman(priorityRanks: number[], shares: number[]): number | null {
  const rank = (v: number[], desc: boolean) => v.map((x) => {
    const better = v.filter((y) => (desc ? y > x : y < x)).length;
    const same = v.filter((y) => y === x).length;
    return better + (same + 1) / 2;
  });
  const a = rank(priorityRanks, false);
  const b = rank(shares, true);
  const n = a.length;
  if (n < 2) return null;
  const ma = a.reduce((s, x) => s + x, 0) / n;
  const mb = b.reduce((s, x) => s + x, 0) / n;
  const cov = a.reduce((s, x, i) => s + (x - ma) * (b[i] - mb), 0);
  const va = a.reduce((s, x) => s + (x - ma) ** 2, 0);
  const vb = b.reduce((s, x) => s + (x - mb) ** 2, 0);
  return va && vb ? cov / Math.sqrt(va * vb) : null;
}
