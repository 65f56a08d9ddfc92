import { money, uah } from './format';

describe('money formats', () => {
  it('turns kopiykas into an exact decimal string, also past 2^53 / 100', () => {
    expect(uah(13710755855)).toBe('137107558.55');
    expect(uah(-5)).toBe('-0.05');
    expect(uah(0)).toBe('0.00');
    expect(uah(Number.MAX_SAFE_INTEGER)).toBe('90071992547409.91');
  });

  it('formats hryvnias with uk-UA grouping and comma decimals', () => {
    const text = money(13710755855, 'uk').replace(/\s/g, ' ');
    expect(text).toContain('137 107 558,55');
    expect(money(13710755855, 'en')).toContain('137,107,558.55');
  });
});
