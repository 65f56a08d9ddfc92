import { initiativeProblems, isIsoCurrency } from './initiative-rules';

describe('initiative rules', () => {
  it('knows ISO 4217 currencies in use', () => {
    expect(isIsoCurrency('UAH')).toBe(true);
    expect(isIsoCurrency('EUR')).toBe(true);
    expect(isIsoCurrency('XYZ')).toBe(false);
  });

  it('accepts a consistent initiative', () => {
    expect(
      initiativeProblems({
        title: { en: 'Generators for Bakhmach' },
        startDate: '2023-01-01',
        endDate: '2023-03-01',
        amountsRaised: [{ amountMinor: 1250000, currency: 'EUR' }, { amountMinor: 99, currency: 'UAH' }],
      }),
    ).toEqual({ invalid: [], unprocessable: [] });
  });

  it('flags an end before the start, an unknown or repeated currency, and an unsafe amount', () => {
    const p = initiativeProblems({
      title: { uk: ' ', en: '' },
      startDate: '2023-05-01',
      endDate: '2023-04-30T23:00:00Z',
      amountsRaised: [{ amountMinor: 2 ** 60, currency: 'EUR' }, { amountMinor: 1, currency: 'EUR' }, { amountMinor: 1, currency: 'ABC' }],
    });
    expect(p.invalid.map((e) => e.field)).toEqual(['title', 'amountsRaised.0.amountMinor']);
    expect(p.unprocessable.map((e) => e.field)).toEqual(['endDate', 'amountsRaised.1.currency', 'amountsRaised.2.currency']);
  });
});
