import { SchedulePeriod } from '@vidnova/contracts';

/** Year and month (1-12) of an instant in a time zone. */
function localYearMonth(at: Date, timeZone: string): { year: number; month: number } {
  const parts = new Intl.DateTimeFormat('en-CA', { timeZone, year: 'numeric', month: 'numeric' }).formatToParts(at);
  return { year: Number(parts.find((p) => p.type === 'year')!.value), month: Number(parts.find((p) => p.type === 'month')!.value) };
}

/**
 * The last complete period before `at` in the schedule's time zone: a run on 1 April 06:00 Kyiv time
 * with `quarter` covers `YYYY-Q1`; `month` → the previous month; `year` → the previous year.
 */
export function lastCompletePeriod(at: Date, timeZone: string, periodicity: SchedulePeriod): string {
  const { year, month } = localYearMonth(at, timeZone);
  if (periodicity === 'year') return String(year - 1);
  if (periodicity === 'month') return month === 1 ? `${year - 1}-12` : `${year}-${String(month - 1).padStart(2, '0')}`;
  const q = Math.ceil(month / 3);
  return q === 1 ? `${year - 1}-Q4` : `${year}-Q${q - 1}`;
}

/** Whether the runtime knows this IANA time zone. */
export function isTimeZone(tz: string): boolean {
  try {
    new Intl.DateTimeFormat('en', { timeZone: tz });
    return true;
  } catch {
    return false;
  }
}
