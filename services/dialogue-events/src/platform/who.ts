import { Principal } from '@vidnova/contracts';

/** Who did it, for histories and logs: the API key id, or `system` for the service itself. */
export function actor(who: Principal | undefined): string {
  return who?.keyId ?? 'system';
}

export function stripUndefined<T extends object>(o: T): Partial<T> {
  return Object.fromEntries(Object.entries(o).filter(([, v]) => v !== undefined)) as Partial<T>;
}

export const dedupe = <T>(xs: readonly T[]): T[] => [...new Set(xs)];

/** `YYYY-MM-DD` → the start of the next day (UTC) for inclusive `to` filters; an instant stays as it is. */
export function endOf(dateOrInstant: string): Date {
  if (/^\d{4}-\d{2}-\d{2}$/.test(dateOrInstant)) return new Date(Date.parse(`${dateOrInstant}T00:00:00Z`) + 86_400_000);
  return new Date(dateOrInstant);
}

/** Today's date (YYYY-MM-DD) in a time zone. */
export function dayIn(timeZone: string, at: Date = new Date()): string {
  return new Intl.DateTimeFormat('en-CA', { timeZone, year: 'numeric', month: '2-digit', day: '2-digit' }).format(at);
}
