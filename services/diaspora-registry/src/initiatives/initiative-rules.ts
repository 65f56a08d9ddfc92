import { FieldError } from '@vidnova/contracts';

/** ISO 4217 codes of currencies in use, as the runtime's ICU data knows them. */
const CURRENCIES = new Set(Intl.supportedValuesOf('currency'));

export function isIsoCurrency(code: string): boolean {
  return CURRENCIES.has(code);
}

export interface InitiativeShape {
  title?: { uk?: string; en?: string };
  startDate?: string;
  endDate?: string;
  amountsRaised?: Array<{ amountMinor: number; currency: string }>;
}

/**
 * Rules across fields that class-validator cannot express: a title in at least one language, an
 * end not before the start, amounts that are safe integers of minor units, one amount per known
 * ISO 4217 currency. Returns the failing fields (empty when the initiative is consistent).
 */
export function initiativeProblems(i: InitiativeShape): { invalid: FieldError[]; unprocessable: FieldError[] } {
  const invalid: FieldError[] = [];
  const unprocessable: FieldError[] = [];
  if (i.title && !i.title.uk?.trim() && !i.title.en?.trim()) {
    invalid.push({ field: 'title', message: 'title needs text in Ukrainian (uk) or English (en)' });
  }
  if (i.startDate && i.endDate && i.endDate.slice(0, 10) < i.startDate.slice(0, 10)) {
    unprocessable.push({ field: 'endDate', message: 'endDate is before startDate' });
  }
  const seen = new Set<string>();
  (i.amountsRaised ?? []).forEach((a, n) => {
    if (!Number.isSafeInteger(a.amountMinor)) {
      invalid.push({ field: `amountsRaised.${n}.amountMinor`, message: 'amountMinor must be an integer number of minor units below 2^53' });
    }
    if (!isIsoCurrency(a.currency)) {
      unprocessable.push({ field: `amountsRaised.${n}.currency`, message: `${a.currency} is not an ISO 4217 currency in use` });
    } else if (seen.has(a.currency)) {
      unprocessable.push({ field: `amountsRaised.${n}.currency`, message: `${a.currency} appears twice; give one total per currency` });
    }
    seen.add(a.currency);
  });
  return { invalid, unprocessable };
}
