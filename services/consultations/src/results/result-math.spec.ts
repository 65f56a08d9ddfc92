import { QuestionView } from '@vidnova/contracts';
import { ResultsAccumulator } from './accumulator';
import { computePriorities } from './priorities';
import { bordaPoints, medianFromHistogram, wilson } from './result-math';
import { groupLabel } from './results.service';
import { suppressedGroups } from './suppression';

describe('wilson', () => {
  it('matches the textbook 95% interval for 3 of 5', () => {
    // centre (0.6 + 1.96²/10) / (1 + 1.96²/5) = 0.5566; half-width 0.3258
    expect(wilson(3, 5)).toEqual({ low: 0.2307, high: 0.8824 });
  });

  it('stays inside [0, 1] at the edges and is empty for no answers', () => {
    expect(wilson(0, 10)).toEqual({ low: 0, high: 0.2775 });
    expect(wilson(10, 10)).toEqual({ low: 0.7225, high: 1 });
    expect(wilson(0, 0)).toEqual({ low: 0, high: 0 });
  });

  it('narrows as the sample grows', () => {
    const small = wilson(50, 100);
    const large = wilson(5000, 10000);
    expect(large.high - large.low).toBeLessThan(small.high - small.low);
  });
});

describe('bordaPoints', () => {
  it('gives N for first of N places, 1 for last, 0 beyond', () => {
    expect([0, 1, 2, 3].map((i) => bordaPoints(i, 3))).toEqual([3, 2, 1, 0]);
  });
});

describe('medianFromHistogram', () => {
  it('takes the middle value, or the mean of the two middle ones', () => {
    expect(medianFromHistogram(new Map([[2, 1], [3, 1], [4, 2], [5, 1]]))).toBe(4);
    expect(medianFromHistogram(new Map([[1, 2], [5, 2]]))).toBe(3);
    expect(medianFromHistogram(new Map())).toBeNull();
  });
});

const ranking: QuestionView = {
  id: 'r',
  type: 'ranking',
  prompt: { en: 'Order' },
  required: false,
  options: [
    { id: 'water', label: { en: 'W' }, category: 'water_sanitation' },
    { id: 'roads', label: { en: 'R' }, category: 'roads_transport' },
    { id: 'school', label: { en: 'S' }, category: 'schools_kindergartens' },
  ],
};
const choice: QuestionView = {
  id: 'c',
  type: 'single_choice',
  prompt: { en: 'Pick' },
  required: true,
  options: [
    { id: 'housing', label: { en: 'H' }, category: 'housing' },
    { id: 'heating', label: { en: 'T' }, category: 'heating' },
  ],
};

describe('ResultsAccumulator', () => {
  it('sums Borda points and first preferences over ballots', () => {
    const acc = new ResultsAccumulator([ranking]);
    // water 3+3+2 = 8, roads 2+1+3 = 6, school 1+2+1 = 4
    acc.add([{ questionId: 'r', ranking: ['water', 'roads', 'school'] }]);
    acc.add([{ questionId: 'r', ranking: ['water', 'school', 'roads'] }]);
    acc.add([{ questionId: 'r', ranking: ['roads', 'water', 'school'] }]);
    const [r] = acc.results();
    expect(r.ranking!.map((x) => [x.optionId, x.bordaScore, x.firstPreferenceShare])).toEqual([
      ['water', 8, 0.6667],
      ['roads', 6, 0.3333],
      ['school', 4, 0],
    ]);
  });

  it('scores a top-N ranking with N points for first place and none for the unranked', () => {
    const acc = new ResultsAccumulator([{ ...ranking, topN: 2 }]);
    acc.add([{ questionId: 'r', ranking: ['school', 'water'] }]);
    acc.add([{ questionId: 'r', ranking: ['water'] }]);
    const [r] = acc.results();
    // water 1 + 2 = 3, school 2, roads 0
    expect(r.ranking!.map((x) => [x.optionId, x.bordaScore])).toEqual([['water', 3], ['school', 2], ['roads', 0]]);
  });

  it('breaks Borda ties by first preferences, then by option order', () => {
    const acc = new ResultsAccumulator([ranking]);
    acc.add([{ questionId: 'r', ranking: ['roads', 'school', 'water'] }]);
    acc.add([{ questionId: 'r', ranking: ['water', 'school', 'roads'] }]);
    // water 1 + 3 = 4, roads 3 + 1 = 4, school 2 + 2 = 4; water and roads have one first place each
    expect(acc.results()[0].ranking!.map((x) => x.optionId)).toEqual(['water', 'roads', 'school']);
  });
});

describe('suppressedGroups', () => {
  it('hides every group under the threshold', () => {
    const s = suppressedGroups([{ value: 'a', respondents: 6 }, { value: 'b', respondents: 5 }, { value: 'c', respondents: 4 }, { value: 'd', respondents: 1 }], 5);
    expect([...s]).toEqual([['c', 'small_group'], ['d', 'small_group']]);
  });

  it('hides the next smallest group when only one would be hidden', () => {
    const s = suppressedGroups([{ value: 'a', respondents: 9 }, { value: 'b', respondents: 7 }, { value: 'c', respondents: 2 }], 5);
    expect([...s]).toEqual([['c', 'small_group'], ['b', 'complementary']]);
  });

  it('hides nothing when every group is large enough', () => {
    expect(suppressedGroups([{ value: 'a', respondents: 5 }, { value: 'b', respondents: 5 }], 5).size).toBe(0);
  });
});

describe('computePriorities', () => {
  it('averages each category share of support over the tagged questions', () => {
    const acc = new ResultsAccumulator([choice, ranking]);
    const ballots: Array<[string, string[]]> = [
      ['housing', ['water', 'roads', 'school']],
      ['housing', ['water', 'school', 'roads']],
      ['heating', ['roads', 'water', 'school']],
      ['housing', ['school', 'water', 'roads']],
      ['heating', ['roads', 'water', 'school']],
    ];
    for (const [c, r] of ballots) acc.add([{ questionId: 'c', optionIds: [c] }, { questionId: 'r', ranking: r }]);
    // choice: housing 0.6, heating 0.4; ranking Borda 12/10/8 of 30 → 0.4, 0.3333, 0.2667; halved
    expect(computePriorities([choice, ranking], acc.results())).toEqual([
      { category: 'housing', score: 0.3, rank: 1 },
      { category: 'heating', score: 0.2, rank: 2 },
      { category: 'water_sanitation', score: 0.2, rank: 3 },
      { category: 'roads_transport', score: 0.1667, rank: 4 },
      { category: 'schools_kindergartens', score: 0.1333, rank: 5 },
    ]);
  });

  it('is empty without answers to tagged questions', () => {
    expect(computePriorities([choice], new ResultsAccumulator([choice]).results())).toEqual([]);
  });
});

describe('groupLabel', () => {
  it('labels a group only with a listed value of the field, never with free text', () => {
    expect(groupLabel('status', 'returnee')).toBe('returnee');
    expect(groupLabel('status', undefined)).toBe('not_stated');
    expect(groupLabel('status', '')).toBe('not_stated');
    expect(groupLabel('status', 'Хутір Таємний')).toBe('other');
    expect(groupLabel('ageBand', '30-44')).toBe('30-44');
    expect(groupLabel('gender', 'Олена')).toBe('other');
  });
});
