// Builds libs/reference/src/data/*.json from published sources. Run with `npm run reference:build`.
// Countries come from the npm package i18n-iso-countries (ISO 3166-1 codes, CLDR-based en/uk names);
// communities and classifiers come from the real data in ../shared/data (VIDNOVA_DATA_DIR overrides).
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { parse } from 'csv-parse/sync';
import countriesLib from 'i18n-iso-countries';
import en from 'i18n-iso-countries/langs/en.json';
import uk from 'i18n-iso-countries/langs/uk.json';

const root = resolve(__dirname, '../..');
const out = resolve(root, 'libs/reference/src/data');

export function dataDir(): string {
  const candidates = [process.env.VIDNOVA_DATA_DIR, resolve(root, '../shared/data')].filter(
    (p): p is string => !!p,
  );
  const found = candidates.find((p) => existsSync(p));
  if (!found)
    throw new Error(`Real data folder not found; set VIDNOVA_DATA_DIR (tried ${candidates.join(', ')})`);
  return found;
}

export function readCsv(...parts: string[]): Record<string, string>[] {
  return parse(readFileSync(resolve(dataDir(), ...parts), 'utf8'), {
    columns: true,
    skip_empty_lines: true,
    bom: true,
    trim: true,
  });
}

function pkgVersion(name: string): string {
  return (
    JSON.parse(readFileSync(resolve(root, 'node_modules', name, 'package.json'), 'utf8')) as {
      version: string;
    }
  ).version;
}

/** Writes `{ source, ..., items: [...] }` with one record per line: compact but diffable. */
export function writeData(file: string, meta: Record<string, unknown>, items: unknown[]): void {
  const head = JSON.stringify(meta, null, 2).slice(0, -2);
  const body = items.map((i) => `    ${JSON.stringify(i)}`).join(',\n');
  writeFileSync(resolve(out, file), `${head},\n  "items": [\n${body}\n  ]\n}\n`);
  console.log(`wrote libs/reference/src/data/${file} (${items.length} records)`);
}

function buildCountries(): void {
  countriesLib.registerLocale(en);
  countriesLib.registerLocale(uk);
  const alpha3 = countriesLib.getAlpha3Codes();
  const items = Object.entries(countriesLib.getAlpha2Codes())
    .map(([alpha2, a3]) => ({
      alpha2,
      alpha3: a3,
      numeric: countriesLib.alpha2ToNumeric(alpha2) ?? '',
      name: { uk: countriesLib.getName(alpha2, 'uk') ?? '', en: countriesLib.getName(alpha2, 'en') ?? '' },
      // XK (Kosovo) is a user-assigned code (with XKK/983 in the package), not an ISO 3166-1 entry.
      ...(alpha2 === 'XK' ? { userAssigned: true } : {}),
    }))
    .sort((a, b) => a.alpha2.localeCompare(b.alpha2));
  for (const c of items) {
    if (!c.name.uk || !c.name.en || !c.numeric || alpha3[c.alpha3] !== c.alpha2)
      throw new Error(`incomplete country ${c.alpha2}`);
  }
  writeData(
    'countries.json',
    {
      source: `npm package i18n-iso-countries@${pkgVersion('i18n-iso-countries')} (ISO 3166-1 alpha-2/alpha-3/numeric codes; en and uk names from its CLDR-based locales), MIT`,
      generatedBy: 'tools/reference/build-reference.ts',
    },
    items,
  );
}

function main(): void {
  const only = process.argv.slice(2);
  const steps: Record<string, () => void> = { countries: buildCountries };
  for (const [name, step] of Object.entries(steps)) if (only.length === 0 || only.includes(name)) step();
}

main();
