import { DomainError, REPORT_SUBJECT_FIELDS, REPORT_SUBJECT_KEYS, ReportSubject, ReportSubjectField, ReportType } from '@vidnova/contracts';
import { oblastByKatottg } from '@vidnova/reference';
import { createHash } from 'node:crypto';

/** What a run is about: the field its request named (community, oblast, budget code or country) and its code. */
export interface RunSubject {
  field: ReportSubjectField;
  code: string;
}

/** The subject of a stored run or schedule: the first of its type's subject fields that is set. */
export function subjectOf(type: ReportType, s: ReportSubject): RunSubject | undefined {
  const field = REPORT_SUBJECT_FIELDS[type].find((f) => s[f] !== undefined);
  return field ? { field, code: s[field]! } : undefined;
}

/**
 * The subject a request for a report (or a schedule) names. Exactly one of its type's subject fields,
 * none of the others: otherwise 400 with the fields named. An oblast must be one libs/reference knows
 * (a well-formed code that names no oblast is 422: the report could only ever be empty).
 */
export function requireSubject(type: ReportType, s: ReportSubject, what: 'report' | 'schedule'): RunSubject {
  const allowed = REPORT_SUBJECT_FIELDS[type];
  const named = allowed.filter((f) => s[f] !== undefined);
  const wanted = allowed.map((f) => `\`${f}\``).join(' or ');
  const others = REPORT_SUBJECT_KEYS.filter((f) => !allowed.includes(f) && s[f] !== undefined);
  if (others.length) {
    throw new DomainError('validation_failed', `A ${type} ${what} is about ${wanted} only`, undefined,
      others.map((f) => ({ field: f, message: `${f} does not apply to ${type}` })));
  }
  if (!named.length) {
    throw new DomainError('validation_failed', `A ${type} ${what} needs ${wanted}`, undefined,
      allowed.map((f) => ({ field: f, message: `${allowed.length > 1 ? `${allowed.join(' or ')} is` : `${f} is`} required for ${type}` })));
  }
  if (named.length > 1) {
    throw new DomainError('validation_failed', `A ${type} ${what} is about one of ${wanted}, not both`, undefined,
      named.map((f) => ({ field: f, message: `give only one of ${named.join(', ')}` })));
  }
  const field = named[0];
  const code = s[field]!;
  if (field === 'oblast' && !oblastByKatottg(code)) {
    throw new DomainError('unprocessable', `${code} is not the KATOTTG code of an oblast`, undefined, [
      { field: 'oblast', message: 'no oblast has this KATOTTG code (an oblast code ends its level-1 part with zeros, e.g. UA07000000000024379)' },
    ]);
  }
  return { field, code: field === 'oblast' ? oblastByKatottg(code)!.katottg : code };
}

/**
 * The subject as the run id reads it: the code itself for a community, budget or country (so the
 * ids of runs stored before oblasts existed stay the same), `oblast:<code>` for an oblast.
 */
export function subjectKey(s: RunSubject): string {
  return s.field === 'oblast' ? `oblast:${s.code}` : s.code;
}

/**
 * The run id: the first 24 hex digits of sha256("type|subject|period"). The same type, subject and
 * period always name the same run, on any process; language is not part of it (both are rendered).
 */
export function runId(type: ReportType, subject: string, period: string): string {
  return createHash('sha256').update(`${type}|${subject}|${period}`).digest('hex').slice(0, 24);
}
