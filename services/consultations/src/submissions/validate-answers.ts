import { Answer, DomainError, FieldError, QuestionView } from '@vidnova/contracts';

/** An answer as stored: only the fields its question type uses. */
export interface StoredAnswer {
  questionId: string;
  optionIds?: string[];
  ranking?: string[];
  value?: number;
  text?: string;
}

export interface AnswerProblem extends FieldError {
  questionId: string;
}

/**
 * Checks answers against the questionnaire and returns them normalised for storage, or the list of
 * problems, each naming the question (an unknown option, a repeated option in a ranking, too many
 * choices, a missing required answer, a scale value out of range...). An empty choice list or blank
 * text counts as no answer.
 */
export function checkAnswers(questions: QuestionView[], answers: Answer[]): { answers: StoredAnswer[]; problems: AnswerProblem[] } {
  const byId = new Map(questions.map((q) => [q.id, q]));
  const problems: AnswerProblem[] = [];
  const out: StoredAnswer[] = [];
  const answered = new Set<string>();
  answers.forEach((a, i) => {
    const at = `answers.${i}`;
    const fail = (field: string, message: string) => problems.push({ field: `${at}${field ? `.${field}` : ''}`, questionId: a.questionId, message: `${a.questionId}: ${message}` });
    const q = byId.get(a.questionId);
    if (!q) return fail('questionId', 'no such question in this consultation');
    if (answered.has(q.id)) return fail('questionId', 'the question is answered twice');
    answered.add(q.id);
    const stray = (['optionIds', 'ranking', 'value'] as const).filter((k) => a[k] !== undefined && k !== expectedField(q));
    if (stray.length) return fail(stray[0], `a ${q.type} answer does not take ${stray.join(', ')}`);
    const optionIds = new Set(q.options.map((o) => o.id));
    switch (q.type) {
      case 'single_choice':
      case 'multiple_choice': {
        const chosen = a.optionIds ?? [];
        if (!chosen.length) return answered.delete(q.id);
        const unknown = chosen.find((o) => !optionIds.has(o));
        if (unknown !== undefined) return fail('optionIds', `unknown option ${unknown}`);
        if (new Set(chosen).size !== chosen.length) return fail('optionIds', 'an option is chosen twice');
        const max = q.type === 'single_choice' ? 1 : (q.maxChoices ?? q.options.length);
        if (chosen.length > max) return fail('optionIds', `too many choices: at most ${max}`);
        out.push({ questionId: q.id, optionIds: chosen });
        return;
      }
      case 'ranking': {
        const ranking = a.ranking ?? [];
        if (!ranking.length) return answered.delete(q.id);
        const unknown = ranking.find((o) => !optionIds.has(o));
        if (unknown !== undefined) return fail('ranking', `unknown option ${unknown}`);
        if (new Set(ranking).size !== ranking.length) return fail('ranking', 'an option is ranked twice');
        if (q.topN === undefined && ranking.length !== q.options.length) return fail('ranking', `rank all ${q.options.length} options`);
        if (q.topN !== undefined && ranking.length > q.topN) return fail('ranking', `rank at most the top ${q.topN} options`);
        out.push({ questionId: q.id, ranking });
        return;
      }
      case 'scale': {
        if (a.value === undefined || a.value === null || a.value === '') return answered.delete(q.id);
        const v = a.value;
        if (typeof v !== 'number' || !Number.isInteger(v)) return fail('value', 'a scale answer is a whole number');
        if (v < q.min! || v > q.max!) return fail('value', `out of range ${q.min}..${q.max}`);
        out.push({ questionId: q.id, value: v });
        return;
      }
      case 'text': {
        if (a.value === undefined || a.value === null) return answered.delete(q.id);
        if (typeof a.value !== 'string') return fail('value', 'a text answer is a string');
        const text = a.value.trim();
        if (!text) return answered.delete(q.id);
        if (text.length > (q.maxLength ?? Infinity)) return fail('value', `longer than ${q.maxLength} characters`);
        out.push({ questionId: q.id, text });
        return;
      }
    }
  });
  questions.forEach((q) => {
    if (q.required && !answered.has(q.id) && !problems.some((p) => p.questionId === q.id)) {
      problems.push({ field: 'answers', questionId: q.id, message: `${q.id}: an answer is required` });
    }
  });
  return { answers: out, problems };
}

function expectedField(q: QuestionView): 'optionIds' | 'ranking' | 'value' {
  switch (q.type) {
    case 'single_choice':
    case 'multiple_choice':
      return 'optionIds';
    case 'ranking':
      return 'ranking';
    case 'scale':
    case 'text':
      return 'value';
  }
}

/** The 422 a submission with problems gets: it points at the (first) failing question. */
export function answersError(problems: AnswerProblem[]): DomainError {
  return new DomainError(
    'unprocessable',
    problems[0].message,
    { questionId: problems[0].questionId },
    problems.map(({ field, message }) => ({ field, message })),
  );
}
