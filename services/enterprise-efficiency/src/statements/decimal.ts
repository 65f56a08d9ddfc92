import type { StatementUnit } from '@vidnova/contracts';

const DECIMAL = /^(-?)(\d+)(?:[.,](\d+))?$/;
/** Decimal places of a unit relative to kopiykas: 1 UAH = 100 kopiykas, 1 thousand UAH = 100 000 kopiykas. */
const SCALE: Record<StatementUnit, number> = { UAH: 2, 'thousand UAH': 5 };

/**
 * An amount written in `unit` as kopiykas, exactly: the decimal text is shifted by the unit's places as a
 * string and read as an integer — never multiplied as a float. A JSON number is read from its shortest
 * decimal form (`String(1974.8)` = "1974.8"), which is the number the sender wrote for up to 15 significant
 * digits. Null when the text is not a plain decimal, has finer precision than a kopiyka, or is too large.
 */
export function toKopiykas(value: unknown, unit: StatementUnit): number | null {
  const text = typeof value === 'number' ? (Number.isFinite(value) ? String(value) : '') : typeof value === 'string' ? value.trim() : '';
  const m = DECIMAL.exec(text);
  if (!m) return null;
  const [, sign, whole, fraction = ''] = m;
  const places = SCALE[unit];
  const trimmed = fraction.replace(/0+$/, '');
  if (trimmed.length > places) return null;
  const digits = `${whole}${trimmed.padEnd(places, '0')}`;
  const big = BigInt(digits) * (sign ? -1n : 1n);
  if (big > BigInt(Number.MAX_SAFE_INTEGER) || big < -BigInt(Number.MAX_SAFE_INTEGER)) return null;
  return Number(big);
}
