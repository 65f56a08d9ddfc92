// For this library's tests only (not exported): the real published data the generated JSON is checked
// against, committed in libs/reference/data-src/<area>/ (the reference build's inputs) and, for files
// only tests use, test/fixtures/<area>/ (see the SOURCES.md there). Same lookup as dataFile() in
// @vidnova/testing, which a reference library may not import.
import { existsSync, readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { parse } from 'csv-parse/sync';

export function readSharedCsv(...parts: string[]): Record<string, string>[] {
  const repoRoot = resolve(__dirname, '../../..');
  const candidates = [
    process.env.VIDNOVA_DATA_DIR,
    resolve(repoRoot, 'libs/reference/data-src'),
    resolve(repoRoot, 'test/fixtures'),
  ]
    .filter((p): p is string => !!p)
    .map((root) => resolve(root, ...parts));
  const file = candidates.find((p) => existsSync(p));
  if (!file) throw new Error(`Data file ${parts.join('/')} not found; looked at ${candidates.join(', ')}`);
  return parse(readFileSync(file, 'utf8'), {
    columns: true,
    skip_empty_lines: true,
    bom: true,
    trim: true,
  });
}
