import * as reference from '@vidnova/reference';

/** What the analyses need to know about a community. */
export interface CommunityInfo {
  katottg: string;
  budgetCode: string | null;
  name: { uk: string; en: string } | null;
  population: number | null;
  populationYear: number | null;
}

type Lookup = (code: string) => unknown;

/**
 * Community lookups from @vidnova/reference (`communityByBudgetCode`, `communityByKatottg`), read
 * defensively: the reference library is being extended and its community record shape may still
 * change. Without them, analyses answer without per-capita figures and KATOTTG codes are refused.
 */
function lookup(name: 'communityByBudgetCode' | 'communityByKatottg'): Lookup | null {
  const fn = (reference as Record<string, unknown>)[name];
  return typeof fn === 'function' ? (fn as Lookup) : null;
}

function toInfo(raw: unknown): CommunityInfo | null {
  if (!raw || typeof raw !== 'object') return null;
  const r = raw as Record<string, unknown>;
  const katottg = typeof r.katottg === 'string' ? r.katottg : typeof r.code === 'string' ? r.code : null;
  if (!katottg) return null;
  const name = r.name && typeof r.name === 'object' ? (r.name as { uk: string; en: string }) : null;
  const pop = r.population;
  let population: number | null = null;
  let populationYear: number | null = null;
  if (typeof pop === 'number') population = pop;
  else if (pop && typeof pop === 'object') {
    const p = pop as Record<string, unknown>;
    if (typeof p.total === 'number') population = p.total;
    else if (typeof p.value === 'number') population = p.value;
    if (typeof p.year === 'number') populationYear = p.year;
  }
  if (population === null && typeof r.population2022 === 'number') {
    population = r.population2022;
    populationYear = 2022;
  }
  const budgetCode = typeof r.budgetCode === 'string' ? r.budgetCode : null;
  return { katottg, budgetCode, name, population, populationYear };
}

export function communityByBudgetCode(budgetCode: string): CommunityInfo | null {
  const fn = lookup('communityByBudgetCode');
  return fn ? toInfo(fn(budgetCode)) : null;
}

export function communityByKatottg(katottg: string): CommunityInfo | null {
  const fn = lookup('communityByKatottg');
  return fn ? toInfo(fn(katottg)) : null;
}

export const referenceHasCommunities = (): boolean => lookup('communityByKatottg') !== null;
