import { spawn } from 'node:child_process';
import { resolve } from 'node:path';
import { loadConfig } from '@vidnova/config';
import { ReportingConfig, RunningWorker, startWorker } from '@vidnova/reporting';
import { ApiClient, ApiResponse } from '@vidnova/testing';
import { natsCredentials, TestPlatform } from './platform';

/** Runs `npm run seed` (the script itself) against this test's NATS: the KSE figures of Shatsk, Berezhany, Bakhmach. */
export function runSeed(natsUrl: string): Promise<{ code: number | null; out: string }> {
  const root = resolve(__dirname, '../..');
  return new Promise((done) => {
    const child = spawn(process.execPath, ['-r', './tools/ts-register.cjs', 'tools/seed/index.ts'], { cwd: root, env: { ...process.env, NATS_URL: natsUrl } });
    let out = '';
    child.stdout.on('data', (d) => (out += d));
    child.stderr.on('data', (d) => (out += d));
    child.on('close', (code) => done({ code, out }));
  });
}

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

/** Publishes a recovery-priority consultation for a community: options tagged with categories, votes as given. */
export async function publishPriorities(editor: ApiClient, community: string, votes: Record<string, number>): Promise<string> {
  const options = Object.keys(votes).map((category) => ({ id: category.replace(/_/g, '-'), label: { uk: category, en: category }, category }));
  const created = await editor.post('/api/v1/consultations', {
    communityCode: community,
    title: { uk: 'Пріоритети відбудови', en: 'Recovery priorities' },
    topic: 'recovery',
    audience: 'all',
    channels: ['online'],
    questions: [{ id: 'q_main', type: 'single_choice', required: true, prompt: { uk: 'Що найважливіше?', en: 'What matters most?' }, options }],
  });
  if (created.status !== 201) throw new Error(`consultation: ${created.status} ${JSON.stringify(created.body)}`);
  const id = created.body.id as string;
  await editor.post(`/api/v1/consultations/${id}/open`);
  const total = Object.values(votes).reduce((s, n) => s + n, 0);
  const tokens: string[] = (await editor.post(`/api/v1/consultations/${id}/respondent-tokens`, { count: total })).body.tokens;
  let i = 0;
  for (const o of options) {
    for (let k = 0; k < votes[o.category]; k++) {
      const r = await editor.post(`/api/v1/consultations/${id}/submissions`, { respondentToken: tokens[i++], answers: [{ questionId: 'q_main', optionIds: [o.id] }] });
      if (r.status !== 201) throw new Error(`submission: ${r.status} ${JSON.stringify(r.body)}`);
    }
  }
  await editor.post(`/api/v1/consultations/${id}/close`);
  const pub = await editor.post(`/api/v1/consultations/${id}/publish-results`);
  if (pub.status !== 200) throw new Error(`publish: ${pub.status} ${JSON.stringify(pub.body)}`);
  return id;
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
