import { BREAKDOWN_VALUES, BreakdownField } from '@vidnova/contracts';

export const NOT_STATED = 'not_stated';
/** The label of a stored value outside the field's list (none is accepted today): never the value itself. */
export const OTHER = 'other';

/** A group label: one of the field's listed values, `not_stated` or `other`, never free text. */
export function groupLabel(by: BreakdownField, stored: unknown): string {
  if (stored === undefined || stored === null || stored === '') return NOT_STATED;
  return BREAKDOWN_VALUES[by].includes(stored as string) ? (stored as string) : OTHER;
}
