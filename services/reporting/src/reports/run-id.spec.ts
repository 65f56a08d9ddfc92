import { createHash } from 'node:crypto';
import { requireSubject, runId, subjectKey } from './run-id';

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

describe('report subjects', () => {
  const problem = (f: () => unknown) => {
    try {
      f();
    } catch (e) {
      return e as { code: string };
    }
    throw new Error('no problem raised');
  };

  it('takes a community or an oblast for civil-society-involvement, and the oblast is part of the run id', () => {
    expect(requireSubject('civil-society-involvement', { community: 'UA07060450000051170' }, 'report')).toEqual({ field: 'community', code: 'UA07060450000051170' });
    const oblast = requireSubject('civil-society-involvement', { oblast: 'UA07000000000024379' }, 'report');
    expect(oblast).toEqual({ field: 'oblast', code: 'UA07000000000024379' });
    expect(subjectKey(oblast)).toBe('oblast:UA07000000000024379');
    expect(runId('civil-society-involvement', subjectKey(oblast), '2026')).toBe(
      createHash('sha256').update('civil-society-involvement|oblast:UA07000000000024379|2026').digest('hex').slice(0, 24),
    );
    // A community keeps the id it had before oblasts existed.
    expect(subjectKey({ field: 'community', code: 'UA07060450000051170' })).toBe('UA07060450000051170');
  });

  it('refuses none, both, a field of another type (400) and an unknown oblast (422)', () => {
    expect(problem(() => requireSubject('civil-society-involvement', {}, 'report'))).toMatchObject({ code: 'validation_failed' });
    expect(problem(() => requireSubject('civil-society-involvement', { community: 'UA07060450000051170', oblast: 'UA07000000000024379' }, 'report'))).toMatchObject({ code: 'validation_failed' });
    expect(problem(() => requireSubject('community-monitoring', { oblast: 'UA07000000000024379' }, 'report'))).toMatchObject({ code: 'validation_failed' });
    expect(problem(() => requireSubject('civil-society-involvement', { oblast: 'UA07060450000051170' }, 'report'))).toMatchObject({ code: 'unprocessable' });
  });
});
