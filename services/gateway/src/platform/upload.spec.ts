import { BUDGET_OPS, CONSULTATIONS_OPS, DIASPORA_OPS } from '@vidnova/contracts';
import { parseRouteLimits, uploadLimitFor } from './upload';

describe('upload caps per import route', () => {
  const limits = parseRouteLimits('consultations.submission.import=16777216,budget=536870912,diaspora.host-country-statistics=1024');
  it('takes the longest listed prefix of the operation name, else the default', () => {
    expect(uploadLimitFor(CONSULTATIONS_OPS.submissionImport.subject, limits, 99)).toBe(16777216);
    expect(uploadLimitFor(BUDGET_OPS.importStart.subject, limits, 99)).toBe(536870912);
    expect(uploadLimitFor(DIASPORA_OPS.hostStatsImport.subject, limits, 99)).toBe(1024);
    expect(uploadLimitFor(DIASPORA_OPS.organizationCreate.subject, limits, 99)).toBe(99);
    expect(uploadLimitFor(CONSULTATIONS_OPS.submissionImport.subject, parseRouteLimits('consultations=5'), 99)).toBe(5);
  });

  it('matches whole name segments only', () => {
    expect(uploadLimitFor(CONSULTATIONS_OPS.submissionImport.subject, parseRouteLimits('consult=5,consultations.submission.imp=6'), 99)).toBe(99);
  });

  it('reads an empty setting as no route caps', () => {
    expect(parseRouteLimits('').size).toBe(0);
  });
});
