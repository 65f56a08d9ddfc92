// Builds libs/reference/src/data/*.json from published sources. Run with `npm run reference:build`.
// Countries come from the npm package i18n-iso-countries (ISO 3166-1 codes, CLDR-based en/uk names);
// communities and classifiers come from the real data committed in libs/reference/data-src (VIDNOVA_DATA_DIR overrides).
import { readFileSync, writeFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { parse } from 'csv-parse/sync';
import countriesLib from 'i18n-iso-countries';
import en from 'i18n-iso-countries/langs/en.json';
import uk from 'i18n-iso-countries/langs/uk.json';

const root = resolve(__dirname, '../..');
const out = resolve(root, 'libs/reference/src/data');

/** The inputs: libs/reference/data-src/<area>/ (origins and licences in SOURCES.md there); VIDNOVA_DATA_DIR overrides. */
export function dataDir(): string {
  return process.env.VIDNOVA_DATA_DIR || resolve(root, 'libs/reference/data-src');
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

/** Writes a JSON object with each array one record per line: compact but diffable. */
export function writeJson(file: string, value: Record<string, unknown>): void {
  const fields = Object.entries(value).map(([key, v]) =>
    Array.isArray(v)
      ? `  ${JSON.stringify(key)}: [\n${v.map((i) => `    ${JSON.stringify(i)}`).join(',\n')}\n  ]`
      : `  ${JSON.stringify(key)}: ${JSON.stringify(v)}`,
  );
  writeFileSync(resolve(out, file), `{\n${fields.join(',\n')}\n}\n`);
}

export function writeData(file: string, meta: Record<string, unknown>, items: unknown[]): void {
  writeJson(file, { ...meta, items });
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

// ---------------------------------------------------------------------------------------------------
// Communities

/**
 * Ukrainian → Latin, national transliteration of 2010 (Cabinet of Ministers resolution No 55 of
 * 27.01.2010): є ї й ю я are ye yi y yu ya at the start of a word and ie i i iu ia elsewhere, зг is zgh,
 * ь and apostrophes are dropped.
 */
export function transliterate(text: string): string {
  const map: Record<string, string> = {
    а: 'a',
    б: 'b',
    в: 'v',
    г: 'h',
    ґ: 'g',
    д: 'd',
    е: 'e',
    є: 'ie',
    ж: 'zh',
    з: 'z',
    и: 'y',
    і: 'i',
    ї: 'i',
    й: 'i',
    к: 'k',
    л: 'l',
    м: 'm',
    н: 'n',
    о: 'o',
    п: 'p',
    р: 'r',
    с: 's',
    т: 't',
    у: 'u',
    ф: 'f',
    х: 'kh',
    ц: 'ts',
    ч: 'ch',
    ш: 'sh',
    щ: 'shch',
    ь: '',
    ю: 'iu',
    я: 'ia',
    "'": '',
    '’': '',
    ʼ: '',
  };
  const initial: Record<string, string> = { є: 'ye', ї: 'yi', й: 'y', ю: 'yu', я: 'ya' };
  let out = '';
  const chars = [...text];
  chars.forEach((ch, i) => {
    const lower = ch.toLowerCase();
    const atWordStart = i === 0 || !/[\p{L}'’ʼ]/u.test(chars[i - 1]!);
    let latin: string;
    if (lower === 'г' && chars[i - 1]?.toLowerCase() === 'з') latin = 'gh';
    else if (atWordStart && initial[lower]) latin = initial[lower];
    else latin = map[lower] ?? ch;
    out += ch !== lower && latin ? latin[0]!.toUpperCase() + latin.slice(1) : latin;
  });
  return out;
}

/** Fixes Latin look-alike letters typed into Cyrillic names (the KSE file has "Вiйтовецька" with a Latin i). */
function cyrillicOnly(name: string): string {
  const lookAlike: Record<string, string> = {
    i: 'і',
    I: 'І',
    a: 'а',
    e: 'е',
    o: 'о',
    c: 'с',
    p: 'р',
    x: 'х',
    y: 'у',
  };
  return name.replace(/[iIaeocpxy]/g, (ch) => lookAlike[ch]!).replace(/'/g, '’');
}

const HROMADA_TYPE: Record<string, 'city' | 'settlement' | 'village'> = {
  міська: 'city',
  селищна: 'settlement',
  сільська: 'village',
};

/**
 * First two digits of a local budget code (the Ministry of Finance's region numbering, KOATUU order) →
 * first four characters of the oblast's KATOTTG code. Used only to check that a city from the Open
 * Budget list is matched to a hromada of the right oblast.
 */
const BUDGET_REGION_TO_KATOTTG: Record<string, string> = {
  '01': 'UA01',
  '02': 'UA05',
  '03': 'UA07',
  '04': 'UA12',
  '05': 'UA14',
  '06': 'UA18',
  '07': 'UA21',
  '08': 'UA23',
  '09': 'UA26',
  '10': 'UA32',
  '11': 'UA35',
  '12': 'UA44',
  '13': 'UA46',
  '14': 'UA48',
  '15': 'UA51',
  '16': 'UA53',
  '17': 'UA56',
  '18': 'UA59',
  '19': 'UA61',
  '20': 'UA63',
  '21': 'UA65',
  '22': 'UA68',
  '23': 'UA71',
  '24': 'UA73',
  '25': 'UA74',
  '26': 'UA80',
};

/**
 * City (as named in openbudget_city_budget_codes.csv) → the Ukrainian name of the hromada it is the
 * centre of. Names repeat across oblasts, so the match is also checked against the budget code's region.
 * Not matched: Kyiv (2600000000; the city with special status is not in the KSE hromada register) and
 * R_Rivne / R_Vinnytsia (1710000000, 0210000000: oblast budgets, not hromadas).
 */
const CITY_HROMADA: Record<string, string> = {
  Cherkasy: 'Черкаська',
  Chernihiv: 'Чернігівська',
  Chernivtsi: 'Чернівецька',
  Dnipro: 'Дніпровська',
  'Ivano-Frankivsk': 'Івано-Франківська',
  Kharkiv: 'Харківська',
  Khmelnytskyi: 'Хмельницька',
  Kremenchuk: 'Кременчуцька',
  'Kryvyi Rih': 'Криворізька',
  Lutsk: 'Луцька',
  Lviv: 'Львівська',
  Mykolaiv: 'Миколаївська',
  Odesa: 'Одеська',
  Poltava: 'Полтавська',
  Rivne: 'Рівненська',
  Sumy: 'Сумська',
  Ternopil: 'Тернопільська',
  Uzhhorod: 'Ужгородська',
  Vinnytsia: 'Вінницька',
  Zhytomyr: 'Житомирська',
  Zaporizhzhia: 'Запорізька',
  Mukachevo: 'Мукачівська',
};

interface CommunityRecord {
  katottg: string;
  uk: string;
  en: string;
  type?: string;
  raion: string;
  population2022?: number;
  budgetCode?: string;
  aliases?: string[];
}

function buildCommunities(): void {
  const hromadas = readCsv('reference', 'kse_hromada.csv');
  const population = new Map(
    readCsv('reference', 'kse_ua-pop-2022.csv')
      .filter((r) => r.hromada_code !== 'NA')
      .map((r) => [r.hromada_code!, Number(r.total_population_2022)]),
  );
  const types = new Map(
    readCsv('reference', 'kse_minregion-war-status.csv').map((r) => [
      r.hromada_code!,
      HROMADA_TYPE[r.hromada_type!],
    ]),
  );
  const oblasts = new Map<string, { katottg: string; uk: string; en: string }>();
  const raions = new Map<string, { katottg: string; uk: string; en: string; oblast: string }>();
  const items: CommunityRecord[] = [];
  for (const r of hromadas) {
    const oblastUk = cyrillicOnly(r.oblast_name!);
    const raionUk = cyrillicOnly(r.raion_name!);
    const uk = cyrillicOnly(r.hromada_name!);
    oblasts.set(r.oblast_code!, { katottg: r.oblast_code!, uk: oblastUk, en: transliterate(oblastUk) });
    raions.set(r.raion_code!, {
      katottg: r.raion_code!,
      uk: raionUk,
      en: transliterate(raionUk),
      oblast: r.oblast_code!,
    });
    const pop = population.get(r.hromada_code!);
    if (pop !== undefined && !(Number.isInteger(pop) && pop > 0))
      throw new Error(`bad population for ${r.hromada_code}`);
    items.push({
      katottg: r.hromada_code!,
      uk,
      en: transliterate(uk),
      ...(types.get(r.hromada_code!) ? { type: types.get(r.hromada_code!) } : {}),
      raion: r.raion_code!,
      ...(pop !== undefined ? { population2022: pop } : {}),
    });
  }
  const byKatottg = new Map(items.map((i) => [i.katottg, i]));
  const setBudgetCode = (katottg: string, code: string, why: string): void => {
    const item = byKatottg.get(katottg);
    if (!item) throw new Error(`${why}: no hromada ${katottg}`);
    if (item.budgetCode && item.budgetCode !== code)
      throw new Error(`${why}: ${katottg} already has ${item.budgetCode}`);
    item.budgetCode = code;
  };
  // Budget codes of the three KSE pilot hromadas (Shatsk, Berezhany, Bakhmach), with their KATOTTG codes.
  for (const file of [
    'kse_hromada_budget_2020_2022_shatsk_berezhany_bakhmach.csv',
    'kse_hromada_expenses_2021_2022_shatsk_berezhany_bakhmach_long.csv',
  ]) {
    for (const r of readCsv('open-budget', file))
      setBudgetCode(r.hromada_code!, r.budget_code!.padStart(10, '0'), file);
  }
  // Cities of the Open Budget list: the 10-digit code (the 11-digit form is the same code followed by 0).
  const unmatched: string[] = [];
  for (const r of readCsv('open-budget', 'openbudget_city_budget_codes.csv')) {
    const code = r.value!;
    if (code.length !== 10) continue;
    const hromadaName = CITY_HROMADA[r.city!];
    const region = BUDGET_REGION_TO_KATOTTG[code.slice(0, 2)];
    const match = items.filter((i) => i.uk === hromadaName && region && i.katottg.startsWith(region));
    if (match.length !== 1) {
      unmatched.push(`${r.city} ${code}`);
      continue;
    }
    const item = match[0]!;
    // Kryvyi Rih and Poltava have a second 10-digit code ending in 10000 with no 11-digit form in the
    // list; the primary code is the one ending in 00000.
    if (item.budgetCode && item.budgetCode !== code) {
      unmatched.push(`${r.city} ${code} (second code; kept ${item.budgetCode})`);
      continue;
    }
    setBudgetCode(item.katottg, code, 'openbudget_city_budget_codes.csv');
    item.aliases = [...new Set([...(item.aliases ?? []), r.city!])];
  }
  console.log(`budget codes not attached: ${unmatched.join('; ')}`);
  items.sort((a, b) => a.katottg.localeCompare(b.katottg));
  writeData(
    'communities.json',
    {
      source:
        'KSE Local Data Hub (kse-ua/KSE-Loc-Data-Hub @ 46264883bf3b43e7b06e7699d0c14a1dcbad7a34, MIT): data/derived/hromada.csv ' +
        '(KATOTTG register), ua-pop-2022.csv (population 2022), minregion-war-status.csv (hromada type), hromada_budget_2020_2022.csv ' +
        'and hromada_expenses_2021_2022.xlsx (budget codes of Shatsk, Berezhany, Bakhmach); city budget codes from ' +
        'atsokol/openbudget-data-update @ e112b3101563c49427c0d210d5f08cbedc3d4b1b inputs/city_codes.csv (Open Budget, openbudget.gov.ua). ' +
        'Latin names: national transliteration of 2010 (CMU resolution No 55). Kyiv city is not in the KSE register.',
      generatedBy: 'tools/reference/build-reference.ts',
      oblasts: [...oblasts.values()].sort((a, b) => a.katottg.localeCompare(b.katottg)),
      raions: [...raions.values()].sort((a, b) => a.katottg.localeCompare(b.katottg)),
    },
    items,
  );
}

// ---------------------------------------------------------------------------------------------------
// Classifiers

const CLASSIFIERS = [
  { kind: 'kekv', file: 'classifier_KEKV_economic_derived_from_openbudget.csv', width: 4 },
  { kind: 'functional', file: 'classifier_FKVKB_functional_derived_from_openbudget.csv', width: 4 },
  { kind: 'income', file: 'classifier_KDB_income_derived_from_openbudget.csv', width: 8 },
] as const;

function buildClassifiers(): void {
  const lists: Record<string, unknown[]> = {};
  let lastYear = 0;
  for (const { kind, file, width } of CLASSIFIERS) {
    const byCode = new Map<string, { uk: string; firstYearSeen: number; lastYearSeen: number }[]>();
    for (const r of readCsv('reference', file)) {
      const code = r.code!.padStart(width, '0');
      const entry = {
        uk: r.name!,
        firstYearSeen: Number(r.first_year_seen),
        lastYearSeen: Number(r.last_year_seen),
      };
      lastYear = Math.max(lastYear, entry.lastYearSeen);
      byCode.set(code, [...(byCode.get(code) ?? []), entry]);
    }
    lists[kind] = [...byCode.entries()]
      .sort(([a], [b]) => a.localeCompare(b))
      .map(([code, names]) => {
        // A code renamed over the years: the current name is the one seen last; earlier ones are kept.
        const sorted = [...names].sort(
          (a, b) => b.lastYearSeen - a.lastYearSeen || b.firstYearSeen - a.firstYearSeen,
        );
        const [current, ...former] = sorted;
        return {
          code,
          name: { uk: current!.uk },
          firstYearSeen: Math.min(...names.map((n) => n.firstYearSeen)),
          lastYearSeen: current!.lastYearSeen,
          ...(former.length ? { formerNames: former } : {}),
        };
      });
  }
  const meta = {
    version: `openbudget-derived-2021-${lastYear}`,
    source:
      'Distinct code/name pairs in Open Budget (openbudget.gov.ua) local budget data 2021-2026 as collected by ' +
      'atsokol/openbudget-data-update @ e112b3101563c49427c0d210d5f08cbedc3d4b1b (Ministry of Finance / Treasury open data). ' +
      'Only codes that occur in that data, not the full official lists; Ukrainian names only (the data has no English names).',
    generatedBy: 'tools/reference/build-reference.ts',
  };
  writeJson('classifiers.json', { ...meta, ...lists });
  console.log(
    `wrote libs/reference/src/data/classifiers.json (${Object.entries(lists)
      .map(([k, v]) => `${k} ${v.length}`)
      .join(', ')})`,
  );
}

function main(): void {
  const only = process.argv.slice(2);
  const steps: Record<string, () => void> = {
    countries: buildCountries,
    communities: buildCommunities,
    classifiers: buildClassifiers,
  };
  for (const [name, step] of Object.entries(steps)) if (only.length === 0 || only.includes(name)) step();
}

main();
