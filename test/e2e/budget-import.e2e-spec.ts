import { dataFile } from '@vidnova/testing';
import { parse } from 'csv-parse/sync';
import iconv from 'iconv-lite';
import { readFileSync } from 'node:fs';
import { RECOVERY_CATEGORY_IDS } from '@vidnova/reference';
import { untilImported, startPlatform, TestPlatform } from './platform';

const ECONOMIC = dataFile('open-budget', 'openbudget_lutsk_2025_expenses_economic.csv');
const INCOMES = dataFile('open-budget', 'openbudget_lutsk_2025_incomes.csv');
const LUTSK = '0355100000';

/** Independent kopiyka arithmetic for the expected figures: BigInt over the digits, no floats. */
function kop(s: string): bigint {
  if (!s) return 0n;
  const neg = s.startsWith('-');
  const [i, f = ''] = s.replace('-', '').split('.');
  const v = BigInt(i) * 100n + BigInt((f + '00').slice(0, 2));
  return neg ? -v : v;
}

type Rec = Record<string, string>;
const records = (file: string): Rec[] => parse(readFileSync(file, 'utf8'), { columns: true, skip_empty_lines: true });

function expected(file: string, period: string, fund: 'C' | 'S' | 'T', field = 'FAKT_AMT'): number {
  const sum = records(file)
    .filter((r) => r.REP_PERIOD === period && r.FUND_TYP === fund)
    .reduce((s, r) => s + kop(r[field]), 0n);
  return Number(sum);
}

describe('budget imports through the gateway (real Lutsk 2025 files)', () => {
  let p: TestPlatform;
  let analyst: TestPlatform['api'];
  let reader: TestPlatform['api'];

  const upload = async (body: string | Buffer, query = '', key = analyst.apiKey, contentType = 'text/csv') => {
    const res = await fetch(`${p.api.baseUrl}/api/v1/budget/imports${query}`, {
      method: 'POST',
      headers: { 'content-type': contentType, ...(key ? { 'x-api-key': key } : {}) },
      body,
    });
    const text = await res.text();
    return { status: res.status, location: res.headers.get('location'), body: text ? JSON.parse(text) : undefined };
  };

  /** Every import is accepted with 202 and its Location; the report is polled until it is done. */
  const importFile = async (body: string | Buffer, query = '') => {
    const accepted = await upload(body, query);
    expect(accepted.status).toBe(202);
    expect(accepted.location).toBe(`/api/v1/budget/imports/${accepted.body.id}`);
    expect(accepted.body).toMatchObject({ status: 'processing', rejected: [], progress: { bytesRead: expect.any(Number) } });
    const done = await untilImported(analyst, accepted.location!);
    expect(done.status).toBe(200);
    expect(done.body.status).toBe('completed');
    return done;
  };

  beforeAll(async () => {
    p = await startPlatform(['budget-analysis']);
    const ak = await p.admin.post('/api/v1/api-keys', { name: 'budget editor', role: 'editor' });
    expect(ak.status).toBe(201);
    analyst = p.api.withKey(ak.body.key);
    const rk = await p.admin.post('/api/v1/api-keys', { name: 'reader', role: 'reader' });
    reader = p.api.withKey(rk.body.key);
  });
  afterAll(() => p?.stop());

  it('imports the economic file and reports rows, budgets and periods', async () => {
    const res = await importFile(readFileSync(ECONOMIC));
    expect(res.body).toMatchObject({
      status: 'completed',
      dataset: 'expenses-economic',
      encoding: 'utf8',
      separator: ',',
      rowsRead: 968,
      accepted: 968,
      rejectedCount: 0,
      rejected: [],
      inserted: 968,
      removed: 0,
      budgetCodes: [LUTSK],
    });
    expect(res.body.periods).toHaveLength(12);
    expect(res.body.periods[0]).toBe('2025-01');
    expect(res.body.progress).toEqual({ bytesRead: readFileSync(ECONOMIC).length, bytesTotal: readFileSync(ECONOMIC).length, percent: 100 });
    const again = await analyst.get(`/api/v1/budget/imports/${res.body.id}`);
    expect(again.status).toBe(200);
    expect(again.body.accepted).toBe(968);
  });

  it('reconciles the year: executed equals the December total-fund figure, general + special = total, groups add up', async () => {
    const res = await reader.get(`/api/v1/budget/budgets/${LUTSK}/summary?year=2025`);
    expect(res.status).toBe(200);
    const s = res.body;
    expect(s.period).toBe('2025-12');
    expect(s.source).toBe('open-budget');
    expect(s.totals.executed).toBe(expected(ECONOMIC, '2025-12-31', 'T'));
    expect(s.totals.plan).toBe(expected(ECONOMIC, '2025-12-31', 'T', 'ZAT_AMT'));
    expect(s.totals.amendedPlan).toBe(expected(ECONOMIC, '2025-12-31', 'T', 'PLANS_AMT'));
    expect(s.byFund.general.executed).toBe(expected(ECONOMIC, '2025-12-31', 'C'));
    expect(s.byFund.special.executed).toBe(expected(ECONOMIC, '2025-12-31', 'S'));
    for (const k of ['plan', 'amendedPlan', 'executed'] as const) {
      expect(s.byFund.general[k] + s.byFund.special[k]).toBe(s.totals[k]);
      expect(s.economicGroups.reduce((sum: number, g: any) => sum + g[k], 0)).toBe(s.totals[k]);
      expect(s.capital.parts.reduce((sum: number, g: any) => sum + g[k], 0)).toBe(s.capital[k]);
    }
    expect(s.reconciliation.totalEqualsGeneralPlusSpecial).toBe(true);
    expect(s.capital.shareOfExecuted).toBeGreaterThan(0);
    expect(s.economicGroups.find((g: any) => g.id === 'utilities').codes.every((c: string) => c.startsWith('227'))).toBe(true);

    // FAKT is cumulative: June's figure is June's row, not a sum of months.
    const june = await reader.get(`/api/v1/budget/budgets/${LUTSK}/summary?year=2025&period=2025-06`);
    expect(june.body.period).toBe('2025-06');
    expect(june.body.totals.executed).toBe(expected(ECONOMIC, '2025-06-30', 'T'));

    const tree = await reader.get(`/api/v1/budget/budgets/${LUTSK}/expenditures?classification=economic&year=2025`);
    expect(tree.status).toBe(200);
    expect(tree.body.tree.reduce((sum: number, n: any) => sum + n.executed, 0)).toBe(s.totals.executed);
    const check = (n: any) => {
      if (n.children.length) {
        expect(n.children.reduce((sum: number, c: any) => sum + c.executed, 0)).toBe(n.executed);
        n.children.forEach(check);
      }
    };
    tree.body.tree.forEach(check);
  });

  it('re-importing the same file changes nothing', async () => {
    const before = await reader.get(`/api/v1/budget/budgets/${LUTSK}/summary?year=2025`);
    const res = await importFile(readFileSync(ECONOMIC));
    expect(res.body).toMatchObject({ accepted: 968, inserted: 968, removed: 968 });
    const after = await reader.get(`/api/v1/budget/budgets/${LUTSK}/summary?year=2025`);
    expect(after.body).toEqual(before.body);
  });

  it('reads the windows-1251, semicolon, MM.YYYY, decimal-comma variant to identical figures', async () => {
    const other = '2555100000';
    const recs = records(ECONOMIC);
    const cols = Object.keys(recs[0]);
    const lines = [cols.join(';')];
    for (const r of recs) {
      const [y, m] = r.REP_PERIOD.split('-');
      const row = cols.map((c) => {
        let v = r[c];
        if (c === 'REP_PERIOD') v = `${m}.${y}`;
        else if (c === 'COD_BUDGET') v = `${other}0`; // the 11-digit form
        else if (/_AMT$/.test(c)) v = v.replace('.', ',');
        return /[;"]/.test(v) ? `"${v.replace(/"/g, '""')}"` : v;
      });
      lines.push(row.join(';'));
    }
    const body = iconv.encode(lines.join('\r\n') + '\r\n', 'win1251');
    const res = await importFile(body, '?dataset=expenses-economic');
    expect(res.body).toMatchObject({ encoding: 'win1251', separator: ';', accepted: 968, rejectedCount: 0, budgetCodes: [other] });
    const a = (await reader.get(`/api/v1/budget/budgets/${LUTSK}/summary?year=2025`)).body;
    const b = (await reader.get(`/api/v1/budget/budgets/${other}/summary?year=2025`)).body;
    const strip = ({ budgetCode: _b, community: _c, perCapita: _p, ...rest }: any) => rest;
    expect(strip(b)).toEqual(strip(a));
    const names = (await reader.get(`/api/v1/budget/budgets/${other}/expenditures?classification=economic&year=2025`)).body;
    expect(JSON.stringify(names)).toContain('Заробітна плата');
  });

  it('replaces the rows of a budget period with a corrected file', async () => {
    const code = '1954800000';
    const text = readFileSync(ECONOMIC, 'utf8').replace(/,0355100000,/g, `,${code},`);
    expect((await importFile(text)).body.accepted).toBe(968);
    const [header, ...rows] = text.trim().split('\n');
    const december = rows.filter((l) => l.startsWith('2025-12-31,T,'));
    // The corrected December: one figure changed, one code gone.
    const fields = december[0].split(',');
    fields[7] = '1.00';
    const changed = fields.join(',');
    expect(changed).not.toBe(december[0]);
    const corrected = [header, changed, ...december.slice(2)].join('\n');
    const res = await importFile(corrected);
    const decemberAllFunds = rows.filter((l) => l.startsWith('2025-12-31,')).length;
    expect(res.body).toMatchObject({ accepted: december.length - 1, inserted: december.length - 1, removed: decemberAllFunds, periods: ['2025-12'] });
    const s = (await reader.get(`/api/v1/budget/budgets/${code}/summary?year=2025`)).body;
    expect(s.totals.executed).toBe(
      expected(ECONOMIC, '2025-12-31', 'T') - Number(kop(december[0].split(',')[7])) + 100 - Number(kop(december[1].split(',')[7])),
    );
    // Other months are untouched.
    const nov = (await reader.get(`/api/v1/budget/budgets/${code}/summary?year=2025&period=2025-11`)).body;
    expect(nov.totals.executed).toBe(expected(ECONOMIC, '2025-11-30', 'T'));
  });

  it('reports bad rows with line and reason and keeps the good ones', async () => {
    const [header, r1, r2, r3, r4] = readFileSync(ECONOMIC, 'utf8').split('\n');
    const bad = (line: string, col: number, value: string) => {
      const f = line.split(',');
      f[col] = value;
      return f.join(',');
    };
    const file = [
      header,
      r1.replace(',0355100000,', ',1756400000,'),
      bad(r2, 0, '13.2025'),
      bad(r2.replace(',0355100000,', ',1756400000,'), 7, '12abc'),
      bad(r3, 1, 'X'),
      '2025-01-31,C',
      r4.replace(',0355100000,', ',1756400000,'),
    ].join('\n');
    const res = await importFile(file);
    expect(res.body).toMatchObject({ rowsRead: 6, accepted: 2, rejectedCount: 4, budgetCodes: ['1756400000'] });
    expect(res.body.rejected).toEqual([
      { line: 3, field: 'period', reason: expect.stringMatching(/^period: .*no month 13/) },
      { line: 4, field: 'FAKT_AMT', reason: expect.stringMatching(/^FAKT_AMT: .*not a number/) },
      { line: 5, field: 'fund', reason: expect.stringMatching(/^fund: /) },
      { line: 6, field: 'columns', reason: expect.stringMatching(/^columns: /) },
    ]);
    expect(res.body.rejectedByReason).toEqual({ period: 1, FAKT_AMT: 1, fund: 1, columns: 1 });
  });

  it('refuses a file that is not a budget file with 422 and stores nothing', async () => {
    const kse = readFileSync(dataFile('open-budget', 'kse_hromada_expenses_2021_2022_shatsk_berezhany_bakhmach_long.csv'));
    const res = await upload(kse);
    expect(res.status).toBe(422);
    expect(res.body).toMatchObject({ code: 'unprocessable' });
    expect(res.body.detail ?? res.body.title).toBeTruthy();
    const none = await reader.get('/api/v1/budget/budgets/0350700000/summary?year=2021');
    expect(none.status).toBe(404);

    const png = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0, 0, 13]);
    expect((await upload(png, '', analyst.apiKey, 'application/octet-stream')).status).toBe(422);
    expect((await upload('', '')).status).toBe(422);
    // A header of another dataset than asked for.
    expect((await upload(readFileSync(ECONOMIC), '?dataset=incomes')).status).toBe(422);
  });

  it('lets only admin and editor keys import (analyst and partner: authz.e2e-spec.ts)', async () => {
    const res = await upload(readFileSync(ECONOMIC), '', reader.apiKey);
    expect(res.status).toBe(403);
    const json = await analyst.post('/api/v1/budget/imports', { a: 1 });
    expect(json.status).toBe(415);
  });

  it('imports incomes and splits own revenues from official transfers', async () => {
    const res = await importFile(readFileSync(INCOMES));
    expect(res.body).toMatchObject({ dataset: 'incomes', rejectedCount: 0, accepted: 1674 });
    const inc = (await reader.get(`/api/v1/budget/budgets/${LUTSK}/incomes?year=2025`)).body;
    expect(inc.totals.executed).toBe(expected(INCOMES, '2025-12-31', 'T'));
    expect(inc.byFund.general.executed + inc.byFund.special.executed).toBe(inc.totals.executed);
    const transfers = records(INCOMES)
      .filter((r) => r.REP_PERIOD === '2025-12-31' && r.FUND_TYP === 'T' && r.COD_INCO.startsWith('41'))
      .reduce((s, r) => s + kop(r.FAKT_AMT), 0n);
    expect(inc.officialTransfers.executed).toBe(Number(transfers));
    expect(inc.ratios.transferDependence).toBeGreaterThan(0);
    expect(inc.ratios.pitShareOfTotal).toBeGreaterThan(0.2);
  });

  it('answers recovery, anomalies and guidelines with their rules and evidence', async () => {
    const rec = (await reader.get(`/api/v1/budget/budgets/${LUTSK}/recovery?year=2025`)).body;
    expect(rec.taxonomyVersion).toMatch(/^recovery-/);
    // One taxonomy: every category line carries an id of @vidnova/reference.
    for (const c of rec.categories) expect(RECOVERY_CATEGORY_IDS).toContain(c.id);
    const economic = rec.categories.filter((c: any) => c.basis === 'economic' && c.available);
    const housing = economic.find((c: any) => c.id === 'housing');
    expect(housing.rule.en).toMatch(/3131.*3141/);
    expect(housing.codes.every((c: string) => c === '3131' || c === '3141')).toBe(true);
    // Recovery investment (313x, 314x, 3210) = categorised + unattributed, each code counted once.
    const investment = records(ECONOMIC)
      .filter((r) => r.REP_PERIOD === '2025-12-31' && r.FUND_TYP === 'T' && /^(313|314|321)/.test(r.COD_CONS_EK))
      .reduce((sum, r) => sum + kop(r.FAKT_AMT), 0n);
    expect(rec.economicBasis.executed).toBe(Number(investment));
    expect(economic.reduce((sum: number, c: any) => sum + c.executed, 0) + rec.economicBasis.unattributed.executed).toBe(rec.economicBasis.executed);
    expect(rec.programBasis).toBeNull();
    expect(rec.categories.filter((c: any) => c.basis === 'program').every((c: any) => c.available === false)).toBe(true);
    const an = await reader.get(`/api/v1/budget/budgets/${LUTSK}/anomalies?year=2025`);
    expect(an.status).toBe(200);
    for (const a of an.body.anomalies) {
      expect(a).toMatchObject({ severity: expect.stringMatching(/^(high|medium|low)$/), rule: { id: expect.any(String) }, text: { uk: expect.any(String), en: expect.any(String) } });
      expect(Object.keys(a.evidence).length).toBeGreaterThan(0);
    }
    const g = await reader.get(`/api/v1/budget/budgets/${LUTSK}/guidelines?year=2025`);
    expect(g.status).toBe(200);
    expect(g.body.guidelines.length).toBeGreaterThan(0);
    // Ukrainian texts write figures the uk-UA way (decimal comma, "грн"), English ones the en-GB way.
    const texts = [...an.body.anomalies, ...g.body.guidelines].map((x: any) => x.text).filter(Boolean);
    expect(texts.length).toBeGreaterThan(0);
    for (const t of texts) {
      expect(t.uk).not.toMatch(/\d\.\d/);
      expect(t.uk).not.toMatch(/UAH/);
      expect(t.en).not.toMatch(/\d,\d{1,2}(?!\d)/);
    }
    const ukPercent = (r: number) => new Intl.NumberFormat('uk-UA', { style: 'percent', minimumFractionDigits: 1, maximumFractionDigits: 1 }).format(r);
    for (const x of [...an.body.anomalies, ...g.body.guidelines]) {
      const r = x.evidence?.share ?? x.evidence?.executionRate;
      if (typeof r === 'number' && x.text.uk.includes('%')) expect(x.text.uk).toContain(ukPercent(r));
    }
    const cmp = await reader.get(`/api/v1/budget/compare?budgets=${LUTSK},2555100000&year=2025`);
    expect(cmp.status).toBe(200);
    expect(cmp.body.budgets[0].totals.executed).toBe(cmp.body.budgets[1].totals.executed);
  });
});
