import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { toKopiykas } from './decimal';
import { checkIdentities } from './identities';
import { readLines } from './lines';

describe('toKopiykas', () => {
  it('reads decimal text exactly in both units', () => {
    expect(toKopiykas('1974.8', 'thousand UAH')).toBe(197480000);
    expect(toKopiykas(1974.8, 'thousand UAH')).toBe(197480000);
    expect(toKopiykas('-12.3', 'thousand UAH')).toBe(-1230000);
    expect(toKopiykas('0.1', 'UAH')).toBe(10);
    expect(toKopiykas('12,34', 'UAH')).toBe(1234);
    // A float sum would give 0.30000000000000004: the text is shifted, not multiplied.
    expect(toKopiykas(String(0.1 + 0.2).slice(0, 4), 'UAH')).toBe(30);
    expect(toKopiykas('90071992547409.91', 'UAH')).toBe(9007199254740991);
  });

  it('refuses what is not a plain amount or is finer than a kopiyka', () => {
    expect(toKopiykas('0.001', 'UAH')).toBeNull();
    expect(toKopiykas('1e5', 'UAH')).toBeNull();
    expect(toKopiykas('abc', 'UAH')).toBeNull();
    expect(toKopiykas('90071992547409.92', 'UAH')).toBeNull();
    expect(toKopiykas(Number.NaN, 'UAH')).toBeNull();
  });
});

describe('accounting identities on the real statement', () => {
  const raw = JSON.parse(
    // The committed fixture (test/fixtures/enterprises/SOURCES.md); apps may not import @vidnova/testing.
    readFileSync(resolve(__dirname, '../../../../test/fixtures/enterprises/finstat_form1_form2_sample_edrpou_32501397.json'), 'utf8'),
  )[0] as Record<string, unknown>;
  const lines = Object.fromEntries(Object.entries(raw).filter(([k]) => /^R\d{4}G[34]$/.test(k))) as Record<string, number>;

  it('holds for the published figures in both columns', () => {
    const checks = checkIdentities(readLines({ year: 2020, unit: 'thousand UAH', lines }));
    expect(checks.length).toBeGreaterThanOrEqual(10);
    expect(checks.filter((c) => !c.holds)).toEqual([]);
    expect(checks.map((c) => c.key)).toEqual(expect.arrayContaining(['assets_total', 'balance', 'equity_and_liabilities_total', 'net_result']));
  });

  it('names each broken identity with both sides', () => {
    const broken = checkIdentities(readLines({ year: 2020, unit: 'thousand UAH', lines: { ...lines, R1900G4: 965.3 } })).filter((c) => !c.holds);
    expect(broken.map((b) => b.key).sort()).toEqual(['balance', 'equity_and_liabilities_total']);
    const balance = broken.find((b) => b.key === 'balance')!;
    expect([balance.left, balance.right]).toEqual([96520000, 96530000]);
  });

  it('reads the same statement from CSV in either layout', () => {
    const wide = ['line;G3;G4', ...[...new Set(Object.keys(lines).map((k) => k.slice(1, 5)))].map((l) => `${l};${lines[`R${l}G3`] ?? ''};${lines[`R${l}G4`] ?? ''}`)].join('\n');
    const long = ['code,value', ...Object.entries(lines).map(([k, v]) => `${k},${v}`)].join('\n');
    const fromJson = readLines({ year: 2020, unit: 'thousand UAH', lines });
    expect(readLines({ year: 2020, unit: 'thousand UAH', csv: wide })).toEqual(fromJson);
    expect(readLines({ year: 2020, unit: 'thousand UAH', csv: long })).toEqual(fromJson);
  });
});
