import { ConsultationResults, QuestionResult } from '@vidnova/contracts';

const HEADER = ['group_field', 'group_value', 'suppressed', 'respondents', 'question_id', 'type', 'answered', 'option_or_value', 'count', 'share', 'ci95_low', 'ci95_high', 'borda_score', 'borda_rank', 'first_preference_share', 'mean', 'median'];

/** Results as one CSV for analysts: one line per question option (or scale value), overall first, then each group. */
export function resultsToCsv(r: ConsultationResults): string {
  const lines = [HEADER.join(',')];
  const emit = (field: string, value: string, respondents: number, qs: QuestionResult[]) => {
    for (const q of qs) {
      const rankOf = new Map((q.ranking ?? []).map((x, i) => [x.optionId, { ...x, rank: i + 1 }]));
      const keys = Object.keys(q.counts ?? {});
      if (!keys.length) lines.push(row([field, value, 'false', respondents, q.questionId, q.type, q.answered, '', '', '', '', '', '', '', '', q.mean ?? '', q.median ?? '']));
      for (const k of keys) {
        const rk = rankOf.get(k);
        lines.push(row([field, value, 'false', respondents, q.questionId, q.type, q.answered, k, q.counts![k], q.shares?.[k] ?? '', q.ci95?.[k]?.low ?? '', q.ci95?.[k]?.high ?? '', rk?.bordaScore ?? '', rk?.rank ?? '', rk?.firstPreferenceShare ?? '', q.mean ?? '', q.median ?? '']));
      }
    }
  };
  emit('', '', r.respondents, r.questions);
  for (const g of r.groups ?? []) {
    if (g.suppressed) lines.push(row([g.field, g.value, 'true', '', '', '', '', '', '', '', '', '', '', '', '', '', '']));
    else emit(g.field, g.value, g.respondents ?? 0, g.questions ?? []);
  }
  return `${lines.join('\n')}\n`;
}

function row(cells: Array<string | number>): string {
  return cells.map((c) => csvCell(String(c))).join(',');
}

/** Quotes when needed, and defuses spreadsheet formulas in text cells. */
function csvCell(s: string): string {
  const safe = /^[=+\-@\t\r]/.test(s) && !/^-?\d+(\.\d+)?$/.test(s) ? `'${s}` : s;
  return /[",\n\r]/.test(safe) ? `"${safe.replace(/"/g, '""')}"` : safe;
}
