/**
 * Programme codes of local budgets. The typical programme classification (TPKVKMB) code is 4 digits
 * ("0150"); the full programme code of a budget (KPKVKMB) is 7: 2-digit main spending unit, 1-digit
 * level, then the TPKVKMB ("0110150"). Open Budget exports store them as numbers, so leading zeros are
 * lost ("150" means "0150", "110150" means "0110150").
 */
export function normalizeProgramCode(code: string | number): string {
  const digits = String(code).trim();
  if (!/^\d{1,7}$/.test(digits)) throw new Error(`not a programme code: ${String(code)}`);
  return digits.padStart(digits.length <= 4 ? 4 : 7, '0');
}

/** The 4-digit TPKVKMB part of a programme code in either form. */
export function typicalProgramCode(code: string | number): string {
  return normalizeProgramCode(code).slice(-4);
}
