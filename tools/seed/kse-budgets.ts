/**
 * Seeds the annual KSE Local Data Hub figures of the first communities (Shatsk, Berezhany, Bakhmach):
 * executed expenditures 2021–2022 by programme, functional and economic code, and income structure
 * 2020–2023. Sent to the budget-analysis service over NATS (BUDGET_OPS.annualLoad), which
 * replaces an earlier load of the same budget, year and source, so running it twice changes nothing.
 *
 * Source: libs/reference/data-src/open-budget/kse_hromada_expenses_2021_2022_shatsk_berezhany_bakhmach_long.csv
 * and kse_hromada_budget_2020_2022_shatsk_berezhany_bakhmach.csv (KSE Local Data Hub, MIT). The
 * KSE amounts are UAH; some carry floating-point artefacts (108242344.44999999), rounded here half
 * up to the kopiyka with string arithmetic.
 */
import { AnnualFiguresLoaded, BUDGET_OPS, ExpenditureClassification, LoadAnnualFiguresRequest } from '@vidnova/contracts';
import { BusClient } from '@vidnova/messaging';
import { dataFile } from '@vidnova/testing';
import { parse } from 'csv-parse/sync';
import { readFileSync } from 'node:fs';

export const KSE_SOURCE = 'KSE Local Data Hub (MIT)';

const CLASSIFICATION: Record<string, ExpenditureClassification> = {
  TPKVKMB_program: 'program',
  FKVKB_functional: 'functional',
  KEKV_economic: 'economic',
};

/** UAH as written (possibly with float artefacts) → kopiykas, rounded half up, no float arithmetic. */
export function uahToKopiykas(raw: string): number {
  const s = raw.trim();
  const m = /^(-?)(\d+)(?:\.(\d+))?$/.exec(s);
  if (!m) throw new Error(`not an amount: "${raw}"`);
  const [, sign, int, frac = ''] = m;
  let kop = BigInt(int) * 100n + BigInt((frac + '00').slice(0, 2));
  if (frac.length > 2 && Number(frac[2]) >= 5) kop += 1n;
  const n = Number(kop);
  return sign ? -n : n;
}

type Rec = Record<string, string>;

export function kseRequests(): LoadAnnualFiguresRequest[] {
  const expenses = parse(readFileSync(dataFile('open-budget', 'kse_hromada_expenses_2021_2022_shatsk_berezhany_bakhmach_long.csv'), 'utf8'), {
    columns: true,
    skip_empty_lines: true,
  }) as Rec[];
  const incomes = parse(readFileSync(dataFile('open-budget', 'kse_hromada_budget_2020_2022_shatsk_berezhany_bakhmach.csv'), 'utf8'), {
    columns: true,
    skip_empty_lines: true,
  }) as Rec[];
  const byKey = new Map<string, LoadAnnualFiguresRequest>();
  const req = (budgetCode: string, year: number, katottg?: string) => {
    const k = `${budgetCode}/${year}`;
    let r = byKey.get(k);
    if (!r) byKey.set(k, (r = { budgetCode, year, source: KSE_SOURCE, expenditures: [], ...(katottg ? { katottg } : {}) }));
    return r;
  };
  for (const e of expenses) {
    const classification = CLASSIFICATION[e.classification];
    if (!classification) throw new Error(`unknown classification ${e.classification}`);
    req(e.budget_code, Number(e.year), e.hromada_code).expenditures.push({ classification, code: e.code, executed: uahToKopiykas(e.executed_uah) });
  }
  for (const i of incomes) {
    const r = req(i.budget_code, Number(i.year), i.hromada_code);
    r.incomes = {
      total: uahToKopiykas(i.income_total),
      transfers: uahToKopiykas(i.income_transfert),
      own: uahToKopiykas(i.income_own),
      personalIncomeTax: uahToKopiykas(i.income_pdfo),
      militaryPersonalIncomeTax: uahToKopiykas(i.income_military),
      baseSubsidy: uahToKopiykas(i.income_base_subsidy),
    };
  }
  return [...byKey.values()];
}

export async function seedKseBudgets(bus: BusClient): Promise<AnnualFiguresLoaded[]> {
  const out: AnnualFiguresLoaded[] = [];
  for (const r of kseRequests()) out.push(await bus.send(BUDGET_OPS.annualLoad, r));
  return out;
}
