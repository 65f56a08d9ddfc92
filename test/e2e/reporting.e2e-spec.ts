import { mkdirSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { queuePrefix, REPORT_QUEUE, RunningWorker } from '@vidnova/reporting';
import { Queue } from 'bullmq';
import { ApiClient, parsePrometheus, samplesOf } from '@vidnova/testing';
import { chromium } from 'playwright-core';
import { pdfText } from './pdf-text';
import { startPlatform, TestPlatform } from './platform';
import { publishPriorities, runSeed, spearman, startReportWorker, untilFinished } from './reporting-support';

/**
 * Reports end to end: HTTP → gateway → reporting (bus) → BullMQ → worker → sources over the bus →
 * object store → gateway. Real data: the committed KSE budget figures (npm run seed) and a published
 * consultation. Every figure in a report is compared with what the source route answers.
 */
const SHATSK = 'UA07060450000051170';
const BAKHMACH_BUDGET = '2555100000';

describe('reporting: runs, figures and content through the gateway', () => {
  let p: TestPlatform;
  let worker: RunningWorker;
  let analyst: ApiClient;
  let editor: ApiClient;
  let reader: ApiClient;
  /** The community-monitoring run of the first test. */
  let monitoring: string;

  beforeAll(async () => {
    p = await startPlatform(['budget-analysis', 'consultations', 'diaspora-registry', 'reporting']);
    worker = await startReportWorker(p);
    const seed = await runSeed(p.env.NATS_URL);
    expect(seed.code).toBe(0);
    const key = async (role: string) => p.api.withKey((await p.admin.post('/api/v1/api-keys', { name: `${role} key`, role })).body.key);
    analyst = await key('analyst');
    editor = await key('editor');
    reader = await key('reader');
    await publishPriorities(editor, SHATSK, { roads_transport: 3, water_sanitation: 2, schools_kindergartens: 1 });
  }, 120000);
  afterAll(async () => {
    await worker?.stop();
    await p?.stop();
  });

  it('builds a community-monitoring report whose every figure equals the source route, partial with the missing sources named', async () => {
    const body = { type: 'community-monitoring', community: SHATSK, period: '2022' };
    const accepted = await analyst.post('/api/v1/reports', body);
    expect(accepted.status).toBe(202);
    const location = accepted.headers.get('location')!;
    expect(location).toBe(`/api/v1/reports/${accepted.body.id}`);
    expect(accepted.body).toMatchObject({ type: 'community-monitoring', community: SHATSK, period: '2022', revision: 1 });

    // The same request names the same run.
    const again = await analyst.post('/api/v1/reports', { ...body, lang: 'en' });
    expect(again.status).toBe(202);
    expect(again.body.id).toBe(accepted.body.id);

    const done = await untilFinished(analyst, location);
    monitoring = location;
    expect(done.body).toMatchObject({ status: 'partial', progress: 100, attempts: 1 });
    expect(done.body.timings.durationMs).toBeGreaterThanOrEqual(0);
    expect(done.body.gaps.map((g: { source: string }) => g.source).sort()).toEqual(['dialogue-events', 'enterprise-efficiency']);

    const json = await analyst.get(`${location}/content.json`);
    expect(json.status).toBe(200);
    expect(json.headers.get('content-type')).toMatch(/^application\/json/);
    const r = json.body;
    expect(r.status).toBe('partial');
    expect(r.subject).toMatchObject({ code: SHATSK, name: { uk: expect.stringContaining('Шацьк') } });

    // Budget figures = budget-analysis routes for the same budget, year and period.
    const q = 'year=2022&period=2022-12';
    const summary = (await analyst.get(`/api/v1/budget/budgets/${SHATSK}/summary?${q}`)).body;
    const incomes = (await analyst.get(`/api/v1/budget/budgets/${SHATSK}/incomes?${q}`)).body;
    const recovery = (await analyst.get(`/api/v1/budget/budgets/${SHATSK}/recovery?${q}`)).body;
    const anomalies = (await analyst.get(`/api/v1/budget/budgets/${SHATSK}/anomalies?${q}`)).body;
    const b = r.sections.budget;
    expect(b.totals).toEqual(summary.totals);
    expect(b.capital).toEqual({ executed: summary.capital.executed, plan: summary.capital.plan, shareOfExecuted: summary.capital.shareOfExecuted });
    expect(b.incomes).toEqual({ total: incomes.totals.executed, own: incomes.own.executed, officialTransfers: incomes.officialTransfers.executed, transferDependence: incomes.ratios.transferDependence });
    expect(b.anomalies.map((a: { id: string }) => a.id)).toEqual(anomalies.anomalies.map((a: { id: string }) => a.id));
    expect(b.recovery.basis).toBe('program');
    expect(b.recovery.executed).toBe(recovery.programBasis.executed);
    const programLines = recovery.categories.filter((c: { basis: string }) => c.basis === 'program');
    expect(b.recovery.categories.map((c: { id: string; executed: number; share: number }) => [c.id, c.executed, c.share])).toEqual(
      programLines.map((c: { id: string; executed: number; shareOfExpenditure: number }) => [c.id, c.executed, c.shareOfExpenditure]),
    );

    // Priorities = the consultations route; the alignment index recomputed here from both routes.
    const priorities = (await analyst.get(`/api/v1/communities/${SHATSK}/priorities`)).body.latest;
    expect(r.sections.priorities.categories.map((c: { category: string; rank: number }) => [c.category, c.rank])).toEqual(
      priorities.categories.map((c: { category: string; rank: number }) => [c.category, c.rank]),
    );
    expect(r.sections.priorities.respondents).toBe(priorities.respondents);
    const share = (id: string) => programLines.find((c: { id: string }) => c.id === id)?.shareOfExpenditure ?? 0;
    const rho = spearman(priorities.categories.map((c: { rank: number }) => c.rank), priorities.categories.map((c: { category: string }) => share(c.category)));
    expect(r.sections.alignment.index).toBeCloseTo(rho!, 4);
    for (const line of r.sections.alignment.lines) {
      expect(line.explanation.en).toContain(line.name.en);
      expect(line.explanation.uk.length).toBeGreaterThan(20);
    }

    // Diaspora initiatives = the diaspora route for the community.
    const initiatives = await analyst.get(`/api/v1/communities/${SHATSK}/diaspora-initiatives?limit=100`);
    expect(r.sections.diasporaInitiatives.count).toBe(initiatives.body.items.length);

    // Listed with its inputs, filterable.
    const listed = await reader.get(`/api/v1/reports?type=community-monitoring&community=${SHATSK}&status=partial`);
    expect(listed.status).toBe(200);
    expect(listed.body.items.map((i: { id: string }) => i.id)).toContain(accepted.body.id);
    expect((await reader.get('/api/v1/reports?status=failed')).body.items.map((i: { id: string }) => i.id)).not.toContain(accepted.body.id);
  });

  it('builds a budget brief for Bakhmach from its budget code, with the same figures as budget-analysis', async () => {
    const accepted = await analyst.post('/api/v1/reports', { type: 'budget-brief', budgetCode: BAKHMACH_BUDGET, period: '2022', lang: 'en' });
    expect(accepted.status).toBe(202);
    const done = await untilFinished(analyst, accepted.headers.get('location')!);
    expect(done.body).toMatchObject({ status: 'completed', gaps: [], lang: 'en' });
    const r = (await analyst.get(`/api/v1/reports/${accepted.body.id}/content.json`)).body;
    const summary = (await analyst.get(`/api/v1/budget/budgets/${BAKHMACH_BUDGET}/summary?year=2022&period=2022-12`)).body;
    expect(r.sections.budget.totals).toEqual(summary.totals);
    const trends = (await analyst.get(`/api/v1/budget/budgets/${BAKHMACH_BUDGET}/trends?from=2018&to=2022`)).body;
    expect(r.sections.execution).toEqual({
      by: 'year',
      points: trends.years.filter((y: { available: boolean }) => y.available).map((y: { year: number; executed: number; plan: number | null }) => ({ label: String(y.year), executed: y.executed, plan: y.plan ?? null })),
    });
    const csv = await analyst.get(`/api/v1/reports/${accepted.body.id}/content.csv`);
    expect(csv.headers.get('content-type')).toMatch(/^text\/csv/);
    const executedLine = String(csv.body).split('\r\n').find((l) => l.includes(',budget,budget-analysis,,executed,'));
    // Money as an exact decimal string of hryvnias, computed here from the kopiykas.
    const k = summary.totals.executed as number;
    expect(executedLine).toContain(`,${Math.trunc(k / 100)}.${String(k % 100).padStart(2, '0')},UAH`);
  });

  it('builds the diaspora landscape of a host country and the civil-society involvement of a community from their routes', async () => {
    for (const [name, city, communityCodes] of [['Українська громада Мюнхена', 'München', [SHATSK]], ['Спілка українців Берліна', 'Berlin', []]] as const) {
      const org = await editor.post('/api/v1/diaspora/organizations', { name: { original: name }, country: 'DE', city, type: 'association', focusAreas: ['culture'], communityCodes });
      expect(org.status).toBe(201);
    }
    const landscape = await analyst.post('/api/v1/reports', { type: 'diaspora-landscape', country: 'DE', period: '2025' });
    expect(landscape.status).toBe(202);
    const done = await untilFinished(analyst, landscape.headers.get('location')!);
    expect(done.body.status).toBe('completed');
    const d = (await analyst.get(`/api/v1/reports/${landscape.body.id}/content.json`)).body.sections.diasporaLandscape;
    const orgs = (await analyst.get('/api/v1/diaspora/organizations?country=DE&limit=100')).body.items as { type: string; communityCodes?: string[] }[];
    expect(d.organisations).toBe(orgs.length);
    expect(d.linkedCommunities).toEqual([...new Set(orgs.flatMap((o) => o.communityCodes ?? []))].sort());
    expect(d.byType).toEqual([{ type: 'association', count: orgs.length }]);

    const involvement = await analyst.post('/api/v1/reports', { type: 'civil-society-involvement', community: SHATSK, period: '2026-Q4' });
    const inv = await untilFinished(analyst, involvement.headers.get('location')!);
    // dialogue-events does not exist yet: partial, and it says so.
    expect(inv.body.status).toBe('partial');
    expect(inv.body.gaps.map((g: { source: string }) => g.source)).toEqual(['dialogue-events']);
    const r = (await analyst.get(`/api/v1/reports/${involvement.body.id}/content.json`)).body;
    expect(r.sections.priorities.respondents).toBe((await analyst.get(`/api/v1/communities/${SHATSK}/priorities`)).body.latest.respondents);
  });

  it('serves the content with type, disposition and ETag; the HTML renders its charts in Chromium and the PDF holds the name and totals', async () => {
    const report = (await analyst.get(`${monitoring}/content.json`)).body;
    const html = await fetch(`${p.api.baseUrl}${monitoring}/content.html`, { headers: { 'x-api-key': analyst.apiKey! } });
    expect(html.status).toBe(200);
    expect(html.headers.get('content-type')).toBe('text/html; charset=utf-8');
    expect(html.headers.get('content-disposition')).toMatch(/^inline; filename="vidnova-community-monitoring-UA07060450000051170-2022-uk\.html"$/);
    const etag = html.headers.get('etag')!;
    expect(etag).toMatch(/^".+"$/);
    const page = await html.text();
    expect(page).not.toMatch(/<script|https?:\/\/(?!www\.w3\.org)/i);
    const unchanged = await fetch(`${p.api.baseUrl}${monitoring}/content.html`, { headers: { 'x-api-key': analyst.apiKey!, 'if-none-match': etag } });
    expect(unchanged.status).toBe(304);
    const en = await analyst.get(`${monitoring}/content.html?lang=en`);
    expect(String(en.body)).toContain('Data gaps');
    expect(page).toContain('Прогалини в даних');

    const browser = await chromium.launch({
      executablePath: '/usr/bin/chromium',
      args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync'],
    });
    try {
      const tab = await browser.newPage({ viewport: { width: 390, height: 844 }, deviceScaleFactor: 2 });
      const requests: string[] = [];
      tab.on('request', (r) => requests.push(r.url()));
      await tab.setContent(page, { waitUntil: 'load' });
      const dir = resolve(__dirname, '../../.vidnova/reporting');
      mkdirSync(dir, { recursive: true });
      const shot = join(dir, 'community-monitoring-uk-phone.png');
      writeFileSync(shot, await tab.screenshot({ fullPage: true }));
      // Charts render: each SVG has a size on the phone's width, and its bars carry the report's figures.
      const charts = await tab.$$eval('svg[data-chart]', (svgs) =>
        svgs.map((s) => ({ id: s.getAttribute('data-chart'), width: s.getBoundingClientRect().width, height: s.getBoundingClientRect().height, values: [...s.querySelectorAll('rect[data-value]')].map((r) => ({ v: Number(r.getAttribute('data-value')), w: r.getBoundingClientRect().width })) })),
      );
      expect(charts.map((c) => c.id).sort()).toEqual(['priority-vs-spending', 'recovery-spending']);
      for (const c of charts) {
        expect(c.width).toBeGreaterThan(300);
        expect(c.width).toBeLessThanOrEqual(390);
        expect(c.height).toBeGreaterThan(50);
      }
      const alignmentChart = charts.find((c) => c.id === 'priority-vs-spending')!;
      expect(alignmentChart.values.map((v) => v.v)).toEqual(report.sections.alignment.lines.map((l: { share: number | null }) => l.share ?? 0));
      const spending = charts.find((c) => c.id === 'recovery-spending')!;
      const positive = report.sections.budget.recovery.categories.filter((c: { executed: number }) => c.executed > 0);
      expect(spending.values).toHaveLength(positive.length);
      // The largest share is drawn widest.
      const widest = spending.values.reduce((a, b) => (b.w > a.w ? b : a));
      expect(widest.v).toBe(Math.max(...positive.map((c: { share: number }) => c.share)));
      expect(requests.filter((u) => !u.startsWith('about:') && !u.startsWith('data:'))).toEqual([]);
      // The page fits the phone's width (no sideways scrolling).
      expect(await tab.evaluate(() => (globalThis as unknown as { document: { documentElement: { scrollWidth: number } } }).document.documentElement.scrollWidth)).toBeLessThanOrEqual(390);
    } finally {
      await browser.close();
    }

    const pdf = await fetch(`${p.api.baseUrl}${monitoring}/content.pdf`, { headers: { 'x-api-key': analyst.apiKey! } });
    expect(pdf.headers.get('content-type')).toBe('application/pdf');
    expect(pdf.headers.get('content-disposition')).toMatch(/^attachment; filename=".+-uk\.pdf"$/);
    const bytes = Buffer.from(await pdf.arrayBuffer());
    expect(bytes.subarray(0, 5).toString()).toBe('%PDF-');
    const squash = (s: string) => s.replace(/\s+/g, '');
    const text = squash(pdfText(bytes));
    expect(text).toContain(squash(report.subject.name.uk));
    // Totals as uk-UA money, formatted here from the kopiykas of the source.
    const k = report.sections.budget.totals.executed as number;
    const uah = new Intl.NumberFormat('uk-UA', { style: 'currency', currency: 'UAH' }).format(`${Math.trunc(k / 100)}.${String(k % 100).padStart(2, '0')}` as unknown as number);
    expect(text).toContain(squash(uah));
    expect(text).toContain(squash('Прогалини в даних'));
  });

  it('shows the queue on the worker’s /metrics: jobs by state and the durations of this worker’s jobs', async () => {
    const res = await fetch(`${worker.healthUrl}/metrics`);
    expect(res.headers.get('content-type')).toMatch(/^text\/plain; version=0\.0\.4/);
    const exp = parsePrometheus(await res.text());
    const value = (name: string, labels: Record<string, string>) => {
      const found = samplesOf(exp, name, { ...labels, service: 'reporting-worker' });
      expect(found).toHaveLength(1);
      return found[0].value;
    };
    const runs = (await analyst.get('/api/v1/reports?limit=100')).body.items.filter((r: { status: string }) => ['completed', 'partial'].includes(r.status));
    // The whole queue (shared by the test files of this run) as Redis holds it, read here with BullMQ.
    const queue = new Queue(REPORT_QUEUE, { connection: { url: p.env.REDIS_URL }, prefix: queuePrefix() });
    const counts = await queue.getJobCounts('completed', 'failed', 'active');
    await queue.close();
    expect(value('vidnova_queue_jobs', { queue: 'reports', state: 'completed' })).toBe(counts.completed);
    expect(value('vidnova_queue_jobs', { queue: 'reports', state: 'failed' })).toBe(counts.failed);
    expect(value('vidnova_queue_jobs', { queue: 'reports', state: 'active' })).toBe(counts.active);
    // This worker's own jobs: the runs of this file.
    expect(value('vidnova_queue_job_duration_seconds_count', { queue: 'reports', outcome: 'completed' })).toBe(runs.length);
    expect(value('vidnova_queue_job_duration_seconds_sum', { queue: 'reports', outcome: 'completed' })).toBeGreaterThan(0);
  });

  it('shows the reporting queues on the bull-board dashboard to admin keys only', async () => {
    const base = `${p.api.baseUrl}/admin/queues`;
    expect((await fetch(base)).status).toBe(401);
    expect((await fetch(base, { headers: { 'x-api-key': analyst.apiKey! } })).status).toBe(403);
    const page = await fetch(base, { headers: { 'x-api-key': p.admin.apiKey! } });
    expect(page.status).toBe(200);
    expect(page.headers.get('content-type')).toMatch(/text\/html/);
    const api = await fetch(`${base}/api/queues?activeQueue=reports&status=completed&page=1`, { headers: { 'x-api-key': p.admin.apiKey! } });
    expect(api.status).toBe(200);
    const queues = ((await api.json()) as { queues: { name: string; counts: Record<string, number> }[] }).queues;
    expect(queues.map((q) => q.name).sort()).toEqual(['reports', 'webhook-deliveries']);
    const queue = new Queue(REPORT_QUEUE, { connection: { url: p.env.REDIS_URL }, prefix: queuePrefix() });
    const counts = await queue.getJobCounts('completed');
    await queue.close();
    expect(queues.find((q) => q.name === 'reports')!.counts.completed).toBe(counts.completed);
  });

  it('refuses what it cannot do with a clear 4xx', async () => {
    expect((await reader.post('/api/v1/reports', { type: 'budget-brief', budgetCode: BAKHMACH_BUDGET, period: '2022' })).status).toBe(403);
    const missing = await analyst.post('/api/v1/reports', { type: 'community-monitoring', period: '2022' });
    expect(missing.status).toBe(400);
    expect(JSON.stringify(missing.body)).toContain('community');
    expect((await analyst.post('/api/v1/reports', { type: 'community-monitoring', community: SHATSK, period: '2022-Q5' })).status).toBe(400);
    expect((await analyst.post('/api/v1/reports', { type: 'nope', community: SHATSK, period: '2022' })).status).toBe(400);
    expect((await analyst.get('/api/v1/reports/0123456789abcdef01234567')).status).toBe(404);
    expect((await analyst.get('/api/v1/reports/0123456789abcdef01234567/content.pdf')).status).toBe(404);
  });
});
