import type {
  BudgetAmounts,
  BudgetText,
  RecoveryBasis,
  RecoveryBasisKind,
  RecoveryCategoryLine,
} from '@vidnova/contracts';
import {
  RECOVERY_CATEGORIES,
  RECOVERY_CATEGORIES_VERSION,
  RECOVERY_ECONOMIC_RULES,
  RecoveryCategory,
  RecoveryCategoryId,
  recoveryCategoryForFunctionalCode,
  recoveryCategoryForProgramCode,
} from '@vidnova/reference';
import { add, ratio, zero } from './figures';

/**
 * Recovery spending by the one recovery taxonomy of the platform: the categories of @vidnova/reference,
 * the same ids consultation options are tagged with, so a community's priorities and its spending can
 * be held side by side. The mapping data (which programme, functional and economic codes belong to
 * which category) lives beside the categories in @vidnova/reference; this file only matches codes
 * against it. Versioned with the taxonomy: figures published under a version can be reproduced.
 * Methodology: docs/budget-methodology.md §4.
 */
export const RECOVERY_TAXONOMY_VERSION = `recovery-${RECOVERY_CATEGORIES_VERSION}`;

/** How a code of a basis is counted: not at all (`counted` false), or in a category or none. */
export interface CodeMatch {
  counted: boolean;
  category: RecoveryCategoryId | null;
}

/**
 * Which category a code falls in on a basis. Programme and functional bases count every code (a code
 * outside the taxonomy is unattributed); the economic basis counts only recovery investment (KEKV
 * 313x, 314x, 3210) and gives a category only where the code names the need.
 */
export function matchRecoveryCode(basis: RecoveryBasisKind, code: string): CodeMatch {
  switch (basis) {
    case 'program':
      return { counted: true, category: recoveryCategoryForProgramCode(code)?.id ?? null };
    case 'functional':
      return { counted: true, category: recoveryCategoryForFunctionalCode(code)?.id ?? null };
    case 'economic': {
      const rule = RECOVERY_ECONOMIC_RULES.find((r) => code.startsWith(r.prefix));
      return rule ? { counted: true, category: rule.category } : { counted: false, category: null };
    }
  }
}

/** The categories a basis can give figures for, in the order of the taxonomy. */
export function categoriesOf(basis: RecoveryBasisKind): readonly RecoveryCategory[] {
  switch (basis) {
    case 'program':
      return RECOVERY_CATEGORIES.filter((c) => c.programCodes.length > 0);
    case 'functional':
      return RECOVERY_CATEGORIES.filter((c) => c.functionalCodes.length > 0);
    case 'economic': {
      const used = new Set(RECOVERY_ECONOMIC_RULES.map((r) => r.category));
      return RECOVERY_CATEGORIES.filter((c) => used.has(c.id));
    }
  }
}

const xPrefix = (p: string) => p.padEnd(4, 'x');

/** The rule of a category on a basis, in words. */
export function categoryRule(basis: RecoveryBasisKind, c: RecoveryCategory): BudgetText {
  switch (basis) {
    case 'program':
      return {
        uk: `ТПКВКМБ ${c.programCodes.join(', ')} (останні 4 цифри КПКВКМБ)`,
        en: `TPKVKMB ${c.programCodes.join(', ')} (last 4 digits of KPKVKMB)`,
      };
    case 'functional':
      return { uk: `ФКВКБ ${c.functionalCodes.join(', ')}`, en: `FKVKB ${c.functionalCodes.join(', ')}` };
    case 'economic': {
      const rules = RECOVERY_ECONOMIC_RULES.filter((r) => r.category === c.id);
      return {
        uk: `КЕКВ ${rules.map((r) => `${xPrefix(r.prefix)} (${r.name.uk})`).join(', ')}`,
        en: `KEKV ${rules.map((r) => `${xPrefix(r.prefix)} (${r.name.en})`).join(', ')}`,
      };
    }
  }
}

function unattributedRule(basis: RecoveryBasisKind): BudgetText {
  if (basis === 'economic') {
    const rules = RECOVERY_ECONOMIC_RULES.filter((r) => r.category === null);
    return {
      uk: `КЕКВ ${rules.map((r) => `${xPrefix(r.prefix)} (${r.name.uk})`).join(', ')}: код не називає потребу; її видно з програмної класифікації`,
      en: `KEKV ${rules.map((r) => `${xPrefix(r.prefix)} (${r.name.en})`).join(', ')}: the code does not name the need; the programme classification shows it`,
    };
  }
  const kind = basis === 'program' ? { uk: 'ТПКВКМБ', en: 'TPKVKMB' } : { uk: 'ФКВКБ', en: 'FKVKB' };
  return {
    uk: `Коди ${kind.uk}, що не належать жодній категорії таксономії`,
    en: `${kind.en} codes that belong to no category of the taxonomy`,
  };
}

/** Amounts as shown: plans are null where the source has none. */
const shown = (a: BudgetAmounts, hasPlans: boolean) => ({
  plan: hasPlans ? a.plan : null,
  amendedPlan: hasPlans ? a.amendedPlan : null,
  executed: a.executed,
});

export interface BasisFigures {
  /** The codes of one classification with their amounts (most detailed codes only). */
  total: Map<string, BudgetAmounts>;
  /** Total executed of the classification, for shares. */
  totalExecuted: number;
  hasPlans: boolean;
}

/**
 * Sums the codes of one basis per category. `figures` null means the budget has no data of this
 * basis: every line is then `available: false` and the basis total null.
 */
export function recoveryOfBasis(
  basis: RecoveryBasisKind,
  figures: BasisFigures | null,
): { lines: RecoveryCategoryLine[]; total: Omit<RecoveryBasis, 'source' | 'period'> | null } {
  const categories = categoriesOf(basis);
  if (!figures) {
    return {
      lines: categories.map((c) => ({
        id: c.id,
        basis,
        name: { ...c.name },
        rule: categoryRule(basis, c),
        available: false,
        codes: [],
        plan: null,
        amendedPlan: null,
        executed: null,
        shareOfExpenditure: null,
      })),
      total: null,
    };
  }
  const sums = new Map<string, { amounts: BudgetAmounts; codes: string[] }>(
    categories.map((c) => [c.id, { amounts: zero(), codes: [] }]),
  );
  const none = { amounts: zero(), codes: [] as string[] };
  let counted = zero();
  for (const [code, a] of figures.total) {
    const m = matchRecoveryCode(basis, code);
    if (!m.counted) continue;
    counted = add(counted, a);
    const into = (m.category && sums.get(m.category)) || none;
    into.amounts = add(into.amounts, a);
    into.codes.push(code);
  }
  const lines = categories.map((c) => {
    const s = sums.get(c.id)!;
    return {
      id: c.id,
      basis,
      name: { ...c.name },
      rule: categoryRule(basis, c),
      available: true,
      codes: s.codes.sort(),
      ...shown(s.amounts, figures.hasPlans),
      shareOfExpenditure: ratio(s.amounts.executed, figures.totalExecuted),
    };
  });
  return {
    lines,
    total: {
      executed: counted.executed,
      shareOfExpenditure: ratio(counted.executed, figures.totalExecuted),
      unattributed: {
        codes: none.codes.sort(),
        ...shown(none.amounts, figures.hasPlans),
        rule: unattributedRule(basis),
      },
    },
  };
}
