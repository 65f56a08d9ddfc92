import { DomainError, FieldError } from '@vidnova/contracts';
import { RECOVERY_CATEGORY_IDS, recoveryCategory } from '@vidnova/reference';

/** The shared recovery-category taxonomy (libs/reference), as a set for checks. */
export const RECOVERY_CATEGORY_ID_SET: ReadonlySet<string> = new Set<string>(RECOVERY_CATEGORY_IDS);

/**
 * Refuses unknown recovery category ids with 400, like any other field rule: the contract cannot
 * name the list (contracts depend on nothing of ours), so the service checks it against libs/reference.
 */
export function requireKnownCategories(found: FieldError[]): void {
  if (found.length) throw new DomainError('validation_failed', found[0].message, undefined, found);
}

/** Name and budget codes of a category, so priorities can be held against budget lines. */
export function categoryFacts(id: string): { label: { uk: string; en: string }; programCodes: string[]; functionalCodes: string[] } | undefined {
  const c = recoveryCategory(id);
  if (!c) return undefined;
  return { label: { uk: c.name.uk ?? '', en: c.name.en ?? '' }, programCodes: [...c.programCodes], functionalCodes: [...c.functionalCodes] };
}
