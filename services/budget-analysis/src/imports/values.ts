/**
 * Pure parsing of the values found in Open Budget files. Money is parsed as a string into integer
 * kopiykas with integer arithmetic only: a float never touches an amount.
 */

export type Parsed<T> = { ok: true; value: T } | { ok: false; reason: string };

const ok = <T>(value: T): Parsed<T> => ({ ok: true, value });
const fail = <T>(reason: string): Parsed<T> => ({ ok: false, reason });

/**
 * "1234.56", "1234,56", "-0.5", "1 234 567,89", "1.234.567,89", "1,234,567.89", "" (→ null).
 * When both `.` and `,` appear, the last one is the decimal mark and the other groups thousands.
 * More than two decimals are accepted only if the extra digits are zeros (the value is kopiyka-exact).
 */
export function parseAmountToKopiykas(raw: string | undefined | null): Parsed<number | null> {
  if (raw === undefined || raw === null) return ok(null);
  let s = raw.trim().replace(/[\s\u00a0\u202f']/g, '');
  if (s === '') return ok(null);
  let negative = false;
  if (s.startsWith('-') || s.startsWith('+')) {
    negative = s[0] === '-';
    s = s.slice(1);
  }
  if (!/^[\d.,]+$/.test(s)) return fail(`amount "${raw}" is not a number`);
  const lastDot = s.lastIndexOf('.');
  const lastComma = s.lastIndexOf(',');
  let intPart: string;
  let fracPart = '';
  if (lastDot >= 0 && lastComma >= 0) {
    const decimalMark = lastDot > lastComma ? '.' : ',';
    const groupMark = decimalMark === '.' ? ',' : '.';
    const [i, f, ...rest] = s.split(decimalMark);
    if (rest.length) return fail(`amount "${raw}" has more than one decimal mark`);
    if (!/^\d{1,3}(\d{3})*$/.test(i.split(groupMark).join('')) || !validGrouping(i, groupMark)) {
      return fail(`amount "${raw}" has malformed digit grouping`);
    }
    intPart = i.split(groupMark).join('');
    fracPart = f;
  } else {
    const mark = lastDot >= 0 ? '.' : lastComma >= 0 ? ',' : null;
    if (mark === null) intPart = s;
    else {
      const parts = s.split(mark);
      if (parts.length === 2) {
        intPart = parts[0];
        fracPart = parts[1];
      } else if (validGrouping(s, mark)) {
        // "1,234,567": only thousands groups, no decimals.
        intPart = parts.join('');
      } else return fail(`amount "${raw}" has more than one decimal mark`);
    }
  }
  if (intPart === '') intPart = '0';
  if (!/^\d+$/.test(intPart) || !/^\d*$/.test(fracPart)) return fail(`amount "${raw}" is not a number`);
  if (fracPart.length > 2) {
    if (!/^0+$/.test(fracPart.slice(2))) return fail(`amount "${raw}" has fractions of a kopiyka`);
    fracPart = fracPart.slice(0, 2);
  }
  const kop = Number(intPart) * 100 + Number(fracPart.padEnd(2, '0'));
  if (!Number.isSafeInteger(kop) || !Number.isSafeInteger(Number(intPart) * 100)) return fail(`amount "${raw}" is too large`);
  return ok(negative && kop !== 0 ? -kop : kop);
}

function validGrouping(s: string, mark: string): boolean {
  const groups = s.split(mark);
  return groups.length > 1 && /^\d{1,3}$/.test(groups[0]) && groups.slice(1).every((g) => /^\d{3}$/.test(g));
}

/**
 * `REP_PERIOD` → `YYYY-MM`. Accepts `MM.YYYY` (portal), `DD.MM.YYYY`, ISO `YYYY-MM-DD` (month-end date
 * in collected files), `YYYY-MM-DDThh:mm…` and `YYYY-MM`.
 */
export function parsePeriod(raw: string | undefined | null): Parsed<string> {
  const s = (raw ?? '').trim();
  let m = /^(\d{1,2})\.(\d{4})$/.exec(s);
  let year: number | undefined;
  let month: number | undefined;
  if (m) [year, month] = [Number(m[2]), Number(m[1])];
  else if ((m = /^(\d{1,2})\.(\d{1,2})\.(\d{4})$/.exec(s))) [year, month] = [Number(m[3]), Number(m[2])];
  else if ((m = /^(\d{4})-(\d{2})(?:-(\d{2})(?:[T ][\d:.]+(?:Z|[+-]\d{2}:?\d{2})?)?)?$/.exec(s))) {
    [year, month] = [Number(m[1]), Number(m[2])];
    if (m[3] !== undefined) {
      const day = Number(m[3]);
      if (day < 1 || day > new Date(Date.UTC(year, month, 0)).getUTCDate()) return fail(`period "${raw}" is not a valid date`);
    }
  } else return fail(`period "${raw}" is neither MM.YYYY nor an ISO date`);
  if (month < 1 || month > 12) return fail(`period "${raw}" has no month ${month}`);
  if (year < 2000 || year > 2100) return fail(`period "${raw}" is out of range`);
  return ok(`${year}-${String(month).padStart(2, '0')}`);
}

/**
 * Budget code in its 10-digit form. The portal uses 10-digit codes and, since 2021, 11-digit ones
 * (the 10-digit code followed by 0: 03551000000 = 0355100000). Spreadsheets drop leading zeros:
 * 9 digits get the zero back; 10 digits starting with 27–99 cannot be a 10-digit code (oblast codes
 * run 01–26), so they are an 11-digit code that lost its zero.
 */
export function normalizeBudgetCode(raw: string | undefined | null): Parsed<string> {
  const s = (raw ?? '').trim().replace(/\.0+$/, '');
  if (!/^\d+$/.test(s)) return fail(`budget code "${raw}" is not numeric`);
  let code = s;
  if (code.length === 9) code = `0${code}`;
  else if (code.length === 10 && Number(code.slice(0, 2)) > 26) code = `0${code}`;
  if (code.length === 11) {
    if (!code.endsWith('0')) return fail(`budget code "${raw}" is not a known 11-digit form`);
    code = code.slice(0, 10);
  }
  if (code.length !== 10) return fail(`budget code "${raw}" must have 10 or 11 digits`);
  const oblast = Number(code.slice(0, 2));
  if (oblast < 1 || oblast > 26) return fail(`budget code "${raw}" does not start with an oblast code`);
  return ok(code);
}

export type CodeKind = 'economic' | 'program' | 'functional' | 'income';

/**
 * Classification codes with the leading zeros spreadsheets drop put back: economic (KEKV) 4 digits,
 * functional (FKVKB) 4, programme (TPKVKMB) 4 or, with the spending unit prefix (KPKVKMB), 7,
 * income codes 8.
 */
export function normalizeCode(kind: CodeKind, raw: string | undefined | null): Parsed<string> {
  const s = (raw ?? '').trim().replace(/\.0+$/, '');
  if (!/^\d+$/.test(s)) return fail(`${kind} code "${raw}" is not numeric`);
  switch (kind) {
    case 'economic':
      if (s.length > 4) return fail(`economic code "${raw}" has more than 4 digits`);
      if (!/^[1-9]/.test(s) || s.length < 4) return fail(`economic code "${raw}" must have 4 digits`);
      return ok(s);
    case 'functional':
      if (s.length > 4) return fail(`functional code "${raw}" has more than 4 digits`);
      return ok(s.padStart(4, '0'));
    case 'program':
      if (s.length <= 4) return ok(s.padStart(4, '0'));
      if (s.length <= 7) return ok(s.padStart(7, '0'));
      return fail(`programme code "${raw}" has more than 7 digits`);
    case 'income':
      if (s.length > 8) return fail(`income code "${raw}" has more than 8 digits`);
      if (s.length < 8) return fail(`income code "${raw}" must have 8 digits`);
      return ok(s);
  }
}

export function parseFund(raw: string | undefined | null): Parsed<'C' | 'S' | 'T'> {
  const s = (raw ?? '').trim().toUpperCase();
  // Cyrillic look-alikes typed by hand: С (es) and Т (te).
  const mapped = s === 'С' ? 'C' : s === 'Т' ? 'T' : s;
  if (mapped === 'C' || mapped === 'S' || mapped === 'T') return ok(mapped);
  return fail(`fund type "${raw}" is not C, S or T`);
}
