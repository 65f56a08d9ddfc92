import { edrpouCheckDigit, edrpouCheckDigitError, isValidEdrpou } from './fields';

describe('EDRPOU check digit', () => {
  it('accepts real codes', () => {
    // ПП "ВІД-СЕРВІС" (the statement fixture), Ministry of Finance 00013480, the National Bank 00032106.
    for (const code of ['32501397', '00013480', '00032106']) expect(isValidEdrpou(code)).toBe(true);
  });

  it('refuses every other last digit', () => {
    for (let d = 0; d <= 9; d++) {
      const code = `3250139${d}`;
      expect(isValidEdrpou(code)).toBe(d === 7);
    }
    expect(edrpouCheckDigitError('32501398')).toMatch(/check digit: 8 where 7 is expected/);
    expect(edrpouCheckDigitError('3250139')).toBeNull();
  });

  it('uses the second weights when the first sum leaves 10', () => {
    // Brute force: a code whose first remainder is 10 exists among the first thousand.
    const code = Array.from({ length: 1000 }, (_, i) => String(i).padStart(7, '0')).find((p) => {
      const d = p.split('').map(Number);
      return d.reduce((a, x, i) => a + x * (i + 1), 0) % 11 === 10;
    })!;
    const d = code.split('').map(Number);
    const second = d.reduce((a, x, i) => a + x * (i + 3), 0) % 11;
    expect(edrpouCheckDigit(`${code}0`)).toBe(second === 10 ? 0 : second);
  });
});
