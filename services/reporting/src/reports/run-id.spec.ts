import { createHash } from 'node:crypto';
import { runId } from './run-id';

describe('runId', () => {
  it('is the same for the same type, subject and period and differs when any of them differs', () => {
    const a = runId('community-monitoring', 'UA07060450000051170', '2022');
    expect(runId('community-monitoring', 'UA07060450000051170', '2022')).toBe(a);
    expect(a).toBe(createHash('sha256').update('community-monitoring|UA07060450000051170|2022').digest('hex').slice(0, 24));
    expect(runId('community-monitoring', 'UA07060450000051170', '2022-Q4')).not.toBe(a);
    expect(runId('budget-brief', 'UA07060450000051170', '2022')).not.toBe(a);
    expect(runId('community-monitoring', 'UA07060450000051171', '2022')).not.toBe(a);
  });
});
