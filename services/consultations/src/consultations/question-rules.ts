import { FieldError, Question } from '@vidnova/contracts';

export const DEFAULT_TEXT_MAX_LENGTH = 2000;
const MAX_SCALE_SPAN = 100;

/**
 * Checks that a questionnaire makes sense (beyond field shapes, which the contract validates):
 * unique ids, options where the type needs them, sane ranges.
 */
export function checkQuestions(questions: Question[]): FieldError[] {
  const errors: FieldError[] = [];
  const seen = new Set<string>();
  questions.forEach((q, i) => {
    const at = `questions.${i}`;
    const err = (field: string, message: string) => errors.push({ field: field ? `${at}.${field}` : at, message: `${q.id}: ${message}` });
    if (seen.has(q.id)) err('id', 'question ids must be unique');
    seen.add(q.id);
    if (!q.prompt?.uk && !q.prompt?.en) err('prompt', 'a prompt in uk or en is required');
    const options = q.options ?? [];
    const optionIds = new Set<string>();
    options.forEach((o, j) => {
      if (optionIds.has(o.id)) err(`options.${j}.id`, `option id ${o.id} is repeated`);
      optionIds.add(o.id);
      if (!o.label?.uk && !o.label?.en) err(`options.${j}.label`, 'an option label in uk or en is required');
    });
    const hasOptions = q.type === 'single_choice' || q.type === 'multiple_choice' || q.type === 'ranking';
    if (hasOptions && options.length < 2) err('options', `a ${q.type} question needs at least two options`);
    if (!hasOptions && options.length) err('options', `a ${q.type} question has no options`);
    if (q.maxChoices !== undefined && q.type !== 'multiple_choice') err('maxChoices', 'maxChoices applies to multiple_choice only');
    if (q.maxChoices !== undefined && q.maxChoices > options.length) err('maxChoices', 'maxChoices is more than the number of options');
    if (q.topN !== undefined && q.type !== 'ranking') err('topN', 'topN applies to ranking only');
    if (q.topN !== undefined && q.topN > options.length) err('topN', 'topN is more than the number of options');
    if (q.maxLength !== undefined && q.type !== 'text') err('maxLength', 'maxLength applies to text only');
    if (q.type === 'scale') {
      if (q.min === undefined || q.max === undefined) err('', 'a scale question needs min and max');
      else if (q.min >= q.max) err('max', 'max must be greater than min');
      else if (q.max - q.min > MAX_SCALE_SPAN) err('max', `a scale spans at most ${MAX_SCALE_SPAN} steps`);
    } else if (q.min !== undefined || q.max !== undefined) {
      err('min', 'min and max apply to scale only');
    }
  });
  return errors;
}

/** Options tagged with a recovery category that is not in the shared taxonomy. */
export function unknownCategories(questions: Question[], categoryIds: ReadonlySet<string>): FieldError[] {
  const errors: FieldError[] = [];
  questions.forEach((q, i) =>
    (q.options ?? []).forEach((o, j) => {
      if (o.category !== undefined && !categoryIds.has(o.category)) {
        errors.push({ field: `questions.${i}.options.${j}.category`, message: `${q.id}: unknown recovery category ${o.category}` });
      }
    }),
  );
  return errors;
}
