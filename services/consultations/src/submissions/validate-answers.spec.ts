import { QuestionView } from '@vidnova/contracts';
import { planColumns, readRow, rowOf } from './csv-row';
import { respondentHash } from './respondent-token';
import { checkAnswers } from './validate-answers';

const q = (over: Partial<QuestionView>): QuestionView => ({
  id: 'q',
  type: 'single_choice',
  prompt: { en: 'x' },
  required: false,
  options: [{ id: 'a', label: { en: 'A' } }, { id: 'b', label: { en: 'B' } }, { id: 'c', label: { en: 'C' } }],
  ...over,
});

describe('checkAnswers', () => {
  const questions = [
    q({ id: 'single', required: true }),
    q({ id: 'multi', type: 'multiple_choice', maxChoices: 2 }),
    q({ id: 'top2', type: 'ranking', topN: 2 }),
    q({ id: 'scale', type: 'scale', options: [], min: 0, max: 10 }),
    q({ id: 'text', type: 'text', options: [], maxLength: 5 }),
  ];

  it('normalises a valid submission', () => {
    const { answers, problems } = checkAnswers(questions, [
      { questionId: 'single', optionIds: ['a'] },
      { questionId: 'top2', ranking: ['c'] },
      { questionId: 'scale', value: 0 },
      { questionId: 'text', value: '  hi ' },
      { questionId: 'multi', optionIds: [] },
    ]);
    expect(problems).toEqual([]);
    expect(answers).toEqual([
      { questionId: 'single', optionIds: ['a'] },
      { questionId: 'top2', ranking: ['c'] },
      { questionId: 'scale', value: 0 },
      { questionId: 'text', text: 'hi' },
    ]);
  });

  it('names the question of each problem', () => {
    const { problems } = checkAnswers(questions, [
      { questionId: 'multi', optionIds: ['a', 'b', 'c'] },
      { questionId: 'top2', ranking: ['a', 'b', 'c'] },
      { questionId: 'scale', value: '7' },
      { questionId: 'text', value: 'too long' },
    ]);
    expect(problems.map((p) => p.questionId)).toEqual(['multi', 'top2', 'scale', 'text', 'single']);
  });
});

describe('paper form rows', () => {
  const questions = [q({ id: 'single' }), q({ id: 'multi', type: 'multiple_choice' }), q({ id: 'rank', type: 'ranking' })];
  const plan = planColumns(['respondentToken', 'status', 'single', 'multi.a', 'multi.b', 'rank.a', 'rank.b', 'rank.c', '#note'], questions);

  it('reads marks and ranks into answers', () => {
    const row = readRow({ respondentToken: 'F1', status: 'returnee', single: 'b', 'multi.a': 'x', 'multi.b': '', 'rank.a': '2', 'rank.b': '3', 'rank.c': '1' }, plan);
    expect(row).toEqual({
      ok: true,
      token: 'F1',
      channel: 'paper',
      profile: { status: 'returnee' },
      answers: [
        { questionId: 'single', optionIds: ['b'] },
        { questionId: 'multi', optionIds: ['a'] },
        { questionId: 'rank', ranking: ['c', 'a', 'b'] },
      ],
    });
  });

  it('rejects gaps in ranks and unknown marks', () => {
    expect(readRow({ respondentToken: 'F', 'rank.a': '1', 'rank.b': '3' }, plan)).toMatchObject({ ok: false, questionId: 'rank' });
    expect(readRow({ respondentToken: 'F', 'multi.a': 'maybe' }, plan)).toMatchObject({ ok: false, questionId: 'multi' });
    expect(readRow({ respondentToken: '' }, plan)).toMatchObject({ ok: false });
  });

  it('reads a record by the header positions, a short record leaving the rest empty', () => {
    const fields = ['F2', 'resident', 'a', '1', ''];
    expect(rowOf(plan, fields)).toMatchObject({ respondentToken: 'F2', status: 'resident', single: 'a', 'multi.a': '1', 'multi.b': '', 'rank.a': undefined });
    expect(readRow(rowOf(plan, fields), plan)).toMatchObject({ ok: true, answers: [{ questionId: 'single', optionIds: ['a'] }, { questionId: 'multi', optionIds: ['a'] }] });
  });

  it('refuses unknown columns and a missing token column', () => {
    expect(() => planColumns(['respondentToken', 'multi.z'], questions)).toThrow(/unknown column multi.z/);
    expect(() => planColumns(['single'], questions)).toThrow(/respondentToken/);
  });
});

describe('respondentHash', () => {
  it('depends on the secret and the consultation, not on surrounding spaces', () => {
    const h = respondentHash('s1', 'c1', 'FORM-1');
    expect(h).toMatch(/^[a-f0-9]{64}$/);
    expect(respondentHash('s1', 'c1', ' FORM-1 ')).toBe(h);
    expect(respondentHash('s2', 'c1', 'FORM-1')).not.toBe(h);
    expect(respondentHash('s1', 'c2', 'FORM-1')).not.toBe(h);
  });
});
