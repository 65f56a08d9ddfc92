import type { IdentityCheck } from '@vidnova/contracts';
import type { Lines } from './lines';

type Side = { plus: number[]; minus?: number[]; absolute?: number[] };
interface Identity {
  key: string;
  rule: string;
  left: Side;
  right: Side;
  /** The identity is checked when one of these lines is present in the column. */
  when: number[][];
}

/**
 * Accounting identities of Form 1 and Form 2 (the small-enterprise forms and the full ones). A loss line
 * (2095, 2295, 2355) counts by its absolute value, since filers write it with or without a minus.
 * An identity is checked in a column only when its result lines are there (a small-enterprise Form 2 has no 2090).
 */
const IDENTITIES: Identity[] = [
  { key: 'assets_total', rule: '1095 + 1195 + 1200 = 1300', left: { plus: [1095, 1195, 1200] }, right: { plus: [1300] }, when: [[1300]] },
  { key: 'balance', rule: '1300 = 1900', left: { plus: [1300] }, right: { plus: [1900] }, when: [[1300], [1900]] },
  {
    key: 'equity_and_liabilities_total',
    rule: '1495 + 1595 + 1695 + 1700 + 1800 = 1900',
    left: { plus: [1495, 1595, 1695, 1700, 1800] },
    right: { plus: [1900] },
    when: [[1900]],
  },
  { key: 'gross_result', rule: '2000 − 2050 = 2090 − 2095', left: { plus: [2000], minus: [2050] }, right: { plus: [2090], absolute: [2095] }, when: [[2090, 2095]] },
  {
    key: 'net_result',
    rule: '2290 − 2295 − 2300 + 2305 = 2350 − 2355',
    left: { plus: [2290, 2305], minus: [2300], absolute: [2295] },
    right: { plus: [2350], absolute: [2355] },
    when: [[2290, 2295], [2350, 2355]],
  },
  { key: 'income_total_small', rule: '2000 + 2120 + 2240 = 2280 (Form 2-m)', left: { plus: [2000, 2120, 2240] }, right: { plus: [2280] }, when: [[2280]] },
  { key: 'expenses_total_small', rule: '2050 + 2180 + 2270 = 2285 (Form 2-m)', left: { plus: [2050, 2180, 2270] }, right: { plus: [2285] }, when: [[2285]] },
  { key: 'pretax_result_small', rule: '2280 − 2285 = 2290 − 2295 (Form 2-m)', left: { plus: [2280], minus: [2285] }, right: { plus: [2290], absolute: [2295] }, when: [[2280], [2285], [2290, 2295]] },
];

function side(lines: Lines, s: Side, col: string): number {
  const v = (l: number) => lines[`R${l}${col}`] ?? 0;
  return s.plus.reduce((a, l) => a + v(l), 0) - (s.minus ?? []).reduce((a, l) => a + v(l), 0) - (s.absolute ?? []).reduce((a, l) => a + Math.abs(v(l)), 0);
}

/** Every identity whose lines the statement has, per column (G3, G4), with both sides in kopiykas. */
export function checkIdentities(lines: Lines): IdentityCheck[] {
  const out: IdentityCheck[] = [];
  for (const col of ['G3', 'G4']) {
    for (const id of IDENTITIES) {
      const applies = id.when.every((group) => group.some((l) => `R${l}${col}` in lines));
      if (!applies) continue;
      const left = side(lines, id.left, col);
      const right = side(lines, id.right, col);
      out.push({ key: id.key, rule: `${id.rule} (${col})`, left, right, holds: left === right });
    }
  }
  return out;
}
