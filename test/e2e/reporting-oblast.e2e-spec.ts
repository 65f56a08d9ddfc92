import { createHash } from 'node:crypto';
import { mkdirSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { CIVIL_SOCIETY_GROUPS, STAKEHOLDER_GROUPS } from '@vidnova/contracts';
import { RunningWorker } from '@vidnova/reporting';
import { ApiClient } from '@vidnova/testing';
import { pdfText } from './pdf-text';
import { startPlatform, TestPlatform } from './platform';
import { seedDialogue } from './reporting-seed';
import { startReportWorker, untilFinished } from './reporting-support';

/**
 * Issue 11: civil-society-involvement about an oblast, end to end through the gateway. Dialogue in two
 * communities of Volyn (Shatsk with the usual year of dialogue, Lutsk with a held meeting shared with
 * Shatsk and a planned one) and in Bakhmach (Chernihiv oblast, must not count). The report's figures
 * equal GET /api/v1/oblasts/{katottg}/involvement and a recomputation here from what was seeded, by the
 * formula of docs/dialogue-methodology.md.
 */
const VOLYN = 'UA07000000000024379';
const SHATSK = 'UA07060450000051170';
const LUTSK = 'UA07080170000013585';
const BAKHMACH = 'UA74040030000093042';
const YEAR = 2022;
const SAMPLES = resolve(__dirname, '../../.vidnova/reporting');

type Json = Record<string, any>;

describe('reporting: civil-society involvement of an oblast', () => {
  let p: TestPlatform;
  let worker: RunningWorker;
  let analyst: ApiClient;
  let shared: string;
  let lutskInitiative: string;

  beforeAll(async () => {
    p = await startPlatform(['consultations', 'diaspora-registry', 'dialogue-events', 'reporting']);
    worker = await startReportWorker(p);
    const key = async (body: Json) => p.api.withKey((await p.admin.post('/api/v1/api-keys', { name: `${body.role} key`, ...body })).body.key);
    analyst = await key({ role: 'analyst' });
    const editor = await key({ role: 'editor', communities: [SHATSK, LUTSK, BAKHMACH] });
    const reader = await key({ role: 'reader' });
    const partner = await key({ role: 'partner', organization: 'oblast-test-org' });
    await seedDialogue(editor, reader, SHATSK, YEAR);
    await seedDialogue(editor, reader, BAKHMACH, YEAR);

    // Lutsk: a held meeting concerning Lutsk and Shatsk (counted once in the oblast), with a question and
    // attendance in its minutes; and a planned one.
    const body = (over: Json) => ({
      title: { uk: 'Обласна зустріч', en: 'Oblast meeting' },
      level: 'community',
      format: 'in_person',
      venue: { name: 'Палац культури', address: 'пр. Волі, 1, Луцьк' },
      languages: ['uk'],
      organisers: [{ kind: 'organization', name: 'Луцька міська рада' }],
      ...over,
    });
    const created = await editor.post('/api/v1/dialogue/events', body({ communities: [LUTSK, SHATSK], startsAt: `${YEAR}-10-05T08:00:00Z`, endsAt: `${YEAR}-10-05T10:00:00Z` }));
    expect(created.status).toBe(201);
    shared = created.body.id;
    expect((await editor.post(`/api/v1/dialogue/events/${shared}/status`, { status: 'registration_open' })).status).toBe(200);
    expect((await reader.post(`/api/v1/dialogue/events/${shared}/contributions`, { kind: 'comment', text: 'Дякуємо за зустріч' })).status).toBe(201);
    for (const status of ['registration_closed', 'held']) expect((await editor.post(`/api/v1/dialogue/events/${shared}/status`, { status })).status).toBe(200);
    const minutes = await editor.put(`/api/v1/dialogue/events/${shared}/minutes`, {
      text: { uk: 'Протокол' },
      attendance: [{ group: 'resident', count: 10 }, { group: 'business', count: 3 }],
    });
    expect(minutes.status).toBe(200);
    expect((await editor.post('/api/v1/dialogue/events', body({ communities: [LUTSK], startsAt: `${YEAR}-11-05T08:00:00Z`, endsAt: `${YEAR}-11-05T10:00:00Z` }))).status).toBe(201);

    // Diaspora initiatives: one for Lutsk (in the oblast), one for Bakhmach (not).
    const org = await partner.post('/api/v1/diaspora/organizations', { name: { original: 'Ukrainischer Verein Köln' }, country: 'DE', city: 'Köln', type: 'association' });
    expect(org.status).toBe(201);
    const initiative = (target: string) => ({
      title: { uk: `Генератори ${target}`, en: `Generators ${target}` },
      type: 'fundraising',
      organizerIds: [org.body.id],
      startDate: `${YEAR}-01-15`,
      amountsRaised: [{ amountMinor: 1250000, currency: 'EUR' }],
      targetCommunityCode: target,
    });
    const lutsk = await partner.post('/api/v1/diaspora/initiatives', initiative(LUTSK));
    expect(lutsk.status).toBe(201);
    lutskInitiative = lutsk.body.id;
    expect((await partner.post('/api/v1/diaspora/initiatives', initiative(BAKHMACH))).status).toBe(201);
  }, 240000);
  afterAll(async () => {
    await worker?.stop();
    await p?.stop();
  });

  it('answers the oblast involvement from the events of its communities, recomputed here by the documented formula', async () => {
    const res = await analyst.get(`/api/v1/oblasts/${VOLYN}/involvement?from=${YEAR}-01-01&to=${YEAR}-12-31`);
    expect(res.status).toBe(200);
    const v = res.body;
    // Seeded in Volyn in 2022: Shatsk's meeting A (held; check-ins resident 6, veteran 2, council member 1 of 12 registrations;
    // a question; commitments overdue, done, dropped, not yet due), hearing B (regional, held; minutes: CSOs 12, local
    // government 5, media 2), planned C; the shared meeting (held; minutes: residents 10, business 3; a comment); Lutsk's planned one.
    // Shatsk's cancelled event and its 2023 event do not count, nor anything in Bakhmach.
    const attendance: Record<string, number> = { resident: 16, veteran: 2, council_member: 1, civil_society_organization: 12, local_self_government: 5, media: 2, business: 3 };
    const total = Object.values(attendance).reduce((s, n) => s + n, 0);
    const civil = Object.entries(attendance).filter(([g]) => (CIVIL_SOCIETY_GROUPS as readonly string[]).includes(g)).reduce((s, [, n]) => s + n, 0);
    const C = civil / total;
    const D = Object.keys(attendance).length / STAKEHOLDER_GROUPS.length;
    const T = Math.min(1, total / 12);
    const Q = 2 / 3; // A and the shared meeting had contributions, B none
    const F = 1 / 2; // of the two commitments due (done, overdue) one is done
    const index = Math.round(1000 * (0.3 * C + 0.2 * D + 0.15 * T + 0.15 * Q + 0.2 * F)) / 10;
    expect(v).toMatchObject({
      oblast: VOLYN,
      events: 5,
      eventsHeld: 3,
      registrations: 12,
      attendance: total,
      contributions: 2,
      commitmentsMade: 4,
      commitmentsDone: 1,
      commitmentsOverdue: 1,
      index,
      methodology: 'dialogue-involvement-v1',
    });
    expect(v.eventsByLevel).toEqual([
      { level: 'community', events: 4 },
      { level: 'regional', events: 1 },
      { level: 'national', events: 0 },
      { level: 'diaspora', events: 0 },
      { level: 'international', events: 0 },
    ]);
    expect(v.civilSocietyShare).toBeCloseTo(C, 4);
    expect(v.components).toEqual({
      civilSocietyShare: Math.round(C * 1e4) / 1e4,
      groupDiversity: Math.round(D * 1e4) / 1e4,
      turnout: T,
      deliberation: Math.round(Q * 1e4) / 1e4,
      followThrough: F,
    });
    expect(v.communities).toEqual([
      { community: SHATSK, events: 4, eventsHeld: 3 },
      { community: LUTSK, events: 2, eventsHeld: 1 },
    ]);
    // A community's own figures are unchanged by the shared meeting being counted once in the oblast.
    const shatsk = (await analyst.get(`/api/v1/communities/${SHATSK}/involvement?from=${YEAR}-01-01&to=${YEAR}-12-31`)).body;
    expect(shatsk).toMatchObject({ events: 4, eventsHeld: 3 });
  });

  it('builds a completed oblast report whose figures equal the oblast route, names the oblast and says priorities are per community', async () => {
    const accepted = await analyst.post('/api/v1/reports', { type: 'civil-society-involvement', oblast: VOLYN, period: String(YEAR) });
    expect(accepted.status).toBe(202);
    expect(accepted.body).toMatchObject({ oblast: VOLYN, type: 'civil-society-involvement' });
    expect(accepted.body.community).toBeUndefined();
    // The run id names the oblast as the subject: sha256("type|oblast:<code>|period").
    expect(accepted.body.id).toBe(createHash('sha256').update(`civil-society-involvement|oblast:${VOLYN}|${YEAR}`).digest('hex').slice(0, 24));
    const location = accepted.headers.get('location')!;
    const done = await untilFinished(analyst, location, 120000);
    expect(done.body.status).toBe('completed');
    expect(done.body.gaps).toEqual([
      {
        source: 'consultations',
        reason: 'not_applicable',
        detail: "consultations answers these figures per community only, so this report on the oblast (Volynska oblast) has no such section (the communities' figures are not combined)",
        message: {
          uk: 'consultations дає ці дані лише для окремої громади, тому звіт за областю (Волинська область) цього розділу не містить (дані громад області не зводяться)',
          en: "consultations answers these figures per community only, so this report on the oblast (Volynska oblast) has no such section (the communities' figures are not combined)",
        },
      },
    ]);
    // The same request names the same run.
    const again = await analyst.post('/api/v1/reports', { type: 'civil-society-involvement', oblast: VOLYN, period: String(YEAR) });
    expect(again.body.id).toBe(accepted.body.id);
    expect((await analyst.get(`/api/v1/reports?oblast=${VOLYN}`)).body.items.map((x: Json) => x.id)).toEqual([accepted.body.id]);

    const r = (await analyst.get(`${location}/content.json`)).body;
    expect(r.subject).toEqual({ field: 'oblast', code: VOLYN, name: { uk: 'Волинська область', en: 'Volynska oblast' } });
    expect(r.sources.map((s: Json) => [s.id, s.ok])).toEqual([
      ['priorities', false],
      ['dialogue', true],
      ['diasporaInitiatives', true],
    ]);
    const route = (await analyst.get(`/api/v1/oblasts/${VOLYN}/involvement?from=${YEAR}-01-01&to=${YEAR}-12-31`)).body;
    const { oblast: _o, from: _f, to: _t, communities, ...figures } = route;
    const d = r.sections.dialogue;
    expect(d.involvement).toEqual(figures);
    expect(d.communities).toEqual([
      { ...communities[0], name: { uk: 'Шацька', en: 'Shatska' } },
      { ...communities[1], name: { uk: 'Луцька', en: 'Lutska' } },
    ]);
    // The events of both communities, the shared one once; the commitments of Shatsk's meeting.
    const listed = async (community: string) => (await analyst.get(`/api/v1/dialogue/events?community=${community}&from=${YEAR}-01-01&to=${YEAR}-12-31&limit=100`)).body.items as Json[];
    const byId = new Map([...(await listed(SHATSK)), ...(await listed(LUTSK))].map((e) => [e.id, e]));
    const expected = [...byId.values()].filter((e) => e.status !== 'cancelled' && e.startsAt.startsWith(String(YEAR))).sort((a, b) => a.startsAt.localeCompare(b.startsAt));
    expect(d.events.map((e: Json) => e.id)).toEqual(expected.map((e) => e.id));
    expect(d.events).toHaveLength(route.events);
    expect(d.events.filter((e: Json) => e.id === shared)).toHaveLength(1);
    expect(d.commitments).toEqual({ made: 4, done: 1, open: 2, overdue: 1, dropped: 1 });
    // Diaspora initiatives aimed at any community of the oblast: Lutsk's, not Bakhmach's.
    expect(r.sections.diasporaInitiatives).toMatchObject({ count: 1, raised: [{ currency: 'EUR', amountMinor: 1250000 }] });
    expect(r.sections.diasporaInitiatives.initiatives.map((i: Json) => i.id)).toEqual([lutskInitiative]);

    // Titles name the oblast in HTML, CSV and PDF; the data gap is said in both languages.
    const uk = String((await analyst.get(`${location}/content.html`)).body);
    const en = String((await analyst.get(`${location}/content.html?lang=en`)).body);
    expect(uk).toContain(`<h1 data-figure="subject">Волинська область (${VOLYN})</h1>`);
    expect(uk).toMatch(/<title>Залученість громадянського суспільства — Волинська область/);
    expect(en).toContain(`<h1 data-figure="subject">Volynska oblast (${VOLYN})</h1>`);
    expect(uk).toContain('Громади області з подіями');
    expect(uk).toContain('consultations дає ці дані лише для окремої громади');
    expect(en).toContain('consultations answers these figures per community only');
    expect(en).toContain('These sections are not part of a report about this subject');
    const csvEn = String((await analyst.get(`${location}/content.csv?lang=en`)).body);
    expect(csvEn).toContain(`civil-society-involvement,${VOLYN},${YEAR},title,reporting,oblast,name,Civil society involvement — Volynska oblast,`);
    expect(csvEn).toContain(`,dialogue,dialogue-events,,involvement_index,${figures.index},points`);
    expect(csvEn).toContain(`,dialogue,dialogue-events,${LUTSK},community_events,2,count`);
    expect(csvEn).toContain(',data_gaps,consultations,not_applicable,missing,"consultations answers these figures per community only, so');
    const pdf = await fetch(`${p.api.baseUrl}${location}/content.pdf`, { headers: { 'x-api-key': analyst.apiKey! } });
    expect(pdf.status).toBe(200);
    const bytes = Buffer.from(await pdf.arrayBuffer());
    const squash = (s: string) => s.replace(/\s+/g, '');
    expect(squash(pdfText(bytes))).toContain(squash('Волинська область'));
    mkdirSync(SAMPLES, { recursive: true });
    writeFileSync(join(SAMPLES, 'sample-civil-society-involvement-oblast.json'), JSON.stringify(r, null, 2));
    writeFileSync(join(SAMPLES, 'sample-civil-society-involvement-oblast-uk.html'), uk);
    writeFileSync(join(SAMPLES, 'sample-civil-society-involvement-oblast-uk.pdf'), bytes);
  }, 180000);

  it('refuses a request that names no subject, both, the wrong one or an unknown oblast with a problem', async () => {
    const problem = async (body: Json, status: number, field: string) => {
      const res = await analyst.post('/api/v1/reports', { type: 'civil-society-involvement', period: String(YEAR), ...body });
      expect(res.status).toBe(status);
      expect(res.headers.get('content-type')).toMatch(/^application\/problem\+json/);
      expect(res.body).toMatchObject({ status });
      expect(JSON.stringify(res.body)).toContain(field);
    };
    await problem({}, 400, 'oblast');
    await problem({ community: SHATSK, oblast: VOLYN }, 400, 'oblast');
    await problem({ oblast: 'UA07' }, 400, 'oblast');
    // Well-formed, but the code of a community, not of an oblast.
    await problem({ oblast: SHATSK }, 422, 'oblast');
    const monitoring = await analyst.post('/api/v1/reports', { type: 'community-monitoring', oblast: VOLYN, period: String(YEAR) });
    expect(monitoring.status).toBe(400);
    expect(JSON.stringify(monitoring.body)).toContain('oblast does not apply to community-monitoring');
    // Schedules take the same subjects, checked the same way.
    const schedule = await analyst.post('/api/v1/report-schedules', { type: 'civil-society-involvement', oblast: VOLYN, cron: '0 6 1 1 *', periodicity: 'year' });
    expect(schedule.status).toBe(201);
    expect(schedule.body).toMatchObject({ type: 'civil-society-involvement', oblast: VOLYN });
    expect(schedule.body.community).toBeUndefined();
    expect((await analyst.delete(`/api/v1/report-schedules/${schedule.body.id}`)).status).toBe(204);
    expect((await analyst.post('/api/v1/report-schedules', { type: 'civil-society-involvement', oblast: SHATSK, cron: '0 6 1 1 *' })).status).toBe(422);
    expect((await analyst.post('/api/v1/report-schedules', { type: 'civil-society-involvement', community: SHATSK, oblast: VOLYN, cron: '0 6 1 1 *' })).status).toBe(400);
    // The oblast route: unknown 404, malformed 400.
    expect((await analyst.get(`/api/v1/oblasts/${SHATSK}/involvement`)).status).toBe(404);
    expect((await analyst.get('/api/v1/oblasts/UA07/involvement')).status).toBe(400);
  });
});
