import { diff, isOverdue } from './commitment-rules';

describe('commitment rules', () => {
  it('is overdue only after the due day and while open or in progress', () => {
    expect(isOverdue({ dueDate: '2027-03-31', status: 'open' }, '2027-03-31')).toBe(false);
    expect(isOverdue({ dueDate: '2027-03-31', status: 'open' }, '2027-04-01')).toBe(true);
    expect(isOverdue({ dueDate: '2027-03-31', status: 'in_progress' }, '2028-01-01')).toBe(true);
    expect(isOverdue({ dueDate: '2027-03-31', status: 'done' }, '2028-01-01')).toBe(false);
    expect(isOverdue({ dueDate: '2027-03-31', status: 'dropped' }, '2028-01-01')).toBe(false);
  });
  it('logs only the fields that change', () => {
    expect(diff({ progress: 10, status: 'open', evidence: ['a'] }, { progress: 40, status: 'open', evidence: ['a', 'b'] })).toEqual({
      progress: { from: 10, to: 40 },
      evidence: { from: ['a'], to: ['a', 'b'] },
    });
  });
});
