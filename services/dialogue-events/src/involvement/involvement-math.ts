import { CIVIL_SOCIETY_GROUPS, STAKEHOLDER_GROUPS, StakeholderGroup } from '@vidnova/contracts';

/** The version of the formula (docs/dialogue-methodology.md); changes to it get a new version. */
export const INVOLVEMENT_METHODOLOGY = 'dialogue-involvement-v1';

/** Weights of the components in the index (sum 1), docs/dialogue-methodology.md. */
export const INVOLVEMENT_WEIGHTS = {
  civilSocietyShare: 0.3,
  groupDiversity: 0.2,
  turnout: 0.15,
  deliberation: 0.15,
  followThrough: 0.2,
} as const;

export interface InvolvementInputs {
  /** Attendance of held events by group. */
  attendance: Map<StakeholderGroup, number>;
  /** Registrations (confirmed and waitlisted) of held events. */
  registrationsOfHeld: number;
  eventsHeld: number;
  heldWithContribution: number;
  commitmentsDue: number;
  commitmentsDone: number;
}

const ratio = (a: number, b: number) => (b > 0 ? a / b : 0);
const round = (x: number, digits: number) => Math.round(x * 10 ** digits) / 10 ** digits;

/** The components (0..1) and the index (0..100, one decimal). A component whose denominator is 0 counts 0. */
export function involvementIndex(x: InvolvementInputs) {
  const total = [...x.attendance.values()].reduce((s, n) => s + n, 0);
  const civil = CIVIL_SOCIETY_GROUPS.reduce((s, g) => s + (x.attendance.get(g) ?? 0), 0);
  const components = {
    civilSocietyShare: ratio(civil, total),
    groupDiversity: STAKEHOLDER_GROUPS.filter((g) => (x.attendance.get(g) ?? 0) > 0).length / STAKEHOLDER_GROUPS.length,
    turnout: x.registrationsOfHeld > 0 ? Math.min(1, total / x.registrationsOfHeld) : total > 0 ? 1 : 0,
    deliberation: ratio(x.heldWithContribution, x.eventsHeld),
    followThrough: ratio(x.commitmentsDone, x.commitmentsDue),
  };
  const index = (Object.keys(INVOLVEMENT_WEIGHTS) as Array<keyof typeof INVOLVEMENT_WEIGHTS>).reduce((s, k) => s + INVOLVEMENT_WEIGHTS[k] * components[k], 0);
  return {
    components: Object.fromEntries(Object.entries(components).map(([k, v]) => [k, round(v, 4)])) as typeof components,
    index: round(100 * index, 1),
  };
}
