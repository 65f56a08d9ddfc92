import { ChildProcess, spawn } from 'node:child_process';
import { resolve } from 'node:path';
import { Objm } from '@nats-io/obj';
import { busName, BusClient } from '@vidnova/messaging';
import { queuePrefix, REPORT_QUEUE, RunningWorker } from '@vidnova/reporting';
import { ApiClient } from '@vidnova/testing';
import { Queue } from 'bullmq';
import { natsCredentials, startPlatform, TestPlatform } from './platform';
import { runSeed, startReportWorker, untilFinished } from './reporting-support';

/**
 * Report runs under failure and over time: job schedulers (cron + time zone) that are neither lost
 * nor duplicated when processes start and restart, a worker SIGKILLed mid-run, and a run that keeps
 * failing. Real NATS, MongoDB, Redis; the worker as the real process where it is killed.
 */
const SHATSK = 'UA07060450000051170';
const SHATSK_BUDGET = '0350700000';

describe('reporting: schedules, retries and a killed worker', () => {
  let p: TestPlatform;
  let worker: RunningWorker | undefined;
  let analyst: ApiClient;
  let otherAnalyst: ApiClient;
  let reader: ApiClient;
  let queue: Queue;

  beforeAll(async () => {
    p = await startPlatform(['budget-analysis', 'consultations', 'diaspora-registry', 'reporting']);
    expect((await runSeed(p.env.NATS_URL)).code).toBe(0);
    const key = async (role: string, organization?: string) =>
      p.api.withKey((await p.admin.post('/api/v1/api-keys', { name: `${role} key`, role, ...(organization ? { organization } : {}) })).body.key);
    analyst = await key('analyst', 'kse-institute');
    otherAnalyst = await key('analyst', 'another-org');
    reader = await key('reader');
    queue = new Queue(REPORT_QUEUE, { connection: { url: p.env.REDIS_URL }, prefix: queuePrefix() });
  }, 120000);
  afterAll(async () => {
    await worker?.stop();
    await queue?.close();
    await p?.stop();
  });

  it('keeps one job scheduler per schedule across several processes and restarts, fires it in its time zone, and deletes it', async () => {
    expect((await reader.post('/api/v1/report-schedules', { type: 'budget-brief', budgetCode: SHATSK_BUDGET, cron: '0 6 1 * *' })).status).toBe(403);
    expect((await analyst.post('/api/v1/report-schedules', { type: 'budget-brief', budgetCode: SHATSK_BUDGET, cron: '61 6 1 * *' })).status).toBe(400);
    expect((await analyst.post('/api/v1/report-schedules', { type: 'budget-brief', budgetCode: SHATSK_BUDGET, cron: '0 6 1 * *', timezone: 'Mars/Olympus' })).status).toBe(400);
    expect((await queue.getJobSchedulersCount())).toBe(0);

    // Every 2 seconds; each firing asks for the same (last complete) quarter, so one run results.
    const created = await analyst.post('/api/v1/report-schedules', { type: 'budget-brief', budgetCode: SHATSK_BUDGET, cron: '*/2 * * * * *', periodicity: 'quarter' });
    expect(created.status).toBe(201);
    const id = created.body.id;
    expect(created.body).toMatchObject({ timezone: 'Europe/Kyiv', periodicity: 'quarter', owner: 'kse-institute' });
    expect(Date.parse(created.body.nextRunAt)).toBeGreaterThan(Date.now() - 1000);

    // Three more API processes start at once: each restores the schedulers, none adds one.
    await Promise.all([p.startInstance('reporting'), p.startInstance('reporting'), p.startInstance('reporting')]);
    expect(await queue.getJobSchedulersCount()).toBe(1);

    // Redis lost it (a flush, a new Redis): the next process to start puts it back from the records.
    await queue.removeJobScheduler(`schedule-${id}`);
    expect(await queue.getJobSchedulersCount()).toBe(0);
    const restarted = await p.startInstance('reporting');
    expect(await queue.getJobSchedulersCount()).toBe(1);
    expect((await analyst.get(`/api/v1/report-schedules/${id}`)).body.nextRunAt).not.toBeNull();

    // Only its owner's organisation (or an admin) changes it; others do not even list it.
    expect((await otherAnalyst.patch(`/api/v1/report-schedules/${id}`, { lang: 'en' })).status).toBe(403);
    expect((await otherAnalyst.get('/api/v1/report-schedules')).body.items).toEqual([]);
    expect((await analyst.get('/api/v1/report-schedules')).body.items.map((s: { id: string }) => s.id)).toEqual([id]);
    const changed = await analyst.patch(`/api/v1/report-schedules/${id}`, { lang: 'en', timezone: 'UTC' });
    expect(changed.status).toBe(200);
    expect(changed.body).toMatchObject({ lang: 'en', timezone: 'UTC' });

    // A worker takes the firings: the run of the last complete quarter (UTC now), asked for by the schedule.
    worker = await startReportWorker(p);
    const now = new Date();
    const q = Math.ceil((now.getUTCMonth() + 1) / 3);
    const period = q === 1 ? `${now.getUTCFullYear() - 1}-Q4` : `${now.getUTCFullYear()}-Q${q - 1}`;
    let runs: { id: string; period: string; requestedBy: string; status: string }[] = [];
    for (const deadline = Date.now() + 30000; Date.now() < deadline; await new Promise((r) => setTimeout(r, 300))) {
      runs = (await analyst.get('/api/v1/reports?type=budget-brief')).body.items.filter((r: { requestedBy?: string }) => r.requestedBy === `schedule:${id}`);
      if (runs.length && ['completed', 'partial', 'failed'].includes(runs[0].status)) break;
    }
    expect(runs).toHaveLength(1);
    expect(runs[0]).toMatchObject({ period, budgetCode: SHATSK_BUDGET, owner: 'kse-institute', lang: 'en' });
    // Several firings later there is still that one run (same type, subject and period).
    await new Promise((r) => setTimeout(r, 4500));
    expect((await analyst.get('/api/v1/reports?type=budget-brief')).body.items.filter((r: { requestedBy?: string }) => r.requestedBy === `schedule:${id}`)).toHaveLength(1);

    expect((await otherAnalyst.delete(`/api/v1/report-schedules/${id}`)).status).toBe(403);
    expect((await analyst.delete(`/api/v1/report-schedules/${id}`)).status).toBe(204);
    expect(await queue.getJobSchedulersCount()).toBe(0);
    expect((await analyst.get(`/api/v1/report-schedules/${id}`)).status).toBe(404);
    await restarted.stop();
  });

  it('a worker SIGKILLed in the middle of a run leaves the job to another worker and exactly one stored report', async () => {
    await worker?.stop();
    worker = undefined;
    const root = resolve(__dirname, '../..');
    const env = { ...process.env, ...p.env, ...natsCredentials('reporting'), SERVICE_NAME: 'reporting', MONGO_DB: p.dbs.reporting, REPORT_LOCK_MS: '2000', LOG_LEVEL: 'silent' };
    const child: ChildProcess = spawn(process.execPath, ['-r', './tools/ts-register.cjs', 'services/reporting/src/worker.ts'], { cwd: root, env, stdio: 'ignore' });
    const exited = new Promise((r) => child.once('exit', r));
    try {
      const accepted = await analyst.post('/api/v1/reports', { type: 'community-monitoring', community: SHATSK, period: '2021' });
      expect(accepted.status).toBe(202);
      const location = accepted.headers.get('location')!;
      // Killed as soon as it is running (before it has stored anything or finished).
      for (const deadline = Date.now() + 60000; ; await new Promise((r) => setTimeout(r, 20))) {
        const s = (await analyst.get(location)).body.status;
        if (s === 'running') break;
        expect(['queued']).toContain(s);
        if (Date.now() > deadline) throw new Error('the child worker never started the run');
      }
      child.kill('SIGKILL');
      await exited;
      expect((await analyst.get(location)).body.status).toBe('running');

      worker = await startReportWorker(p, { REPORT_LOCK_MS: '2000' });
      const done = await untilFinished(analyst, location, 90000);
      expect(done.body).toMatchObject({ status: 'partial', revision: 1, progress: 100 });

      // One run record, one set of stored objects (json + csv/html/pdf in uk and en).
      const listed = (await analyst.get(`/api/v1/reports?type=community-monitoring&community=${SHATSK}`)).body.items.filter((r: { id: string }) => r.id === accepted.body.id);
      expect(listed).toHaveLength(1);
      const nc = p.gateway.app.get(BusClient).connection;
      const store = await new Objm(nc).open(busName('vidnova-reports'));
      const names = (await store.list()).map((o) => o.name).filter((n) => n.startsWith(`${accepted.body.id}/`)).sort();
      expect(names).toEqual([
        `${accepted.body.id}/r1/report.en.csv`,
        `${accepted.body.id}/r1/report.en.html`,
        `${accepted.body.id}/r1/report.en.pdf`,
        `${accepted.body.id}/r1/report.json`,
        `${accepted.body.id}/r1/report.uk.csv`,
        `${accepted.body.id}/r1/report.uk.html`,
        `${accepted.body.id}/r1/report.uk.pdf`,
      ]);
      expect((await analyst.get(`${location}/content.json`)).body.id).toBe(accepted.body.id);
    } finally {
      if (child.exitCode === null && child.signalCode === null) child.kill('SIGKILL');
    }
  });

  it('retries a failing run with backoff and ends it failed with the reason of every attempt', async () => {
    await worker?.stop();
    worker = await startReportWorker(p, { CHROMIUM_PATH: '/nonexistent/chromium', REPORT_BACKOFF_MS: '200' });
    try {
      const accepted = await analyst.post('/api/v1/reports', { type: 'budget-brief', budgetCode: SHATSK_BUDGET, period: '2021' });
      const done = await untilFinished(analyst, accepted.headers.get('location')!);
      expect(done.body.status).toBe('failed');
      expect(done.body.errors.map((e: { attempt: number }) => e.attempt)).toEqual([1, 2, 3]);
      for (const e of done.body.errors) expect(e.message).toContain('/nonexistent/chromium');
      expect(done.body.content).toBeUndefined();
      expect((await analyst.get(`/api/v1/reports/${accepted.body.id}/content.pdf`)).status).toBe(409);
      // force runs it again once it has finished: revision 2, the failure kept in the history.
      await worker.stop();
      worker = await startReportWorker(p);
      const again = await analyst.post('/api/v1/reports', { type: 'budget-brief', budgetCode: SHATSK_BUDGET, period: '2021', force: true });
      expect(again.body).toMatchObject({ id: accepted.body.id, revision: 2, status: 'queued' });
      const ok = await untilFinished(analyst, accepted.headers.get('location')!);
      expect(ok.body).toMatchObject({ status: 'completed', revision: 2, history: [{ revision: 1, status: 'failed' }] });
    } finally {
      await worker?.stop();
      worker = undefined;
    }
  });
});
