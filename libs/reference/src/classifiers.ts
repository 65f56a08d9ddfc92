import data from './data/classifiers.json';

/**
 * Budget classifiers: KEKV (economic classification of expenditures), FKVKB (functional classification
 * of local budget expenditures) and KDB (budget income codes). Derived from the codes that occur in
 * Open Budget data (see CLASSIFIERS_SOURCE): real codes with their official Ukrainian names, but not
 * the complete official lists, so an unknown code is accepted and reported as `{ known: false }`.
 */
export type ClassifierKind = 'kekv' | 'functional' | 'income';
export const CLASSIFIER_KINDS: readonly ClassifierKind[] = ['kekv', 'functional', 'income'];

export interface ClassifierName {
  uk: string;
  /** None of the source data has English names yet. */
  en?: string;
}

export interface ClassifierEntry {
  code: string;
  /** The name in the latest year the code was seen. */
  name: ClassifierName;
  firstYearSeen: number;
  lastYearSeen: number;
  /** Earlier official names of the same code, with the years they were used. */
  formerNames?: { uk: string; firstYearSeen: number; lastYearSeen: number }[];
}

export type ClassifierLookup =
  | { known: true; kind: ClassifierKind; code: string; name: ClassifierName; version: string }
  | { known: false; kind: ClassifierKind; code: string };

export const CLASSIFIERS_VERSION: string = data.version;
export const CLASSIFIERS_SOURCE: string = data.source;

export const kekv: readonly ClassifierEntry[] = data.kekv;
export const functionalCodes: readonly ClassifierEntry[] = data.functional;
export const incomeCodes: readonly ClassifierEntry[] = data.income;

const WIDTH: Record<ClassifierKind, number> = { kekv: 4, functional: 4, income: 8 };
const maps: Record<ClassifierKind, Map<string, ClassifierEntry>> = {
  kekv: new Map(kekv.map((e) => [e.code, e])),
  functional: new Map(functionalCodes.map((e) => [e.code, e])),
  income: new Map(incomeCodes.map((e) => [e.code, e])),
};

/** The code in its canonical width (leading zeros restored: functional "111" → "0111"). */
export function normalizeClassifierCode(kind: ClassifierKind, code: string | number): string {
  const digits = String(code).trim();
  return /^\d+$/.test(digits) ? digits.padStart(WIDTH[kind], '0') : digits;
}

export function classifierEntry(kind: ClassifierKind, code: string | number): ClassifierEntry | undefined {
  return maps[kind].get(normalizeClassifierCode(kind, code));
}

/**
 * The name of a code; when a `year` is given, the name in use that year (codes are sometimes renamed).
 * Unknown codes are not an error: they come back as `{ known: false }`.
 */
export function classifierName(kind: ClassifierKind, code: string | number, year?: number): ClassifierLookup {
  const normalized = normalizeClassifierCode(kind, code);
  const entry = maps[kind].get(normalized);
  if (!entry) return { known: false, kind, code: normalized };
  const former =
    year === undefined
      ? undefined
      : entry.formerNames?.find(
          (n) => year >= n.firstYearSeen && year <= n.lastYearSeen && year < entry.lastYearSeen,
        );
  return {
    known: true,
    kind,
    code: normalized,
    name: former ? { uk: former.uk } : entry.name,
    version: CLASSIFIERS_VERSION,
  };
}

export function isKnownCode(kind: ClassifierKind, code: string | number): boolean {
  return maps[kind].has(normalizeClassifierCode(kind, code));
}
