import { normalizeBudgetCode, normalizeCode, parseAmountToKopiykas, parseFund, parsePeriod } from './values';

const kop = (s: string) => {
  const r = parseAmountToKopiykas(s);
  if (!r.ok) throw new Error(r.reason);
  return r.value;
};
const reason = (s: string) => {
  const r = parseAmountToKopiykas(s);
  return r.ok ? null : r.reason;
};

describe('parseAmountToKopiykas', () => {
  it('reads decimal point and decimal comma to the same kopiykas', () => {
    expect(kop('124884906.91')).toBe(12488490691);
    expect(kop('124884906,91')).toBe(12488490691);
    expect(kop('27116816.1')).toBe(2711681610);
    expect(kop('1391695900')).toBe(139169590000);
  });

  it('is exact where floating point is not (0.1 + 0.2, 1.005, 4.35)', () => {
    expect(kop('0.1')! + kop('0.2')!).toBe(kop('0.3'));
    expect(kop('1.005'.slice(0, 4))).toBe(100);
    expect(kop('4.35')).toBe(435); // 4.35 * 100 = 434.99999999999994 in floating point
    expect(kop('1234567890123.45')).toBe(123456789012345);
  });

  it('accepts thousands grouping by spaces, non-breaking spaces, and the other mark', () => {
    expect(kop('1 234 567,89')).toBe(123456789);
    expect(kop('1\u00a0234,5')).toBe(123450);
    expect(kop('1.234.567,89')).toBe(123456789);
    expect(kop('1,234,567.89')).toBe(123456789);
    expect(kop('1,234,567')).toBe(123456700);
  });

  it('keeps signs and treats an empty cell as no amount', () => {
    expect(kop('-15.5')).toBe(-1550);
    expect(kop('+7')).toBe(700);
    expect(kop('-0')).toBe(0);
    expect(kop('')).toBeNull();
    expect(kop('   ')).toBeNull();
  });

  it('accepts trailing zero decimals but refuses fractions of a kopiyka', () => {
    expect(kop('10.500')).toBe(1050);
    expect(reason('10.555')).toMatch(/fractions of a kopiyka/);
  });

  it('refuses what is not an amount', () => {
    expect(reason('12abc')).toMatch(/not a number/);
    expect(reason('1.2.3')).toMatch(/decimal mark|grouping/);
    expect(reason('1e5')).toMatch(/not a number/);
    expect(reason('99999999999999999999')).toMatch(/too large/);
  });
});

describe('parsePeriod', () => {
  const p = (s: string) => {
    const r = parsePeriod(s);
    return r.ok ? r.value : `ERR ${r.reason}`;
  };
  it('reads the portal MM.YYYY and ISO month-end dates to YYYY-MM', () => {
    expect(p('12.2025')).toBe('2025-12');
    expect(p('1.2025')).toBe('2025-01');
    expect(p('2025-01-31')).toBe('2025-01');
    expect(p('2025-02-28T00:00:00Z')).toBe('2025-02');
    expect(p('31.12.2025')).toBe('2025-12');
    expect(p('2025-06')).toBe('2025-06');
  });
  it('refuses impossible months and dates', () => {
    expect(p('13.2025')).toMatch(/^ERR .*no month 13/);
    expect(p('2025-02-30')).toMatch(/^ERR .*not a valid date/);
    expect(p('June 2025')).toMatch(/^ERR/);
    expect(p('')).toMatch(/^ERR/);
  });
});

describe('normalizeBudgetCode', () => {
  const b = (s: string) => {
    const r = normalizeBudgetCode(s);
    return r.ok ? r.value : 'ERR';
  };
  it('maps the 11-digit form and lost leading zeros onto the 10-digit code', () => {
    expect(b('0355100000')).toBe('0355100000');
    expect(b('03551000000')).toBe('0355100000');
    expect(b('355100000')).toBe('0355100000');
    expect(b('3551000000')).toBe('0355100000');
    expect(b('2555100000')).toBe('2555100000');
    expect(b('25551000000')).toBe('2555100000');
  });
  it('refuses codes of the wrong length or form', () => {
    expect(b('12345')).toBe('ERR');
    expect(b('0355100001x')).toBe('ERR');
    expect(b('03551000001')).toBe('ERR');
  });
});

describe('normalizeCode', () => {
  const c = (kind: Parameters<typeof normalizeCode>[0], s: string) => {
    const r = normalizeCode(kind, s);
    return r.ok ? r.value : 'ERR';
  };
  it('puts back programme and functional leading zeros', () => {
    expect(c('program', '150')).toBe('0150');
    expect(c('program', '0150')).toBe('0150');
    expect(c('program', '110150')).toBe('0110150');
    expect(c('functional', '111')).toBe('0111');
  });
  it('keeps economic and income codes at their fixed length', () => {
    expect(c('economic', '2111')).toBe('2111');
    expect(c('economic', '211')).toBe('ERR');
    expect(c('income', '41033900')).toBe('41033900');
    expect(c('income', '4103390')).toBe('ERR');
  });
});

describe('parseFund', () => {
  it('accepts C, S, T and their Cyrillic look-alikes', () => {
    expect(parseFund('c')).toEqual({ ok: true, value: 'C' });
    expect(parseFund('С')).toEqual({ ok: true, value: 'C' });
    expect(parseFund('Т')).toEqual({ ok: true, value: 'T' });
    expect(parseFund('X').ok).toBe(false);
  });
});
