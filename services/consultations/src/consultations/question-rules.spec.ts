import { Question } from '@vidnova/contracts';
import { checkQuestions, unknownCategories } from './question-rules';

const cats = new Set(['housing', 'water_sanitation']);
const choice = (id: string, extra: Partial<Question> = {}): Question =>
  ({ id, type: 'single_choice', prompt: { uk: 'Питання' }, options: [{ id: 'a', label: { uk: 'А' } }, { id: 'b', label: { uk: 'Б' } }], ...extra }) as Question;

describe('checkQuestions', () => {
  it('accepts a well-formed questionnaire', () => {
    expect(checkQuestions([choice('q1'), { id: 'q2', type: 'scale', prompt: { en: 'How?' }, min: 1, max: 5 } as Question])).toEqual([]);
  });

  it('names repeated question and option ids', () => {
    const errs = checkQuestions([choice('q1'), choice('q1', { options: [{ id: 'a', label: { uk: 'А' } }, { id: 'a', label: { uk: 'Б' } }] })]);
    expect(errs.map((e) => e.field)).toEqual(expect.arrayContaining(['questions.1.id', 'questions.1.options.1.id']));
  });

  it('rejects a scale without a range', () => {
    const errs = checkQuestions([choice('q1'), { id: 'q2', type: 'scale', prompt: { uk: 'x' } } as Question]);
    expect(errs.map((e) => e.field)).toEqual(['questions.1']);
  });

  it('names options tagged with an unknown recovery category', () => {
    const qs = [choice('q1', { options: [{ id: 'a', label: { uk: 'А' }, category: 'golf' }, { id: 'b', label: { uk: 'Б' }, category: 'housing' }] })];
    expect(unknownCategories(qs, cats).map((e) => e.field)).toEqual(['questions.0.options.0.category']);
  });

  it('rejects topN or maxChoices beyond the options', () => {
    const errs = checkQuestions([choice('r', { type: 'ranking', topN: 3 }), choice('m', { type: 'multiple_choice', maxChoices: 5 })]);
    expect(errs.map((e) => e.field)).toEqual(['questions.0.topN', 'questions.1.maxChoices']);
  });
});
