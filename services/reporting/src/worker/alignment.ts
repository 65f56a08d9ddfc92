import { ReportLang } from '@vidnova/contracts';
import { ordinal, percent, Text } from './format';

/** One category in the priority–budget comparison. */
export interface AlignmentInput {
  category: string;
  name: Text;
  /** Rank in the published priority list (1 = most wanted). */
  priorityRank: number;
  /** executed / all executed of the basis (as budget-analysis answers it); null = no figure. */
  share: number | null;
}

export interface AlignmentLine extends AlignmentInput {
  /** Rank among the compared categories by share of spending (1 = largest; ties share the mean rank). */
  spendingRank: number;
  /** spendingRank − priority rank among the compared categories: > 0 gets less than its priority suggests. */
  gap: number;
  explanation: Text;
}

export interface Alignment {
  /** Spearman's rank correlation between priority order and spending share; null with fewer than 2 categories or no spread. */
  index: number | null;
  n: number;
  verdict: Text;
  lines: AlignmentLine[];
}

/** Ranks (1 = first) of the values in the order given by `better` (descending for shares), ties get their mean rank. */
export function averageRanks(values: number[], descending: boolean): number[] {
  const order = values.map((v, i) => ({ v, i })).sort((a, b) => (descending ? b.v - a.v : a.v - b.v));
  const ranks = new Array<number>(values.length);
  for (let start = 0; start < order.length; ) {
    let end = start;
    while (end + 1 < order.length && order[end + 1].v === order[start].v) end++;
    const mean = (start + end) / 2 + 1;
    for (let k = start; k <= end; k++) ranks[order[k].i] = mean;
    start = end + 1;
  }
  return ranks;
}

/** Pearson correlation of two rank vectors (Spearman's rho with ties handled by mean ranks). */
export function pearson(x: number[], y: number[]): number | null {
  const n = x.length;
  if (n < 2) return null;
  const mx = x.reduce((s, v) => s + v, 0) / n;
  const my = y.reduce((s, v) => s + v, 0) / n;
  let sxy = 0;
  let sxx = 0;
  let syy = 0;
  for (let i = 0; i < n; i++) {
    sxy += (x[i] - mx) * (y[i] - my);
    sxx += (x[i] - mx) ** 2;
    syy += (y[i] - my) ** 2;
  }
  if (sxx === 0 || syy === 0) return null;
  return sxy / Math.sqrt(sxx * syy);
}

const round4 = (v: number) => Math.round(v * 10000) / 10000;

/**
 * The priority–budget alignment index (docs/reporting.md): Spearman's rank correlation between the
 * order residents gave the categories and the order of their shares of recovery spending. +1: money
 * follows the priorities exactly; 0: no relation; −1: the most wanted get the least.
 * Categories without a spending figure count as a share of 0 (nothing was spent that the basis can see).
 */
export function alignment(input: AlignmentInput[]): Alignment {
  const lines = [...input].sort((a, b) => a.priorityRank - b.priorityRank);
  const n = lines.length;
  const pr = averageRanks(lines.map((l) => l.priorityRank), false);
  const sr = averageRanks(lines.map((l) => l.share ?? 0), true);
  const rho = pearson(pr, sr);
  const index = rho === null ? null : round4(rho);
  const out: AlignmentLine[] = lines.map((l, i) => {
    const gap = sr[i] - pr[i];
    return { ...l, spendingRank: sr[i], gap, explanation: explain(l, pr[i], sr[i], gap, n) };
  });
  return { index, n, verdict: verdict(index, n), lines: out };
}

function rankText(r: number, lang: ReportLang): string {
  return Number.isInteger(r) ? ordinal(r, lang) : lang === 'uk' ? `${String(r).replace('.', ',')}-е (спільне)` : `${r} (shared)`;
}

function explain(l: AlignmentInput, p: number, s: number, gap: number, n: number): Text {
  const share = (lang: ReportLang) => (l.share === null ? (lang === 'uk' ? 'немає даних' : 'no figure') : percent(l.share, lang, 2));
  const places = Math.abs(gap);
  const en =
    gap > 0
      ? `receives less than its priority suggests (${places} place${places === 1 ? '' : 's'} lower)`
      : gap < 0
        ? `receives more than its priority suggests (${places} place${places === 1 ? '' : 's'} higher)`
        : 'spending is in line with its priority';
  const uk =
    gap > 0
      ? `фінансується менше, ніж пріоритет (на ${String(places).replace('.', ',')} місц${places === 1 ? 'е' : 'я'} нижче)`
      : gap < 0
        ? `фінансується більше, ніж пріоритет (на ${String(places).replace('.', ',')} місц${places === 1 ? 'е' : 'я'} вище)`
        : 'видатки відповідають пріоритету';
  return {
    en: `${l.name.en}: residents rank it ${rankText(p, 'en')} of ${n}, recovery spending ${rankText(s, 'en')} of ${n} (${share('en')} of spending) — ${en}.`,
    uk: `${l.name.uk}: мешканці ставлять на ${rankText(p, 'uk')} місце з ${n}, видатки на відновлення — на ${rankText(s, 'uk')} (${share('uk')} видатків) — ${uk}.`,
  };
}

function verdict(index: number | null, n: number): Text {
  if (index === null) {
    return n < 2
      ? { en: 'Too few categories to compare (at least 2 are needed).', uk: 'Замало категорій для порівняння (потрібно щонайменше 2).' }
      : { en: 'No spread to compare: every category has the same rank or share.', uk: 'Немає розкиду для порівняння: усі категорії мають однаковий ранг або частку.' };
  }
  if (index >= 0.5) return { en: 'Spending largely follows the residents’ priorities.', uk: 'Видатки здебільшого відповідають пріоритетам мешканців.' };
  if (index > 0) return { en: 'Spending follows the residents’ priorities only weakly.', uk: 'Видатки слабко відповідають пріоритетам мешканців.' };
  if (index === 0) return { en: 'Spending shows no relation to the residents’ priorities.', uk: 'Видатки не пов’язані з пріоритетами мешканців.' };
  return { en: 'Spending runs against the residents’ priorities: the most wanted get the smallest shares.', uk: 'Видатки суперечать пріоритетам мешканців: найбажаніше отримує найменше.' };
}
