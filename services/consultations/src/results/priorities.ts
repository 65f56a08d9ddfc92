import { QuestionResult, QuestionView } from '@vidnova/contracts';
import { round } from './result-math';

export interface CategoryPriority {
  category: string;
  rank: number;
  score: number;
}

/**
 * The community's priority list from a consultation's results, using the recovery categories tagged
 * on options. For each choice or ranking question with tagged options, a category's weight in that
 * question is its options' share of all support in the question (Borda points for rankings, choices
 * for single/multiple choice). A category's score is its mean weight over those questions (0..1);
 * categories are ranked by score, then by id for a stable order.
 */
export function computePriorities(questions: QuestionView[], results: QuestionResult[]): CategoryPriority[] {
  const byId = new Map(results.map((r) => [r.questionId, r]));
  const totals = new Map<string, number>();
  let contributing = 0;
  for (const q of questions) {
    if (!(q.type === 'single_choice' || q.type === 'multiple_choice' || q.type === 'ranking')) continue;
    if (!q.options.some((o) => o.category)) continue;
    const r = byId.get(q.id);
    if (!r || !r.answered) continue;
    const support = new Map<string, number>(
      q.type === 'ranking' ? (r.ranking ?? []).map((x) => [x.optionId, x.bordaScore]) : Object.entries(r.counts ?? {}),
    );
    let all = 0;
    for (const v of support.values()) all += v;
    if (!all) continue;
    contributing++;
    for (const o of q.options) {
      if (!o.category) continue;
      totals.set(o.category, (totals.get(o.category) ?? 0) + (support.get(o.id) ?? 0) / all);
    }
  }
  if (!contributing) return [];
  return [...totals]
    .map(([category, sum]) => ({ category, score: round(sum / contributing) }))
    .sort((a, b) => b.score - a.score || (a.category < b.category ? -1 : 1))
    .map((p, i) => ({ ...p, rank: i + 1 }));
}
