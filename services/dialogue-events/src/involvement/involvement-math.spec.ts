import { StakeholderGroup } from '@vidnova/contracts';
import { involvementIndex, INVOLVEMENT_WEIGHTS } from './involvement-math';

describe('involvement index', () => {
  it('weights sum to 1', () => {
    expect(Object.values(INVOLVEMENT_WEIGHTS).reduce((a, b) => a + b, 0)).toBeCloseTo(1, 10);
  });

  it('weights each component as documented', () => {
    // Two civil-society groups attend all they registered for, every held event was discussed, every due commitment is done.
    const all = new Map<StakeholderGroup, number>([['resident', 10], ['veteran', 10]]);
    const r = involvementIndex({ attendance: all, registrationsOfHeld: 20, eventsHeld: 2, heldWithContribution: 2, commitmentsDue: 3, commitmentsDone: 3 });
    expect(r.components).toEqual({ civilSocietyShare: 1, groupDiversity: 0.1667, turnout: 1, deliberation: 1, followThrough: 1 });
    // 0.3·1 + 0.2·(2/12) + 0.15 + 0.15 + 0.2 = 0.8333…
    expect(r.index).toBe(83.3);
  });

  it('is 0 with nothing held', () => {
    expect(involvementIndex({ attendance: new Map(), registrationsOfHeld: 0, eventsHeld: 0, heldWithContribution: 0, commitmentsDue: 0, commitmentsDone: 0 }).index).toBe(0);
  });
});
