import { parse } from 'csv-parse/sync';
import { DomainError, FieldError, STATEMENT_CODE_PATTERN, StatementFields } from '@vidnova/contracts';
import { toKopiykas } from './decimal';

/** Statement lines in kopiykas by `R<line>G<column>`. */
export type Lines = Record<string, number>;

/**
 * The lines of a posted statement (JSON `lines` or `csv`), in kopiykas. Every unreadable code or amount is
 * listed in one 422 (field = the code), so the sender fixes them all at once.
 */
export function readLines(s: StatementFields): Lines {
  if ((s.lines ? 1 : 0) + (s.csv ? 1 : 0) !== 1) {
    throw new DomainError('validation_failed', 'Send the statement lines either as `lines` (JSON) or as `csv`, not both and not neither', undefined, [
      { field: 'lines', message: 'exactly one of lines and csv is required' },
    ]);
  }
  const raw: [string, unknown][] = s.lines ? Object.entries(s.lines) : csvEntries(s.csv!);
  const out: Lines = {};
  const errors: FieldError[] = [];
  for (const [rawCode, value] of raw) {
    const code = rawCode.trim().toUpperCase();
    if (!STATEMENT_CODE_PATTERN.test(code)) {
      errors.push({ field: rawCode, message: 'is not a line code R<line>G<column> of Form 1 (1000–1999) or Form 2 (2000–2499) with column G3 or G4' });
      continue;
    }
    if (value === null || value === '' || value === undefined) continue;
    const k = toKopiykas(value, s.unit);
    if (k === null) {
      errors.push({ field: code, message: `"${String(value)}" is not an amount in ${s.unit} (a decimal number, at most to the kopiyka)` });
      continue;
    }
    if (code in out) {
      errors.push({ field: code, message: 'is given twice' });
      continue;
    }
    out[code] = k;
  }
  if (errors.length) throw new DomainError('unprocessable', `${errors.length} statement line(s) cannot be read`, undefined, errors);
  if (!Object.keys(out).length) throw new DomainError('unprocessable', 'The statement has no lines', undefined, [{ field: 'lines', message: 'no amounts' }]);
  return out;
}

function csvEntries(text: string): [string, unknown][] {
  const firstLine = text.split(/\r?\n/, 1)[0] ?? '';
  const delimiter = firstLine.split(';').length > firstLine.split(',').length ? ';' : ',';
  let rows: Record<string, string>[];
  try {
    rows = parse(text, { columns: (h: string[]) => h.map((c) => c.trim().toLowerCase()), delimiter, skip_empty_lines: true, trim: true, bom: true });
  } catch (e) {
    throw new DomainError('unprocessable', `The statement CSV cannot be read: ${(e as Error).message}`);
  }
  const header = rows.length ? Object.keys(rows[0]) : [];
  if (header.includes('code') && header.includes('value')) return rows.map((r) => [r.code, r.value]);
  if (header.includes('line') && (header.includes('g3') || header.includes('g4'))) {
    const out: [string, unknown][] = [];
    for (const r of rows) {
      const line = r.line.replace(/^R/i, '');
      for (const col of ['g3', 'g4']) if (r[col] !== undefined && r[col] !== '') out.push([`R${line}${col.toUpperCase()}`, r[col]]);
    }
    return out;
  }
  throw new DomainError('unprocessable', 'The statement CSV needs a header `line,G3,G4` or `code,value`', undefined, [{ field: 'csv', message: `header was: ${firstLine}` }]);
}
