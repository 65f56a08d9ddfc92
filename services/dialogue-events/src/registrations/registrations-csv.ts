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

/** Registrations as CSV (UTF-8, CRLF) for organisers, with the header line unless `header: false` (a later page). */
export function registrationsCsv(rows: RegistrationView[], opts: { header?: boolean } = {}): string {
  const lines = opts.header === false ? [] : [COLUMNS.join(',')];
  if (!lines.length && !rows.length) return '';
  for (const r of rows) lines.push(COLUMNS.map((c) => csvField(r[c])).join(','));
  return lines.join('\r\n') + '\r\n';
}
