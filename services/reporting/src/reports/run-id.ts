import { REPORT_SUBJECT_FIELD, ReportSubject, ReportType } from '@vidnova/contracts';
import { createHash } from 'node:crypto';

/** The subject of a run as one string: the field its type is about (community, budget code or country). */
export function subjectOf(type: ReportType, s: ReportSubject): string | undefined {
  return s[REPORT_SUBJECT_FIELD[type]];
}

/**
 * The run id: the first 24 hex digits of sha256("type|subject|period"). The same type, subject and
 * period always name the same run, on any process; language is not part of it (both are rendered).
 */
export function runId(type: ReportType, subject: string, period: string): string {
  return createHash('sha256').update(`${type}|${subject}|${period}`).digest('hex').slice(0, 24);
}
