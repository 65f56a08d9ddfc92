import { mkdirSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { RunningWorker } from '@vidnova/reporting';
import { ApiClient } from '@vidnova/testing';
import { chromium } from 'playwright-core';
import { code } from './enterprise-support';
import { pdfText } from './pdf-text';
import { startPlatform, TestPlatform, untilImported } from './platform';
import { seedDialogue, seedEnterprises } from './reporting-seed';
import { publishPriorities, runSeed, startReportWorker, untilFinished } from './reporting-support';
import { PROCUREMENT_PACKAGE } from './enterprise-support';

/**
 * The enterprise-efficiency and dialogue-events sources of the reports, end to end through the gateway:
 * enterprises seeded with the real statement of test/fixtures/enterprises (and synthetic peers so the
 * sector has scores), budget support and the Prozorro package; dialogue events, registrations, minutes
 * and commitments of Shatsk in 2022. Every enterprise and dialogue figure in the reports is compared
 * with the source service's own HTTP route (the independent oracle), and a source that does not answer
 * leaves a `partial` report naming it in Ukrainian and English.
 */
const SHATSK = 'UA07060450000051170';
const BAKHMACH = 'UA74040030000093042';
const YEAR = 2022;
const SAMPLES = resolve(__dirname, '../../.vidnova/reporting');

type Json = Record<string, any>;

describe('reporting: enterprises and dialogue sources', () => {
  let p: TestPlatform;
  let worker: RunningWorker;
  let analyst: ApiClient;
  let monitoring: Json;

  beforeAll(async () => {
    p = await startPlatform(['budget-analysis', 'consultations', 'diaspora-registry', 'enterprise-efficiency', 'dialogue-events', 'reporting']);
    worker = await startReportWorker(p);
    expect((await runSeed(p.env.NATS_URL)).code).toBe(0);
    const key = async (body: Json) => p.api.withKey((await p.admin.post('/api/v1/api-keys', { name: `${body.role} key`, ...body })).body.key);
    analyst = await key({ role: 'analyst' });
    const editor = await key({ role: 'editor', communities: [SHATSK] });
    const reader = await key({ role: 'reader' });
    await publishPriorities(editor, SHATSK, { roads_transport: 3, water_sanitation: 2, schools_kindergartens: 1 });
    // The real statement goes to the Prozorro package's buyer (03350019), so its procurement is in the overview for 2024.
    await seedEnterprises(p.admin, SHATSK, [YEAR, 2024], { prefix: '0335', real: code('0335001') });
    // Peers elsewhere: the sector has six enterprises with statements, enough for percentiles and scores.
    await seedEnterprises(p.admin, BAKHMACH, [YEAR, 2024], { prefix: '0413' });
    expect((await untilImported(p.admin, await p.admin.request('POST', '/api/v1/procurement/imports', PROCUREMENT_PACKAGE, { 'content-type': 'application/octet-stream' }))).body.status).toBe('completed');
    await seedDialogue(editor, reader, SHATSK, YEAR);
  }, 240000);
  afterAll(async () => {
    await worker?.stop();
    await p?.stop();
  });

  /** The enterprise section against GET /api/v1/communities/{k}/enterprises/overview and each assessment. */
  async function expectEnterprisesMatchRoutes(section: Json, year: number) {
    const overview = await analyst.get(`/api/v1/communities/${SHATSK}/enterprises/overview?year=${year}`);
    expect(overview.status).toBe(200);
    expect(section.year).toBe(year);
    const entries = overview.body.enterprises as Json[];
    expect(section.enterprises.map((e: Json) => e.edrpou)).toEqual(entries.map((e) => e.edrpou));
    for (const [i, e] of entries.entries()) {
      const r = section.enterprises[i];
      expect(r.score).toBe(e.score);
      expect(r.flags.map((f: Json) => f.key)).toEqual(e.flags);
      expect(r.budgetSupport).toEqual(
        e.budgetSupport && {
          operatingSubsidies: e.budgetSupport.operatingSubsidies,
          capitalTransfers: e.budgetSupport.capitalTransfers,
          charterCapital: e.budgetSupport.charterCapital,
          total: e.budgetSupport.total,
          shareOfBudget: e.budgetSupport.communityBudget?.share ?? null,
        },
      );
      const pr = e.procurement;
      expect(r.procurement).toEqual(
        pr && { procedures: pr.procedures, competitive: pr.competitive, nonCompetitive: pr.nonCompetitive, nonCompetitiveShare: pr.nonCompetitiveShare, expectedValue: pr.expectedValue, contractedValue: pr.contractedValue, savings: pr.savings, averageTenderers: pr.averageTenderers },
      );
      if (e.score !== null || e.flags.length) {
        const a = (await analyst.get(`/api/v1/enterprises/${e.edrpou}/assessment?year=${year}`)).body;
        expect(r.flags.map((f: Json) => f.text)).toEqual(a.flags.map((f: Json) => ({ uk: f.text.uk, en: f.text.en })));
        const recs = section.recommendations.filter((x: Json) => x.edrpou === e.edrpou);
        expect(recs.map((x: Json) => [x.trigger, x.figures])).toEqual(a.recommendations.map((x: Json) => [x.trigger, x.figures]));
      }
    }
    const sum = (f: (e: Json) => number) => entries.reduce((t, e) => t + f(e), 0);
    expect(section.totals).toEqual({
      enterprises: entries.length,
      scored: entries.filter((e) => e.score !== null).length,
      flagged: entries.filter((e) => e.flags.length).length,
      budgetSupport: sum((e) => e.budgetSupport?.total ?? 0),
      procedures: sum((e) => e.procurement?.procedures ?? 0),
      nonCompetitive: sum((e) => e.procurement?.nonCompetitive ?? 0),
      contractedValue: sum((e) => e.procurement?.contractedValue ?? 0),
    });
    return entries;
  }

  /** The dialogue section against the involvement, event and commitment routes of dialogue-events. */
  async function expectDialogueMatchesRoutes(section: Json) {
    const q = `from=${YEAR}-01-01&to=${YEAR}-12-31`;
    const inv = await analyst.get(`/api/v1/communities/${SHATSK}/involvement?${q}`);
    expect(inv.status).toBe(200);
    const { community: _c, from: _f, to: _t, ...figures } = inv.body;
    expect(section.involvement).toEqual(figures);
    expect(section).toMatchObject({ from: `${YEAR}-01-01`, to: `${YEAR}-12-31` });
    // Events starting in the period, not cancelled (as involvement counts them), oldest first.
    const events = (await analyst.get(`/api/v1/dialogue/events?community=${SHATSK}&${q}&limit=100`)).body.items as Json[];
    const inPeriod = events.filter((e) => e.status !== 'cancelled' && e.startsAt.startsWith(String(YEAR))).sort((a, b) => a.startsAt.localeCompare(b.startsAt));
    expect(section.events.map((e: Json) => [e.id, e.startsAt, e.level, e.status])).toEqual(inPeriod.map((e) => [e.id, e.startsAt, e.level, e.status]));
    expect(section.events).toHaveLength(inv.body.events);
    // Commitments of those events, counted here from the commitment route.
    const ids = new Set(inPeriod.map((e) => e.id));
    const commitments = ((await analyst.get(`/api/v1/dialogue/commitments?community=${SHATSK}&limit=100`)).body.items as Json[]).filter((c) => ids.has(c.eventId));
    expect(section.commitments).toEqual({
      made: commitments.length,
      done: commitments.filter((c) => c.status === 'done').length,
      open: commitments.filter((c) => ['open', 'in_progress'].includes(c.status)).length,
      overdue: commitments.filter((c) => c.overdue).length,
      dropped: commitments.filter((c) => c.status === 'dropped').length,
    });
    // What was seeded: four commitments, one each done, dropped, overdue (due mid-2022) and not yet due.
    expect(section.commitments).toEqual({ made: 4, done: 1, open: 2, overdue: 1, dropped: 1 });
    expect(inv.body).toMatchObject({ commitmentsMade: 4, commitmentsDone: 1, commitmentsOverdue: 1 });
    expect(section.overdue.map((o: Json) => o.id)).toEqual(commitments.filter((c) => c.overdue).map((c) => c.id));
  }

  it('builds a complete community-monitoring report whose enterprise and dialogue figures equal the source routes', async () => {
    const accepted = await analyst.post('/api/v1/reports', { type: 'community-monitoring', community: SHATSK, period: String(YEAR) });
    expect(accepted.status).toBe(202);
    const location = accepted.headers.get('location')!;
    const done = await untilFinished(analyst, location, 120000);
    expect(done.body).toMatchObject({ status: 'completed', gaps: [] });
    const r = (await analyst.get(`${location}/content.json`)).body;
    monitoring = { ...r, location };
    expect(r.sources.map((s: Json) => [s.id, s.ok])).toEqual([
      ['priorities', true],
      ['budget', true],
      ['alignment', true],
      ['enterprises', true],
      ['dialogue', true],
      ['diasporaInitiatives', true],
    ]);

    const entries = await expectEnterprisesMatchRoutes(r.sections.enterprises, YEAR);
    expect(entries).toHaveLength(3);
    // Six water utilities have 2022 statements: every Shatsk one gets a score.
    expect(entries.every((e) => typeof e.score === 'number')).toBe(true);
    // The budget support of the real-statement enterprise as entered, and its share of Shatsk's executed spending.
    const real = r.sections.enterprises.enterprises.find((e: Json) => e.edrpou === '03350019');
    expect(real.budgetSupport.total).toBe(15000000 + 5000050);
    const summary = (await analyst.get(`/api/v1/budget/budgets/${SHATSK}/summary?year=${YEAR}`)).body;
    expect(real.budgetSupport.shareOfBudget).toBeCloseTo((15000000 + 5000050) / summary.totals.executed, 4);
    await expectDialogueMatchesRoutes(r.sections.dialogue);

    // Recommendations gathered from each source, each with its evidence.
    const bySource = (s: string) => r.recommendations.filter((x: Json) => x.source === s);
    expect(bySource('enterprise-efficiency').map((x: Json) => x.id).sort()).toEqual(r.sections.enterprises.recommendations.map((x: Json) => `${x.edrpou}:${x.trigger}`).sort());
    expect(bySource('dialogue-events')).toHaveLength(1);
    expect(bySource('dialogue-events')[0].evidence).toMatchObject({ dueDate: `${YEAR}-06-01`, event: r.sections.dialogue.events[0].id });
    for (const x of r.recommendations) {
      expect(x.text.uk.length).toBeGreaterThan(10);
      expect(x.text.en.length).toBeGreaterThan(10);
      expect(Object.keys(x.evidence).length).toBeGreaterThan(0);
    }

    // CSV: one line per figure; money as exact hryvnias computed here from the kopiykas.
    const csv = String((await analyst.get(`${location}/content.csv`)).body);
    const k = r.sections.enterprises.totals.budgetSupport as number;
    expect(csv).toContain(`,enterprises,enterprise-efficiency,,budget_support_total,${Math.trunc(k / 100)}.${String(k % 100).padStart(2, '0')},UAH`);
    expect(csv).toContain(`,dialogue,dialogue-events,,involvement_index,${r.sections.dialogue.involvement.index},points`);
    expect(csv).toContain(`,dialogue,dialogue-events,,commitments_overdue,1,count`);
  }, 180000);

  it('shows the enterprise scores chart and the dialogue figures in uk-UA and en formats in the HTML, and in the PDF', async () => {
    const { location } = monitoring;
    const uk = String((await analyst.get(`${location}/content.html`)).body);
    const en = String((await analyst.get(`${location}/content.html?lang=en`)).body);
    // The chart's bars are the scored enterprises, highest first, with their scores.
    const scored = monitoring.sections.enterprises.enterprises.filter((e: Json) => e.score !== null).map((e: Json) => e.score).sort((a: number, b: number) => b - a);
    const chart = /<svg data-chart="enterprise-scores"[\s\S]*?<\/svg>/.exec(uk)![0];
    expect([...chart.matchAll(/data-value="([^"]+)"/g)].map((m) => Number(m[1]))).toEqual(scored);
    // Money and numbers formatted here with Intl from the source's kopiykas.
    const k = monitoring.sections.enterprises.totals.budgetSupport as number;
    const hryvnias = `${Math.trunc(k / 100)}.${String(k % 100).padStart(2, '0')}` as unknown as number;
    expect(uk).toContain(new Intl.NumberFormat('uk-UA', { style: 'currency', currency: 'UAH' }).format(hryvnias));
    expect(en).toContain(new Intl.NumberFormat('en-GB', { style: 'currency', currency: 'UAH', currencyDisplay: 'code' }).format(hryvnias));
    const index = monitoring.sections.dialogue.involvement.index as number;
    const fmt = (l: string) => new Intl.NumberFormat(l, { minimumFractionDigits: 1, maximumFractionDigits: 1 }).format(index);
    expect(uk).toContain(`<b data-figure="dialogue.index">${fmt('uk-UA')}</b>`);
    expect(en).toContain(`<b data-figure="dialogue.index">${fmt('en-GB')}</b>`);
    expect(uk).toContain('Індекс залученості');
    expect(en).toContain('Involvement index');
    expect(uk).toContain(new Intl.DateTimeFormat('uk-UA', { dateStyle: 'long', timeZone: 'Europe/Kyiv' }).format(new Date(monitoring.sections.dialogue.events[0].startsAt)));

    mkdirSync(SAMPLES, { recursive: true });
    writeFileSync(join(SAMPLES, 'sample-community-monitoring.json'), JSON.stringify(monitoring, null, 2));
    writeFileSync(join(SAMPLES, 'sample-community-monitoring-uk.html'), uk);
    const browser = await chromium.launch({ executablePath: '/usr/bin/chromium', args: ['--headless', '--no-sandbox', '--disable-gpu', '--no-first-run', '--disable-background-networking'] });
    try {
      const tab = await browser.newPage({ viewport: { width: 390, height: 844 } });
      await tab.setContent(uk, { waitUntil: 'load' });
      writeFileSync(join(SAMPLES, 'community-monitoring-sources-uk-phone.png'), await tab.screenshot({ fullPage: true }));
      const bars = await tab.$$eval('svg[data-chart="enterprise-scores"] rect[data-value]', (rects) => rects.map((x) => x.getBoundingClientRect().width));
      expect(bars).toHaveLength(scored.length);
      expect(bars.every((w) => w > 0)).toBe(true);
    } finally {
      await browser.close();
    }
    const pdf = await fetch(`${p.api.baseUrl}${location}/content.pdf`, { headers: { 'x-api-key': analyst.apiKey! } });
    const bytes = Buffer.from(await pdf.arrayBuffer());
    writeFileSync(join(SAMPLES, 'sample-community-monitoring-uk.pdf'), bytes);
    const squash = (s: string) => s.replace(/\s+/g, '');
    const text = squash(pdfText(bytes));
    expect(text).toContain(squash('Комунальні підприємства'));
    expect(text).toContain(squash(`Індекс залученості: ${fmt('uk-UA')}`));
  }, 120000);

  it('builds civil-society involvement from the same dialogue figures, and the enterprises of 2024 with their procurement', async () => {
    const inv = await analyst.post('/api/v1/reports', { type: 'civil-society-involvement', community: SHATSK, period: String(YEAR), lang: 'en' });
    const done = await untilFinished(analyst, inv.headers.get('location')!, 120000);
    expect(done.body).toMatchObject({ status: 'completed', gaps: [] });
    const r = (await analyst.get(`/api/v1/reports/${inv.body.id}/content.json`)).body;
    expect(Object.keys(r.sections).sort()).toEqual(['dialogue', 'diasporaInitiatives', 'priorities']);
    await expectDialogueMatchesRoutes(r.sections.dialogue);

    // 2024: no budget figures (the KSE data ends in 2022) — a data gap — but the enterprises' statements
    // and the Prozorro procedures of 03350019 are there.
    const later = await analyst.post('/api/v1/reports', { type: 'community-monitoring', community: SHATSK, period: '2024-Q4' });
    const laterDone = await untilFinished(analyst, later.headers.get('location')!, 120000);
    expect(laterDone.body.status).toBe('partial');
    expect(laterDone.body.gaps.map((g: Json) => [g.source, g.reason])).toEqual([
      ['budget-analysis', 'no_data'],
      ['consultations + budget-analysis', 'no_data'],
      ['dialogue-events', 'no_data'],
    ]);
    const l = (await analyst.get(`/api/v1/reports/${later.body.id}/content.json`)).body;
    await expectEnterprisesMatchRoutes(l.sections.enterprises, 2024);
    expect(l.sections.enterprises.totals.procedures).toBeGreaterThan(0);
    // Each gap is said in both languages.
    for (const g of laterDone.body.gaps) {
      expect(g.message.uk).toMatch(/[а-яіїєґ]/i);
      expect(g.message.en).not.toMatch(/[а-яіїєґ]/i);
      expect(g.detail).toBe(g.message.en);
    }
  }, 180000);

  it('leaves a partial report naming a source that does not answer, in Ukrainian and English', async () => {
    // dialogue-events goes away (stopped): no instance takes the question.
    const [dialogue] = p.services['dialogue-events'].splice(0);
    await dialogue.stop();
    const accepted = await analyst.post('/api/v1/reports', { type: 'civil-society-involvement', community: SHATSK, period: String(YEAR), force: true });
    expect(accepted.status).toBe(202);
    const done = await untilFinished(analyst, accepted.headers.get('location')!, 120000);
    expect(done.body.status).toBe('partial');
    expect(done.body.gaps).toEqual([
      {
        source: 'dialogue-events',
        reason: 'unavailable',
        detail: 'dialogue-events is not running (no instance took the question)',
        message: { uk: 'Сервіс dialogue-events не працює: жоден його екземпляр не прийняв запит', en: 'dialogue-events is not running (no instance took the question)' },
      },
    ]);
    const r = (await analyst.get(`/api/v1/reports/${accepted.body.id}/content.json`)).body;
    expect(r.sections.dialogue).toBeUndefined();
    const uk = String((await analyst.get(`/api/v1/reports/${accepted.body.id}/content.html?lang=uk`)).body);
    const en = String((await analyst.get(`/api/v1/reports/${accepted.body.id}/content.html?lang=en`)).body);
    expect(uk).toContain('Прогалини в даних');
    expect(uk).toContain('Сервіс dialogue-events не працює: жоден його екземпляр не прийняв запит');
    expect(uk).toContain('(недоступне)');
    expect(en).toContain('Data gaps');
    expect(en).toContain('dialogue-events is not running (no instance took the question)');
    expect(en).not.toContain('Сервіс dialogue-events');
    const csvUk = String((await analyst.get(`/api/v1/reports/${accepted.body.id}/content.csv?lang=uk`)).body);
    expect(csvUk).toContain(',data_gaps,dialogue-events,unavailable,missing,Сервіс dialogue-events не працює');
  }, 120000);
});
