/**
 * Small-group suppression, the one rule for publishing counts about people by group (consultation
 * results, dialogue registrations and attendance): defined once here.
 *
 * Which breakdown groups to hide. A group with fewer than `min` respondents is hidden
 * (`small_group`). When exactly one group is hidden, its figures could be worked out as the total
 * minus the other groups, so the next smallest group is hidden too (`complementary`).
 */
export function suppressedGroups(groups: Array<{ value: string; respondents: number }>, min: number): Map<string, 'small_group' | 'complementary'> {
  const out = new Map<string, 'small_group' | 'complementary'>();
  for (const g of groups) if (g.respondents < min) out.set(g.value, 'small_group');
  if (out.size === 1 && groups.length > 1) {
    const next = groups.filter((g) => !out.has(g.value)).sort((a, b) => a.respondents - b.respondents || (a.value < b.value ? -1 : 1))[0];
    out.set(next.value, 'complementary');
  }
  return out;
}
