import { FULL_SCALE_INVASION_DATE } from '@vidnova/contracts';

/**
 * Whether an organisation was founded after the full-scale invasion (24 Feb 2022). Organisations
 * founded on that day count as "after": they were founded in response to it. With only a year, 2022
 * cannot be decided and yields null rather than a guess.
 */
export function foundedAfterInvasion(foundedYear?: number, foundedOn?: string): boolean | null {
  if (foundedOn) return foundedOn.slice(0, 10) >= FULL_SCALE_INVASION_DATE;
  if (foundedYear === undefined) return null;
  if (foundedYear > 2022) return true;
  if (foundedYear < 2022) return false;
  return null;
}
