import { RegistrationView } from '@vidnova/contracts';

const COLUMNS: Array<keyof RegistrationView> = [
  'id',
  'status',
  'waitlistPosition',
  'name',
  'email',
  'stakeholderGroup',
  'organization',
  'language',
  'accessibilityNeeds',
  'consentRecordedAt',
  'checkedInAt',
  'createdAt',
];

/** RFC 4180 field; a leading =,+,-,@ is prefixed with ' so spreadsheets do not run it as a formula. */
export function csvField(value: unknown): string {
  if (value === undefined || value === null) return '';
  let s = Array.isArray(value) ? value.join(' ') : String(value);
  if (/^[=+\-@\t\r]/.test(s)) s = `'${s}`;
  return /[",\r\n]/.test(s) ? `"${s.replace(/"/g, '""')}"` : s;
}

/** The header line of the organisers' CSV (CRLF-terminated). */
export const REGISTRATIONS_CSV_HEADER = `${COLUMNS.join(',')}\r\n`;

/** One registration as a line of the organisers' CSV (UTF-8, CRLF-terminated). */
export const registrationCsvLine = (r: RegistrationView): string => `${COLUMNS.map((c) => csvField(r[c])).join(',')}\r\n`;
