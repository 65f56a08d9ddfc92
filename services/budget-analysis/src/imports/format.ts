import type { BudgetDataset } from '@vidnova/contracts';

/** Column positions of the fields the importer reads; extra columns are ignored. */
export interface ColumnMap {
  dataset: BudgetDataset;
  period: number;
  fund: number;
  budget: number;
  code: number;
  name: number | null;
  /** Programme files also carry functional and economic codes. */
  functional: number | null;
  functionalName: number | null;
  economic: number | null;
  economicName: number | null;
  zat: number | null;
  plans: number | null;
  fakt: number;
}

export type HeaderResult = { ok: true; columns: ColumnMap } | { ok: false; reason: string };

const clean = (h: string) => h.replace(/^\ufeff/, '').trim().replace(/^"|"$/g, '').toUpperCase();

/**
 * Recognises an Open Budget file by its header and tells which dataset it is. A file without the
 * portal's key columns is not a budget file at all.
 */
export function readHeader(header: string[], requested?: BudgetDataset): HeaderResult {
  const names = header.map(clean);
  const at = (n: string): number | null => {
    const i = names.indexOf(n);
    return i >= 0 ? i : null;
  };
  const period = at('REP_PERIOD');
  const fund = at('FUND_TYP');
  const budget = at('COD_BUDGET');
  const fakt = at('FAKT_AMT');
  const missing = (
    [
      ['REP_PERIOD', period],
      ['FUND_TYP', fund],
      ['COD_BUDGET', budget],
      ['FAKT_AMT', fakt],
    ] as const
  )
    .filter(([, i]) => i === null)
    .map(([n]) => n);
  if (missing.length) return { ok: false, reason: `not an Open Budget file: missing column(s) ${missing.join(', ')}` };

  let detected: BudgetDataset | null = null;
  if (at('COD_INCO') !== null) detected = 'incomes';
  else if (at('COD_CONS_MB_PK') !== null) detected = 'expenses-program';
  else if (at('COD_CONS_MB_FK') !== null) detected = 'expenses-functional';
  else if (at('COD_CONS_EK') !== null) detected = 'expenses-economic';
  if (!detected) {
    return { ok: false, reason: 'not a budget file this importer knows: no COD_INCO, COD_CONS_MB_PK, COD_CONS_MB_FK or COD_CONS_EK column' };
  }
  if (requested && requested !== detected) {
    return { ok: false, reason: `dataset "${requested}" was asked for but the header is that of "${detected}"` };
  }
  const codeCol: Record<BudgetDataset, string> = {
    incomes: 'COD_INCO',
    'expenses-program': 'COD_CONS_MB_PK',
    'expenses-functional': 'COD_CONS_MB_FK',
    'expenses-economic': 'COD_CONS_EK',
  };
  const nameCol: Record<BudgetDataset, string> = {
    incomes: 'NAME_INC',
    'expenses-program': 'COD_CONS_MB_PK_NAME',
    'expenses-functional': 'COD_CONS_MB_FK_NAME',
    'expenses-economic': 'COD_CONS_EK_NAME',
  };
  const isProgram = detected === 'expenses-program';
  return {
    ok: true,
    columns: {
      dataset: detected,
      period: period!,
      fund: fund!,
      budget: budget!,
      fakt: fakt!,
      code: at(codeCol[detected])!,
      name: at(nameCol[detected]),
      functional: isProgram ? at('COD_CONS_MB_FK') : null,
      functionalName: isProgram ? at('COD_CONS_MB_FK_NAME') : null,
      economic: isProgram ? at('COD_CONS_EK') : null,
      economicName: isProgram ? at('COD_CONS_EK_NAME') : null,
      zat: at('ZAT_AMT'),
      plans: at('PLANS_AMT'),
    },
  };
}
