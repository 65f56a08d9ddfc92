import { existsSync } from 'node:fs';
import { resolve } from 'node:path';

/**
 * The real published data that tests, seeds and benchmarks read is committed in this repository, each
 * folder with a SOURCES.md (origin and licence):
 *  - test/fixtures/<area>/            files only tests and benchmarks use;
 *  - libs/reference/data-src/<area>/  inputs of the reference build (tools/reference), which tests also use.
 * VIDNOVA_DATA_DIR, when set, is searched first (a local folder with the same <area>/<file> layout).
 */
const repoRoot = resolve(__dirname, '../../..');
const FIXTURES = resolve(repoRoot, 'test/fixtures');
const REFERENCE_SOURCES = resolve(repoRoot, 'libs/reference/data-src');

const roots = (): string[] =>
  [process.env.VIDNOVA_DATA_DIR, FIXTURES, REFERENCE_SOURCES].filter((p): p is string => !!p);

/** The folder of the test-only fixtures (test/fixtures), or VIDNOVA_DATA_DIR when set. */
export const dataDir = (): string => roots()[0]!;

/** A committed data file by area and name, e.g. `dataFile('open-budget', 'openbudget_lutsk_2025_incomes.csv')`. */
export function dataFile(...parts: string[]): string {
  const candidates = roots().map((root) => resolve(root, ...parts));
  const found = candidates.find((p) => existsSync(p));
  if (!found) throw new Error(`Data file ${parts.join('/')} not found; looked at ${candidates.join(', ')}`);
  return found;
}
