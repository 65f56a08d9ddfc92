import { foundedAfterInvasion } from './founded';

describe('foundedAfterInvasion', () => {
  it('uses the exact date when known', () => {
    expect(foundedAfterInvasion(2022, '2022-02-23')).toBe(false);
    expect(foundedAfterInvasion(2022, '2022-02-24')).toBe(true);
    expect(foundedAfterInvasion(undefined, '2022-03-10T00:00:00Z')).toBe(true);
  });

  it('decides from the year alone except for 2022', () => {
    expect(foundedAfterInvasion(1995)).toBe(false);
    expect(foundedAfterInvasion(2023)).toBe(true);
    expect(foundedAfterInvasion(2022)).toBeNull();
    expect(foundedAfterInvasion()).toBeNull();
  });
});
