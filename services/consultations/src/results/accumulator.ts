import { QuestionResult, QuestionView } from '@vidnova/contracts';
import type { StoredAnswer } from '../submissions/validate-answers';
import { bordaPoints, medianFromHistogram, round, share, wilson } from './result-math';

interface QuestionTally {
  q: QuestionView;
  answered: number;
  counts: Map<string, number>;
  borda: Map<string, number>;
  first: Map<string, number>;
  histogram: Map<number, number>;
  sum: number;
}

/**
 * Running tallies for one set of respondents (everyone, or one breakdown group). Submissions are
 * added one at a time from a database cursor; memory depends on questions × options, never on the
 * number of submissions.
 */
export class ResultsAccumulator {
  respondents = 0;
  private readonly tallies: Map<string, QuestionTally>;

  constructor(private readonly questions: QuestionView[]) {
    this.tallies = new Map(
      questions.map((q) => [
        q.id,
        {
          q,
          answered: 0,
          counts: new Map(q.options.map((o) => [o.id, 0])),
          borda: new Map(q.options.map((o) => [o.id, 0])),
          first: new Map(q.options.map((o) => [o.id, 0])),
          histogram: new Map(),
          sum: 0,
        },
      ]),
    );
  }

  add(answers: StoredAnswer[]): void {
    this.respondents++;
    for (const a of answers) {
      const t = this.tallies.get(a.questionId);
      if (!t) continue;
      t.answered++;
      switch (t.q.type) {
        case 'single_choice':
        case 'multiple_choice':
          for (const o of a.optionIds ?? []) if (t.counts.has(o)) t.counts.set(o, t.counts.get(o)! + 1);
          break;
        case 'ranking': {
          const slots = t.q.topN ?? t.q.options.length;
          (a.ranking ?? []).forEach((o, i) => {
            if (!t.counts.has(o)) return;
            t.counts.set(o, t.counts.get(o)! + 1);
            t.borda.set(o, t.borda.get(o)! + bordaPoints(i, slots));
            if (i === 0) t.first.set(o, t.first.get(o)! + 1);
          });
          break;
        }
        case 'scale':
          if (typeof a.value === 'number') {
            t.histogram.set(a.value, (t.histogram.get(a.value) ?? 0) + 1);
            t.sum += a.value;
          }
          break;
        case 'text':
          break;
      }
    }
  }

  results(): QuestionResult[] {
    return this.questions.map((q) => {
      const t = this.tallies.get(q.id)!;
      const n = t.answered;
      const base: QuestionResult = { questionId: q.id, type: q.type, answered: n };
      switch (q.type) {
        case 'single_choice':
        case 'multiple_choice':
        case 'ranking': {
          const counts = Object.fromEntries(t.counts);
          const shares = Object.fromEntries([...t.counts].map(([o, k]) => [o, share(k, n)]));
          const ci95 = Object.fromEntries([...t.counts].map(([o, k]) => [o, wilson(k, n)]));
          if (q.type !== 'ranking') return { ...base, counts, shares, ci95 };
          const order = q.options.map((o) => o.id);
          const ranking = [...order]
            .sort((a, b) => t.borda.get(b)! - t.borda.get(a)! || t.first.get(b)! - t.first.get(a)! || order.indexOf(a) - order.indexOf(b))
            .map((o) => ({ optionId: o, bordaScore: t.borda.get(o)!, firstPreferenceShare: share(t.first.get(o)!, n), firstPreferenceCi95: wilson(t.first.get(o)!, n) }));
          return { ...base, counts, shares, ci95, ranking };
        }
        case 'scale': {
          const counts = Object.fromEntries([...t.histogram].sort(([a], [b]) => a - b).map(([v, c]) => [String(v), c]));
          return { ...base, counts, mean: n ? round(t.sum / n) : null, median: medianFromHistogram(t.histogram) };
        }
        case 'text':
          // Free text is never shown in aggregate results: it could identify the person who wrote it.
          return base;
      }
    });
  }
}
