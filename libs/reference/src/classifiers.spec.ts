import {
  classifierEntry,
  classifierName,
  CLASSIFIERS_VERSION,
  functionalCodes,
  incomeCodes,
  isKnownCode,
  kekv,
} from './classifiers';
import { normalizeProgramCode, typicalProgramCode } from './program-codes';
import { readSharedCsv } from './shared-data';

describe('classifiers', () => {
  it('holds every distinct code of the three Open Budget classifier files', () => {
    const distinct = (file: string) => new Set(readSharedCsv('reference', file).map((r) => r.code)).size;
    expect(kekv).toHaveLength(distinct('classifier_KEKV_economic_derived_from_openbudget.csv'));
    expect(functionalCodes).toHaveLength(distinct('classifier_FKVKB_functional_derived_from_openbudget.csv'));
    expect(incomeCodes).toHaveLength(distinct('classifier_KDB_income_derived_from_openbudget.csv'));
  });

  it('names known codes with the version of the list', () => {
    expect(classifierName('kekv', '2111')).toEqual({
      known: true,
      kind: 'kekv',
      code: '2111',
      name: { uk: 'Заробітна плата' },
      version: CLASSIFIERS_VERSION,
    });
    expect(classifierName('functional', '0320')).toMatchObject({
      known: true,
      name: { uk: 'Протипожежний захист та рятування' },
    });
    expect(CLASSIFIERS_VERSION).toMatch(/^openbudget-derived-2021-20\d\d$/);
  });

  it('restores the leading zero of functional codes', () => {
    expect(isKnownCode('functional', '111')).toBe(true);
    expect(isKnownCode('functional', 111)).toBe(true);
    expect(classifierEntry('functional', '111')?.code).toBe('0111');
  });

  it('accepts unknown codes but flags them', () => {
    expect(classifierName('kekv', '9999')).toEqual({ known: false, kind: 'kekv', code: '9999' });
    expect(isKnownCode('income', '12345678')).toBe(false);
  });

  it('keeps a renamed income code under its latest name and gives the earlier one for earlier years', () => {
    const current = classifierName('income', '11010200');
    expect(current.known && current.name.uk).toContain('поліцейськими');
    const in2022 = classifierName('income', '11010200', 2022);
    expect(in2022.known && in2022.name.uk).not.toContain('поліцейськими');
    expect(classifierEntry('income', '11010200')?.formerNames).toHaveLength(1);
  });
});

describe('normalizeProgramCode', () => {
  it('restores the leading zeros Open Budget drops from programme codes', () => {
    expect(normalizeProgramCode('150')).toBe('0150');
    expect(normalizeProgramCode(150)).toBe('0150');
    expect(normalizeProgramCode('7461')).toBe('7461');
    expect(normalizeProgramCode('110150')).toBe('0110150');
    expect(normalizeProgramCode('0217461')).toBe('0217461');
    expect(typicalProgramCode('110150')).toBe('0150');
  });

  it('rejects what is not a programme code', () => {
    expect(() => normalizeProgramCode('12345678')).toThrow();
    expect(() => normalizeProgramCode('01a0')).toThrow();
  });
});
