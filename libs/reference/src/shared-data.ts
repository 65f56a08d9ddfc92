// For this library's tests only (not exported): the real published data in ../shared/data, which the
// generated JSON is checked against. Same lookup as dataFile() in @vidnova/testing, which a reference
// library may not import.
import { existsSync, readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { parse } from 'csv-parse/sync';

export function readSharedCsv(...parts: string[]): Record<string, string>[] {
  const candidates = [
    process.env.VIDNOVA_DATA_DIR,
    resolve(__dirname, '../../../../shared/data'),
    resolve(process.cwd(), '../shared/data'),
  ];
  const dir = candidates.find((p): p is string => !!p && existsSync(p));
  if (!dir) throw new Error('Real data folder not found; set VIDNOVA_DATA_DIR');
  return parse(readFileSync(resolve(dir, ...parts), 'utf8'), {
    columns: true,
    skip_empty_lines: true,
    bom: true,
    trim: true,
  });
}
