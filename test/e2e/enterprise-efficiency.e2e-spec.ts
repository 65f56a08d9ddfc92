import { BUDGET_OPS } from '@vidnova/contracts';
import { BusClient } from '@vidnova/messaging';
import { code, LINES, PROCUREMENT_PACKAGE, synthetic } from './enterprise-support';
import { startPlatform, TestPlatform, untilImported } from './platform';

const SHATSK = 'UA07060450000051170';
const BAKHMACH = 'UA74040030000093042';
const YEAR = 2023;

/** Oracle of the unit conversion: thousand UAH with one decimal → kopiykas, by integer arithmetic on tenths. */
const kop = (thousandUah: number) => Math.round(thousandUah * 10) * 10000;

const enterprise = (edrpou: string, over: Record<string, unknown> = {}) => ({
  edrpou,
  name: { uk: `КП "Підприємство ${edrpou}"`, en: `Enterprise ${edrpou}` },
  legalForm: 'communal_enterprise',
  sector: 'water_sewerage',
  community: SHATSK,
  staff: [{ year: YEAR, count: 20 }],
  ...over,
});

describe('enterprise-efficiency through the gateway', () => {
  let p: TestPlatform;
  let partnerA: TestPlatform['api'];
  let partnerB: TestPlatform['api'];
  let shatskEditor: TestPlatform['api'];
  let bakhmachEditor: TestPlatform['api'];
  let analyst: TestPlatform['api'];
  let reader: TestPlatform['api'];
  const MAIN = code('0335001');

  const key = async (body: Record<string, unknown>) => {
    const r = await p.admin.post('/api/v1/api-keys', { name: `key ${body.role}`, ...body });
    expect(r.status).toBe(201);
    return p.api.withKey(r.body.key);
  };

  beforeAll(async () => {
    p = await startPlatform(['enterprise-efficiency', 'budget-analysis']);
    partnerA = await key({ role: 'partner', organization: 'org-a' });
    partnerB = await key({ role: 'partner', organization: 'org-b' });
    shatskEditor = await key({ role: 'editor', communities: [SHATSK] });
    bakhmachEditor = await key({ role: 'editor', communities: [BAKHMACH] });
    analyst = await key({ role: 'analyst' });
    reader = await key({ role: 'reader' });
  });
  afterAll(() => p?.stop());

  it('is part of the gateway readiness', async () => {
    const ready = await p.api.get('/health/ready');
    expect(ready.status).toBe(200);
    expect(ready.body.checks['service:enterprise-efficiency'].status).toBe('ok');
  });

  describe('registry', () => {
    it('registers an enterprise owned by the key’s organisation, with its community from the register', async () => {
      const r = await partnerA.post('/api/v1/enterprises', enterprise(MAIN));
      expect(r.status).toBe(201);
      expect(r.body).toMatchObject({ edrpou: MAIN, owner: 'org-a', communities: [SHATSK], community: SHATSK, communityName: expect.stringMatching(/Shatsk/), staff: [{ year: YEAR, count: 20 }] });
      expect(r.body.oblast).toMatch(/^UA07/);
      expect((await partnerA.post('/api/v1/enterprises', enterprise(MAIN))).status).toBe(409);
    });

    it('refuses a wrong check digit with 422, a malformed code with 400, an unknown community with 422', async () => {
      const good = code('0335009');
      const wrong = `${good.slice(0, 7)}${(Number(good[7]) + 1) % 10}`;
      const bad = await p.admin.post('/api/v1/enterprises', enterprise(wrong));
      expect(bad.status).toBe(422);
      expect(JSON.stringify(bad.body)).toContain('check digit');
      expect((await p.admin.get(`/api/v1/enterprises/${wrong}`)).status).toBe(422);
      expect((await p.admin.post('/api/v1/enterprises', enterprise('1234567'))).status).toBe(400);
      expect((await p.admin.post('/api/v1/enterprises', enterprise(good, { community: 'UA99999999999999999' }))).status).toBe(422);
      expect((await p.admin.post('/api/v1/enterprises', enterprise(good, { sector: 'mining' }))).status).toBe(400);
      expect((await p.admin.post('/api/v1/enterprises', enterprise(good, { legalForm: 'llc' }))).status).toBe(400);
    });

    it('finds by community, sector and text, also under the community', async () => {
      const other = code('0335010');
      expect((await p.admin.post('/api/v1/enterprises', enterprise(other, { community: BAKHMACH, sector: 'heat_supply', name: { uk: 'КП "Бахмачтепло"' } }))).status).toBe(201);
      const bySector = await reader.get('/api/v1/enterprises?sector=heat_supply');
      expect(bySector.body.items.map((e: { edrpou: string }) => e.edrpou)).toEqual([other]);
      expect((await reader.get('/api/v1/enterprises?q=бахмачтепло')).body.items.map((e: { edrpou: string }) => e.edrpou)).toEqual([other]);
      const community = await reader.get(`/api/v1/communities/${BAKHMACH}/enterprises`);
      expect(community.status).toBe(200);
      expect(community.body.items.map((e: { edrpou: string }) => e.edrpou)).toEqual([other]);
      expect((await reader.get(`/api/v1/enterprises?community=${SHATSK}`)).body.items.map((e: { edrpou: string }) => e.edrpou)).toContain(MAIN);
      expect((await reader.get('/api/v1/communities/Shatsk/enterprises')).status).toBe(400);
      expect((await reader.get(`/api/v1/enterprises/${MAIN}`)).body.edrpou).toBe(MAIN);
      expect((await reader.get(`/api/v1/enterprises/${code('0335011')}`)).status).toBe(404);
    });

    it('lets only the owner, a community editor or an admin change it; readers and analysts not at all', async () => {
      const path = `/api/v1/enterprises/${MAIN}`;
      const b = await partnerB.patch(path, { sector: 'waste' });
      expect(b.status).toBe(403);
      expect(JSON.stringify(b.body)).toContain('another organisation');
      expect((await bakhmachEditor.patch(path, { sector: 'waste' })).status).toBe(403);
      expect((await reader.patch(path, { sector: 'waste' })).status).toBe(403);
      expect((await analyst.post('/api/v1/enterprises', enterprise(code('0335012')))).status).toBe(403);
      expect((await partnerA.patch(path, { staff: [{ year: YEAR - 1, count: 18 }, { year: YEAR, count: 20 }] })).status).toBe(200);
      expect((await shatskEditor.patch(path, { name: { uk: 'КП "Шацькводоканал"', en: 'Shatsk Water' } })).body.name.en).toBe('Shatsk Water');
      // A scoped editor cannot move an enterprise out of its communities.
      expect((await shatskEditor.patch(path, { community: BAKHMACH })).status).toBe(403);
      // Statements and support of someone else's enterprise are refused too.
      expect((await partnerB.post(`${path}/statements`, { year: YEAR, unit: 'thousand UAH', lines: LINES })).status).toBe(403);
      expect((await partnerB.post(`${path}/budget-support`, { year: YEAR, kind: 'operating_subsidy', amount: 100 })).status).toBe(403);
      const temp = code('0335013');
      expect((await partnerB.post('/api/v1/enterprises', enterprise(temp))).status).toBe(201);
      expect((await partnerA.delete(`/api/v1/enterprises/${temp}`)).status).toBe(403);
      expect((await partnerB.delete(`/api/v1/enterprises/${temp}`)).status).toBe(204);
      expect((await reader.get(`/api/v1/enterprises/${temp}`)).status).toBe(404);
    });
  });

  describe('statements and KPIs', () => {
    it('stores the real statement in kopiykas exactly and recomputes nothing the test cannot', async () => {
      const r = await partnerA.post(`/api/v1/enterprises/${MAIN}/statements`, { year: YEAR, unit: 'thousand UAH', lines: LINES, source: 'finzvit data2.json' });
      expect(r.status).toBe(201);
      expect(r.body).toMatchObject({ edrpou: MAIN, year: YEAR, unit: 'thousand UAH', flagged: false, version: 1, previousVersions: [] });
      expect(r.body.lines).toEqual(Object.fromEntries(Object.entries(LINES).map(([k, v]) => [k, kop(v)])));
      expect(r.body.identities.every((i: { holds: boolean }) => i.holds)).toBe(true);
    });

    it('refuses broken identities with 422 listing each with both sides, stores them flagged on request', async () => {
      const broken = { ...LINES, R1900G4: 965.3, R2350G3: 351 };
      const r = await partnerA.post(`/api/v1/enterprises/${MAIN}/statements`, { year: YEAR - 1, unit: 'thousand UAH', lines: broken });
      expect(r.status).toBe(422);
      const listed = r.body.broken as { key: string; left: number; right: number }[];
      expect(listed.map((b) => b.key).sort()).toEqual(['balance', 'equity_and_liabilities_total', 'net_result']);
      expect(listed.find((b) => b.key === 'balance')).toMatchObject({ left: kop(LINES.R1300G4), right: kop(965.3) });
      expect(listed.find((b) => b.key === 'net_result')).toMatchObject({ left: kop(LINES.R2290G3) - kop(LINES.R2300G3), right: kop(351) });
      expect((await p.admin.get(`/api/v1/enterprises/${MAIN}/statements?year=${YEAR - 1}`)).status).toBe(404);
      const accepted = await partnerA.post(`/api/v1/enterprises/${MAIN}/statements?acceptWithWarnings=true`, { year: YEAR - 1, unit: 'thousand UAH', lines: broken });
      expect(accepted.status).toBe(201);
      expect(accepted.body.flagged).toBe(true);
    });

    it('replaces a year on re-posting and keeps the earlier version; reads CSV', async () => {
      const csv = ['line;G3;G4', ...[...new Set(Object.keys(LINES).map((k) => k.slice(1, 5)))].map((l) => `${l};${LINES[`R${l}G3`] ?? ''};${LINES[`R${l}G4`] ?? ''}`)].join('\n');
      const again = await shatskEditor.post(`/api/v1/enterprises/${MAIN}/statements`, { year: YEAR - 1, unit: 'thousand UAH', csv });
      expect(again.status).toBe(201);
      expect(again.body).toMatchObject({ version: 2, flagged: false });
      expect(again.body.previousVersions).toHaveLength(1);
      const all = await reader.get(`/api/v1/enterprises/${MAIN}/statements`);
      expect(all.body.items.map((s: { year: number }) => s.year)).toEqual([YEAR - 1, YEAR]);
      const bad = await partnerA.post(`/api/v1/enterprises/${MAIN}/statements`, { year: YEAR, unit: 'UAH', lines: { R1300G4: '1.234', R9999G4: 1 } });
      expect(bad.status).toBe(422);
      expect(bad.body.errors.map((e: { field: string }) => e.field).sort()).toEqual(['R1300G4', 'R9999G4']);
      expect((await partnerA.post(`/api/v1/enterprises/${MAIN}/statements`, { year: YEAR, unit: 'USD', lines: LINES })).status).toBe(400);
    });

    it('answers every KPI as the test recomputes it from the published figures', async () => {
      expect((await partnerA.post(`/api/v1/enterprises/${MAIN}/budget-support`, { year: YEAR, kind: 'operating_subsidy', amount: 15000000, date: `${YEAR}-03-01` })).status).toBe(201);
      expect((await partnerA.post(`/api/v1/enterprises/${MAIN}/budget-support`, { year: YEAR, kind: 'capital_transfer', amount: 5000000 })).status).toBe(201);
      expect((await partnerA.post(`/api/v1/enterprises/${MAIN}/budget-support`, { year: YEAR, kind: 'charter_capital', amount: 7000000 })).status).toBe(201);
      const r = await analyst.get(`/api/v1/enterprises/${MAIN}/kpis?year=${YEAR}`);
      expect(r.status).toBe(200);
      const L = LINES;
      const r4 = (x: number) => Math.round(x * 1e4) / 1e4;
      const net = L.R2350G3;
      const expected: Record<string, number | null> = {
        netMargin: r4(net / L.R2000G3),
        returnOnAssets: r4(net / L.R1300G4),
        returnOnEquity: r4(net / L.R1495G4),
        currentRatio: r4(L.R1195G4 / L.R1695G4),
        quickRatio: r4((L.R1195G4 - L.R1100G4) / L.R1695G4),
        autonomy: r4(L.R1495G4 / L.R1900G4),
        debtToEquity: r4((L.R1900G4 - L.R1495G4) / L.R1495G4),
        receivablesDays: Math.round((L.R1125G4 / L.R2000G3) * 365 * 10) / 10,
        payablesDays: Math.round((L.R1615G4 / L.R2050G3) * 365 * 10) / 10,
        assetWear: r4(L.R1012G4 / L.R1011G4),
        // 150 000 + 50 000 UAH of support (charter capital does not count) over revenue of 2 767 thousand UAH.
        subsidyDependence: r4(200 / L.R2000G3),
        costRecovery: r4(L.R2000G3 / L.R2285G3),
        revenuePerEmployee: Math.round(kop(L.R2000G3) / 20),
        revenueGrowth: r4((L.R2000G3 - L.R2000G4) / L.R2000G4),
      };
      const got = Object.fromEntries(r.body.kpis.map((k: { key: string; value: number | null }) => [k.key, k.value]));
      for (const [k, v] of Object.entries(expected)) expect([k, got[k]]).toEqual([k, expect.closeTo(v!, 4)]);
      expect(Object.keys(got).sort()).toEqual(Object.keys(expected).sort());
      const cr = r.body.kpis.find((k: { key: string }) => k.key === 'currentRatio');
      expect(cr).toMatchObject({ formula: 'R1195G4 / R1695G4', inputs: { R1195G4: kop(L.R1195G4), R1695G4: kop(L.R1695G4) } });
    });

    it('answers null with the reason where a line is missing or a divisor is zero', async () => {
      const e = code('0335014');
      expect((await p.admin.post('/api/v1/enterprises', enterprise(e, { staff: [] }))).status).toBe(201);
      const lines = { R1195G4: '100', R1300G4: '100', R1095G4: '0', R1495G4: '100', R1695G4: '0', R1900G4: '100', R2000G3: '50' };
      expect((await p.admin.post(`/api/v1/enterprises/${e}/statements`, { year: YEAR, unit: 'UAH', lines })).status).toBe(201);
      const k = Object.fromEntries((await reader.get(`/api/v1/enterprises/${e}/kpis?year=${YEAR}`)).body.kpis.map((x: { key: string }) => [x.key, x]));
      expect(k.currentRatio).toMatchObject({ value: null, reason: 'the divisor is zero' });
      expect(k.netMargin).toMatchObject({ value: null, reason: expect.stringContaining('R2350G3') });
      expect(k.revenuePerEmployee).toMatchObject({ value: null, reason: expect.stringContaining('staff') });
      expect(k.autonomy.value).toBe(1);
      expect((await reader.get(`/api/v1/enterprises/${e}/kpis?year=${YEAR + 1}`)).status).toBe(404);
      expect((await reader.get(`/api/v1/enterprises/${e}/kpis`)).status).toBe(400);
    });
  });

  describe('budget support', () => {
    it('totals the support and its share of the community budget, asked from budget-analysis', async () => {
      const none = await reader.get(`/api/v1/enterprises/${MAIN}/budget-support?year=${YEAR}`);
      expect(none.status).toBe(200);
      expect(none.body).toMatchObject({ operatingSubsidies: 15000000, capitalTransfers: 5000000, charterCapital: 7000000, total: 27000000, communityBudget: null });
      expect(none.body.shareReason).toContain('budget-analysis');
      // Give budget-analysis the community's figures for the year over its own operation (as the seed does).
      const bus = p.gateway.app.get(BusClient);
      const rows = [
        { classification: 'economic', code: '2111', executed: 500000000 },
        { classification: 'economic', code: '2610', executed: 100000000 },
      ];
      await bus.send(BUDGET_OPS.annualLoad, { budgetCode: '0350700000', katottg: SHATSK, year: YEAR, source: 'test figures', expenditures: rows as never });
      const budget = await reader.get(`/api/v1/budget/budgets/${SHATSK}/summary?year=${YEAR}`);
      expect(budget.status).toBe(200);
      const r = await reader.get(`/api/v1/enterprises/${MAIN}/budget-support?year=${YEAR}`);
      expect(r.body.communityBudget.expenditure).toBe(budget.body.totals.executed);
      expect(r.body.communityBudget.share).toBeCloseTo(27000000 / budget.body.totals.executed, 6);
    });

    it('imports treasury payments from CSV once, rejecting what it cannot attribute', async () => {
      const other = code('0335010'); // Bakhmach: outside the Shatsk editor's scope
      const csv = [
        'payer_budget;recipient_edrpou;kekv;programme;date;amount',
        `0350700000;${MAIN};2610;0116030;2023-05-10;1 000,50`,
        `0350700000;${MAIN};3210;0117310;15.06.2023;2000`,
        `0350700000;${MAIN};2240;0116030;2023-05-10;10`,
        `0350700000;${code('0335015')};2610;0116030;2023-05-10;10`,
        `0350700000;${other};2610;0116030;2023-05-10;10`,
        `0350700000;${MAIN};2610;0116030;2023-13-10;10`,
      ].join('\n');
      const post = (c: TestPlatform['api']) => c.request('POST', '/api/v1/enterprises/budget-support/imports', csv, { 'content-type': 'text/csv' });
      expect((await post(partnerA)).status).toBe(403);
      const done = await untilImported(shatskEditor, await post(shatskEditor));
      expect(done.body).toMatchObject({ status: 'completed', rowsRead: 6, inserted: 2, unchanged: 0, rejectedCount: 4 });
      expect(done.body.rejected.map((x: { line: number }) => x.line)).toEqual([4, 5, 6, 7]);
      const again = await untilImported(shatskEditor, await post(shatskEditor));
      expect(again.body).toMatchObject({ inserted: 0, unchanged: 2 });
      const s = await reader.get(`/api/v1/enterprises/${MAIN}/budget-support?year=${YEAR}`);
      expect(s.body.operatingSubsidies).toBe(15000000 + 100050);
      expect(s.body.capitalTransfers).toBe(5000000 + 200000);
      const wrong = await shatskEditor.request('POST', '/api/v1/enterprises/budget-support/imports', 'a;b\n1;2\n', { 'content-type': 'text/csv' });
      expect(wrong.status).toBe(422);
    });
  });

  describe('procurement', () => {
    const pkgText = PROCUREMENT_PACKAGE;
    const pkg = JSON.parse(pkgText) as { releases: any[] };
    const BUYER = '03350019';

    /** The buyer summary computed here from the package, by the rules of the issue, independently of the service. */
    function oracle(edrpou: string, year: number) {
      const byOcid = new Map<string, any>();
      for (const r of pkg.releases.filter((x) => x.ocid)) {
        const prev = byOcid.get(r.ocid);
        if (!prev || r.date > prev.date) byOcid.set(r.ocid, r);
      }
      const procs = [...byOcid.values()].filter((r) => r.buyer.id === `UA-EDR-${edrpou}` && (r.tender.datePublished ?? r.tender.tenderPeriod.startDate).startsWith(String(year)));
      const k = (uah: number) => Math.round(uah * 100);
      const competitive = procs.filter((r) => ['open', 'selective'].includes(r.tender.procurementMethod));
      const nonCompetitive = procs.filter((r) => ['limited', 'direct'].includes(r.tender.procurementMethod));
      const contracted = (r: any) => (r.contracts ?? []).filter((c: any) => ['active', 'terminated'].includes(c.status)).reduce((a: number, c: any) => a + k(c.value.amount), 0);
      const hasContract = (r: any) => (r.contracts ?? []).some((c: any) => ['active', 'terminated'].includes(c.status));
      const reported = competitive.map((r) => r.tender.numberOfTenderers ?? r.bids?.details?.length).filter((x) => x !== undefined);
      return {
        procedures: procs.length,
        competitive: competitive.length,
        nonCompetitive: nonCompetitive.length,
        expectedValue: procs.reduce((a, r) => a + k(r.tender.value.amount), 0),
        contractedValue: procs.reduce((a, r) => a + contracted(r), 0),
        savings: procs.filter(hasContract).reduce((a, r) => a + k(r.tender.value.amount) - contracted(r), 0),
        averageTenderers: reported.reduce((a: number, b: number) => a + b, 0) / reported.length,
      };
    }

    it('imports a release package (202 + Location), idempotently, with bad records reported by ocid and reason', async () => {
      const send = (c: TestPlatform['api'], body: string) => c.request('POST', '/api/v1/procurement/imports', body, { 'content-type': 'application/octet-stream' });
      expect((await send(partnerA, pkgText)).status).toBe(403);
      expect((await shatskEditor.request('POST', '/api/v1/procurement/imports', pkgText, { 'content-type': 'application/json' })).status).toBe(415);
      const first = await untilImported(shatskEditor, await send(shatskEditor, pkgText));
      expect(first.body).toMatchObject({ status: 'completed', packageType: 'release', rowsRead: 9, inserted: 8, unchanged: 0, rejectedCount: 1 });
      expect(first.body.rejected[0]).toMatchObject({ line: 9, reason: 'no ocid' });
      const again = await untilImported(shatskEditor, await send(shatskEditor, pkgText));
      expect(again.body).toMatchObject({ inserted: 0, unchanged: 8 });
      // The same processes as a record package: each compiled release is one already stored.
      const byOcid = new Map<string, any[]>();
      for (const r of pkg.releases.filter((x) => x.ocid)) byOcid.set(r.ocid, [...(byOcid.get(r.ocid) ?? []), r]);
      const records = [...byOcid].map(([ocid, rs]) => ({ ocid, releases: rs.map((r) => ({ url: `https://example.org/${r.id}`, date: r.date, tag: r.tag })), compiledRelease: rs[rs.length - 1] }));
      const rec = await untilImported(shatskEditor, await send(shatskEditor, JSON.stringify({ uri: 'x', records })));
      expect(rec.body).toMatchObject({ status: 'completed', packageType: 'record', rowsRead: records.length, inserted: 0, unchanged: records.length });
      const junk = await untilImported(shatskEditor, await send(shatskEditor, '{"records": [1, 2'));
      expect(junk.body.status).toBe('failed');
    });

    it('summarises a buyer as the test recomputes it from the package', async () => {
      const r = await reader.get(`/api/v1/procurement/buyers/${BUYER}?year=2024`);
      expect(r.status).toBe(200);
      const o = oracle(BUYER, 2024);
      expect(r.body).toMatchObject({ edrpou: BUYER, year: 2024, ...o, averageTenderers: expect.closeTo(o.averageTenderers, 2) });
      expect(r.body.nonCompetitiveShare).toBeCloseTo(o.nonCompetitive / (o.competitive + o.nonCompetitive), 4);
      expect(r.body.topSuppliers[0]).toMatchObject({ id: '12345678' });
      expect(r.body.byCpv.reduce((a: number, g: { procedures: number }) => a + g.procedures, 0)).toBe(o.procedures);
      expect((await reader.get(`/api/v1/procurement/buyers/${BUYER}?year=2023`)).body.procedures).toBe(oracle(BUYER, 2023).procedures);
      expect((await reader.get('/api/v1/procurement/buyers/03350018?year=2024')).status).toBe(422);
    });
  });

  describe('benchmarks, assessment, overview', () => {
    const PEERS = [
      { nca: 800000, ca: 200000, inv: 20000, eq: 600000, rev: 900000, cost: 950000, recv: 50000, pay: 90000 },
      { nca: 500000, ca: 300000, inv: 10000, eq: 500000, rev: 700000, cost: 650000, recv: 40000, pay: 60000 },
      { nca: 1200000, ca: 400000, inv: 50000, eq: 900000, rev: 1500000, cost: 1400000, recv: 120000, pay: 100000 },
      { nca: 300000, ca: 100000, inv: 5000, eq: 100000, rev: 400000, cost: 420000, recv: 30000, pay: 80000 },
      { nca: 700000, ca: 250000, inv: 15000, eq: 450000, rev: 800000, cost: 760000, recv: 60000, pay: 70000 },
      { nca: 900000, ca: 150000, inv: 25000, eq: 300000, rev: 600000, cost: 700000, recv: 45000, pay: 150000 },
    ];
    const peerCodes = PEERS.map((_, i) => code(`04130${String(20 + i).padStart(2, '0')}`));
    const r4 = (x: number) => Math.round(x * 1e4) / 1e4;
    const currentRatios = () => [...PEERS.map((q) => r4(q.ca / (q.nca + q.ca - q.eq)))];

    beforeAll(async () => {
      for (const [i, e] of peerCodes.entries()) {
        expect((await p.admin.post('/api/v1/enterprises', enterprise(e, { community: i < 3 ? SHATSK : BAKHMACH }))).status).toBe(201);
        expect((await p.admin.post(`/api/v1/enterprises/${e}/statements`, { year: YEAR, unit: 'UAH', lines: synthetic(PEERS[i]) })).status).toBe(201);
      }
    });

    it('shows quartiles over the sector with the count behind each, and hides figures under 5', async () => {
      const r = await analyst.get(`/api/v1/enterprises/benchmarks?sector=water_sewerage&year=${YEAR}`);
      expect(r.status).toBe(200);
      // Peers + the real statement (MAIN) + the one with zero current liabilities.
      const values = [...currentRatios(), r4(LINES.R1195G4 / LINES.R1695G4)].sort((a, b) => a - b);
      const q = (pp: number) => {
        const pos = (values.length - 1) * pp;
        return values[Math.floor(pos)] + (values[Math.ceil(pos)] - values[Math.floor(pos)]) * (pos - Math.floor(pos));
      };
      const cr = r.body.national.kpis.find((k: { key: string }) => k.key === 'currentRatio');
      expect(cr).toMatchObject({ count: values.length, shown: true });
      expect(cr.q1).toBeCloseTo(q(0.25), 3);
      expect(cr.median).toBeCloseTo(q(0.5), 3);
      expect(cr.q3).toBeCloseTo(q(0.75), 3);
      const heat = await analyst.get(`/api/v1/enterprises/benchmarks?sector=heat_supply&year=${YEAR}`);
      expect(heat.body.national.kpis.every((k: { shown: boolean; median: unknown }) => !k.shown && k.median === null)).toBe(true);
      expect((await analyst.get(`/api/v1/enterprises/benchmarks?sector=mining&year=${YEAR}`)).status).toBe(400);
    });

    it('assesses an enterprise: percentiles, a score that is the sum of its contributions, flags and cited recommendations', async () => {
      const weak = peerCodes[3];
      const r = await analyst.get(`/api/v1/enterprises/${weak}/assessment?year=${YEAR}`);
      expect(r.status).toBe(200);
      const values = [...currentRatios(), r4(LINES.R1195G4 / LINES.R1695G4)];
      const own = r4(PEERS[3].ca / (PEERS[3].nca + PEERS[3].ca - PEERS[3].eq));
      const rank = (100 * (values.filter((v) => v < own).length + 0.5 * values.filter((v) => v === own).length)) / values.length;
      const cr = r.body.kpis.find((k: { key: string }) => k.key === 'currentRatio');
      expect(cr.percentile).toBeCloseTo(rank, 1);
      const sum = r.body.score.components.reduce((a: number, c: { contribution: number | null }) => a + (c.contribution ?? 0), 0);
      expect(r.body.score.value).toBeCloseTo(sum, 1);
      expect(r.body.score.components.reduce((a: number, c: { weight: number }) => a + c.weight, 0)).toBe(100);
      expect(r.body.score.value).toBeGreaterThanOrEqual(0);
      expect(r.body.score.value).toBeLessThanOrEqual(100);
      const flags = r.body.flags.map((f: { key: string }) => f.key);
      expect(flags).toContain('current_ratio_below_1');
      const rec = r.body.recommendations.find((x: { trigger: string }) => x.trigger === 'current_ratio_below_1');
      // Each language writes the figure its own way (uk-UA: decimal comma).
      const four = (locale: string) => new Intl.NumberFormat(locale, { minimumFractionDigits: 4, maximumFractionDigits: 4 }).format(own);
      expect(rec.text.uk).toContain(four('uk-UA'));
      expect(rec.text.en).toContain(four('en-GB'));
      expect(r.body.flags.find((f: { key: string }) => f.key === 'current_ratio_below_1').text.uk).toContain(four('uk-UA'));
    });

    it('assesses the real enterprise with its budget support and, being a Prozorro buyer, its procurement', async () => {
      const r = await analyst.get(`/api/v1/enterprises/${MAIN}/assessment?year=${YEAR}`);
      expect(r.status).toBe(200);
      expect(r.body.budgetSupport.total).toBe(27000000 + 100050 + 200000);
      // The package's buyer 03350019 is this registered enterprise: its summary is part of the assessment.
      expect(MAIN).toBe('03350019');
      expect(r.body.procurement).toEqual((await reader.get(`/api/v1/procurement/buyers/${MAIN}?year=${YEAR}`)).body);
      expect(r.body.procurement.procedures).toBe(1);
      const peer = await analyst.get(`/api/v1/enterprises/${peerCodes[0]}/assessment?year=${YEAR}`);
      expect(peer.body.procurement).toBeNull();
    });

    it('gives the community overview with scores, flags, support and procurement', async () => {
      const r = await reader.get(`/api/v1/communities/${SHATSK}/enterprises/overview?year=${YEAR}`);
      expect(r.status).toBe(200);
      const codes = r.body.enterprises.map((e: { edrpou: string }) => e.edrpou);
      expect(codes).toEqual(expect.arrayContaining([MAIN, ...peerCodes.slice(0, 3)]));
      expect(codes).not.toContain(peerCodes[3]);
      const main = r.body.enterprises.find((e: { edrpou: string }) => e.edrpou === MAIN);
      expect(main.budgetSupport.total).toBe(27000000 + 100050 + 200000);
      expect(typeof main.score).toBe('number');
    });

    it('follows every change at once: a re-posted statement, budget support, a change of sector, a deletion', async () => {
      // The benchmarks read KPIs stored when their sources change (docs/enterprise-methodology.md): each change
      // must show in the very next answer, as when every statement was read again.
      const kpiOf = async (sector: string, k: string) =>
        (await analyst.get(`/api/v1/enterprises/benchmarks?sector=${sector}&year=${YEAR}`)).body.national.kpis.find((x: { key: string }) => x.key === k);
      const mover = peerCodes[5];
      const others = [...PEERS.slice(0, 5).map((q) => r4(q.ca / (q.nca + q.ca - q.eq))), r4(LINES.R1195G4 / LINES.R1695G4)];
      const median = (xs: number[]) => {
        const v = [...xs].sort((a, b) => a - b);
        const pos = (v.length - 1) / 2;
        return v[Math.floor(pos)] + (v[Math.ceil(pos)] - v[Math.floor(pos)]) * (pos - Math.floor(pos));
      };
      const richer = { ...PEERS[5], ca: 650000, eq: 700000 };
      expect((await p.admin.post(`/api/v1/enterprises/${mover}/statements`, { year: YEAR, unit: 'UAH', lines: synthetic(richer) })).status).toBe(201);
      const moved = r4(richer.ca / (richer.nca + richer.ca - richer.eq));
      expect((await kpiOf('water_sewerage', 'currentRatio')).median).toBeCloseTo(median([...others, moved]), 3);

      const dependence = async () => (await analyst.get(`/api/v1/enterprises/${mover}/assessment?year=${YEAR}`)).body.kpis.find((x: { key: string }) => x.key === 'subsidyDependence');
      expect((await dependence()).value).toBe(0);
      expect((await p.admin.post(`/api/v1/enterprises/${mover}/budget-support`, { year: YEAR, kind: 'operating_subsidy', amount: 30000000 })).status).toBe(201);
      expect((await dependence()).value).toBeCloseTo(300000 / richer.rev, 4);
      expect((await kpiOf('water_sewerage', 'subsidyDependence')).q3).toBeGreaterThan(0);

      expect((await p.admin.patch(`/api/v1/enterprises/${mover}`, { sector: 'heat_supply' })).status).toBe(200);
      expect((await kpiOf('water_sewerage', 'currentRatio')).count).toBe(others.length);
      expect((await kpiOf('heat_supply', 'currentRatio')).count).toBe(1);
      expect((await p.admin.delete(`/api/v1/enterprises/${mover}`)).status).toBe(204);
      expect((await kpiOf('heat_supply', 'currentRatio')).count).toBe(0);
    });

    it('flags losses three years running from each year\'s own statement, else the next year\'s prior-year column', async () => {
      // Roads in Bakhmach: no other test's peers. Net result = R2350G3 of synthetic() = revenue − cost (UAH).
      const base = { nca: 500000, ca: 200000, inv: 10000, eq: 400000, recv: 30000, pay: 40000 };
      const loss = (uah: number) => ({ ...base, rev: 500000, cost: 500000 + uah });
      const post = async (e: string, year: number, lines: Record<string, string>) =>
        expect((await p.admin.post(`/api/v1/enterprises/${e}/statements?acceptWithWarnings=true`, { year, unit: 'UAH', lines })).status).toBe(201);
      const flagOf = async (e: string) => (await analyst.get(`/api/v1/enterprises/${e}/assessment?year=${YEAR}`)).body.flags.find((f: { key: string }) => f.key === 'losses_three_years');
      const [own, fromPrior, profit] = ['0413091', '0413092', '0413093'].map(code);
      for (const e of [own, fromPrior, profit]) expect((await p.admin.post('/api/v1/enterprises', enterprise(e, { community: BAKHMACH, sector: 'roads' }))).status).toBe(201);

      // Every year has its own statement; the prior-year column of YEAR − 1 says YEAR − 2 was a profit, but the
      // YEAR − 2 statement's own figure (a loss) counts.
      await post(own, YEAR - 2, synthetic(loss(100)));
      await post(own, YEAR - 1, { ...synthetic(loss(200)), R2350G4: '50.00' });
      await post(own, YEAR, synthetic(loss(300)));
      expect((await flagOf(own))?.figures).toEqual({ netResults: { [YEAR - 2]: -10000, [YEAR - 1]: -20000, [YEAR]: -30000 } });

      // No YEAR − 2 statement: its result comes from the YEAR − 1 statement's prior-year column.
      await post(fromPrior, YEAR - 1, { ...synthetic(loss(200)), R2355G4: '70.00' });
      await post(fromPrior, YEAR, synthetic(loss(300)));
      expect((await flagOf(fromPrior))?.figures).toEqual({ netResults: { [YEAR - 2]: -7000, [YEAR - 1]: -20000, [YEAR]: -30000 } });

      // A profitable last year: no flag, whatever the years before.
      await post(profit, YEAR - 2, synthetic(loss(100)));
      await post(profit, YEAR - 1, synthetic(loss(200)));
      await post(profit, YEAR, synthetic({ ...base, rev: 600000, cost: 500000 }));
      expect(await flagOf(profit)).toBeUndefined();
    });
  });
});
