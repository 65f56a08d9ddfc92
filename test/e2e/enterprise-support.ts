import { readFileSync } from 'node:fs';
import { edrpouCheckDigit } from '@vidnova/contracts';
import { dataFile } from '@vidnova/testing';

/** A valid EDRPOU from 7 digits (the check digit from the one rule in libs/contracts). */
export const code = (seven: string) => `${seven}${edrpouCheckDigit(`${seven}0`)}`;

const fixture = JSON.parse(readFileSync(dataFile('enterprises', 'finstat_form1_form2_sample_edrpou_32501397.json'), 'utf8'))[0] as Record<string, unknown>;
/** The real statement's lines as published (thousand UAH, one decimal): test/fixtures/enterprises/SOURCES.md. */
export const LINES = Object.fromEntries(Object.entries(fixture).filter(([k]) => /^R\d{4}G[34]$/.test(k))) as Record<string, number>;

/** The OCDS release package of the tests (its buyer UA-EDR-03350019 is `code('0335001')`). */
export const PROCUREMENT_PACKAGE = readFileSync(dataFile('enterprises', 'prozorro_ocds_release_package_test.json'), 'utf8');

/** A balanced synthetic statement (UAH, decimal strings) from a few parameters: every identity holds by construction. */
export function synthetic(p: { nca: number; ca: number; inv: number; eq: number; rev: number; cost: number; recv: number; pay: number }): Record<string, string> {
  const total = p.nca + p.ca;
  const cl = total - p.eq;
  const pretax = p.rev - p.cost;
  const s = (x: number) => x.toFixed(2);
  return {
    R1095G4: s(p.nca), R1100G4: s(p.inv), R1125G4: s(p.recv), R1195G4: s(p.ca), R1300G4: s(total),
    R1495G4: s(p.eq), R1615G4: s(p.pay), R1695G4: s(cl), R1900G4: s(total),
    R2000G3: s(p.rev), R2050G3: s(p.cost), R2280G3: s(p.rev), R2285G3: s(p.cost), R2290G3: s(pretax), R2300G3: s(0), R2350G3: s(pretax),
  };
}
