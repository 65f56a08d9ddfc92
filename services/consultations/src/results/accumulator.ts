import { QuestionResult, QuestionView } from '@vidnova/contracts';
import type { StoredAnswer } from '../submissions/validate-answers';
import { bordaPoints, medianFromHistogram, round, share, wilson } from './result-math';

/**
 * The counters of one question as stored in a tally document (services/consultations/src/results/
 * tallies.service.ts). Keys are positions, not ids (`o<option index>`, `v<scale value>`), so no id a
 * user typed ever becomes a field path; the questionnaire cannot change once a consultation is open.
 */
export interface StoredQuestionTally {
  a?: number;
  c?: Record<string, number>;
  b?: Record<string, number>;
  f?: Record<string, number>;
  h?: Record<string, number>;
  s?: number;
}

/** The counters of one set of respondents (everyone, or one breakdown group) as stored. */
export interface StoredGroupTally {
  n?: number;
  q?: Record<string, StoredQuestionTally>;
}

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

  /**
   * Adds these counters, as `$inc` paths under `prefix`, to `out` (zeros left out): what one batch of
   * submissions adds to a stored tally.
   */
  toIncrements(prefix: string, out: Record<string, number>): void {
    const inc = (path: string, by: number) => {
      if (by) out[`${prefix}.${path}`] = (out[`${prefix}.${path}`] ?? 0) + by;
    };
    inc('n', this.respondents);
    this.questions.forEach((q, i) => {
      const t = this.tallies.get(q.id)!;
      inc(`q.q${i}.a`, t.answered);
      q.options.forEach((o, j) => {
        inc(`q.q${i}.c.o${j}`, t.counts.get(o.id)!);
        inc(`q.q${i}.b.o${j}`, t.borda.get(o.id)!);
        inc(`q.q${i}.f.o${j}`, t.first.get(o.id)!);
      });
      for (const [v, c] of t.histogram) inc(`q.q${i}.h.v${v}`, c);
      inc(`q.q${i}.s`, t.sum);
    });
  }

  /** Counters read back from stored tallies, added up (the shards of one consultation; none: all zero). */
  static fromStored(questions: QuestionView[], stored: Array<StoredGroupTally | undefined>): ResultsAccumulator {
    const acc = new ResultsAccumulator(questions);
    const add = (m: Map<string, number>, k: string, by: number | undefined) => m.set(k, m.get(k)! + (by ?? 0));
    for (const g of stored) {
      acc.respondents += g?.n ?? 0;
      questions.forEach((q, i) => {
        const s = g?.q?.[`q${i}`];
        if (!s) return;
        const t = acc.tallies.get(q.id)!;
        t.answered += s.a ?? 0;
        t.sum += s.s ?? 0;
        q.options.forEach((o, j) => {
          add(t.counts, o.id, s.c?.[`o${j}`]);
          add(t.borda, o.id, s.b?.[`o${j}`]);
          add(t.first, o.id, s.f?.[`o${j}`]);
        });
        for (const [k, c] of Object.entries(s.h ?? {})) if (c) t.histogram.set(Number(k.slice(1)), (t.histogram.get(Number(k.slice(1))) ?? 0) + c);
      });
    }
    return acc;
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
