import { DomainError } from '@vidnova/contracts';
import data from './data/communities.json';
import { normalizeSearchText, queryStem } from './search-text';
import type { LocalizedText } from './types';

/** міська / селищна / сільська hromada. */
export type CommunityType = 'city' | 'settlement' | 'village';

export interface AdministrativeUnit {
  katottg: string;
  name: LocalizedText;
}

/** A territorial community (hromada). */
export interface Community {
  /** KATOTTG code, e.g. UA07060450000051170. */
  katottg: string;
  /** Ukrainian name and its Latin form (national transliteration of 2010), e.g. Шацька / Shatska. */
  name: LocalizedText;
  /** Unknown for the units of Crimea, which the source register lists without a type. */
  type?: CommunityType;
  raion: AdministrativeUnit;
  oblast: AdministrativeUnit;
  /** Population on 1 Jan 2022, where the source has it (not for Crimea). */
  population2022?: number;
  /** 10-digit local budget code where known (the 11-digit form appends a 0). */
  budgetCode?: string;
  /** Other names it is known by, e.g. the centre city as Open Budget spells it ("Lutsk"). */
  aliases?: string[];
}

export const COMMUNITIES_SOURCE: string = data.source;

const oblastsByCode = new Map<string, AdministrativeUnit>(
  data.oblasts.map((o) => [o.katottg, { katottg: o.katottg, name: { uk: o.uk, en: o.en } }]),
);
const raionsByCode = new Map<string, AdministrativeUnit & { oblast: string }>(
  data.raions.map((r) => [r.katottg, { katottg: r.katottg, name: { uk: r.uk, en: r.en }, oblast: r.oblast }]),
);

interface Raw {
  katottg: string;
  uk: string;
  en: string;
  type?: string;
  raion: string;
  population2022?: number;
  budgetCode?: string;
  aliases?: string[];
}

function expand(r: Raw): Community {
  const raion = raionsByCode.get(r.raion)!;
  return {
    katottg: r.katottg,
    name: { uk: r.uk, en: r.en },
    ...(r.type ? { type: r.type as CommunityType } : {}),
    raion: { katottg: raion.katottg, name: raion.name },
    oblast: oblastsByCode.get(raion.oblast)!,
    ...(r.population2022 !== undefined ? { population2022: r.population2022 } : {}),
    ...(r.budgetCode ? { budgetCode: r.budgetCode } : {}),
    ...(r.aliases ? { aliases: r.aliases } : {}),
  };
}

/** Every hromada, sorted by KATOTTG code. */
export const communities: readonly Community[] = (data.items as Raw[]).map(expand);
export const oblasts: readonly AdministrativeUnit[] = [...oblastsByCode.values()];

const byKatottg = new Map(communities.map((c) => [c.katottg, c]));
const byBudgetCode = new Map(communities.filter((c) => c.budgetCode).map((c) => [c.budgetCode!, c]));
const searchKeys = new Map(
  communities.map((c) => [c, normalizeSearchText([c.name.uk, c.name.en, ...(c.aliases ?? [])].join(' '))]),
);

export function communityByKatottg(code: string): Community | undefined {
  return byKatottg.get(code.trim().toUpperCase());
}

/** An oblast (or the Autonomous Republic of Crimea) by its KATOTTG code (level 1, e.g. UA07000000000024379). */
export function oblastByKatottg(code: string): AdministrativeUnit | undefined {
  return oblastsByCode.get(code.trim().toUpperCase());
}

const communitiesByOblast = new Map<string, Community[]>();
for (const c of communities) communitiesByOblast.set(c.oblast.katottg, [...(communitiesByOblast.get(c.oblast.katottg) ?? []), c]);

/** Every hromada of an oblast, by KATOTTG order; empty for a code that names no oblast. */
export function communitiesOfOblast(code: string): readonly Community[] {
  return communitiesByOblast.get(code.trim().toUpperCase()) ?? [];
}

/** The Crimean autonomy is not an oblast: its name is whole, the others are adjectives ("Волинська"). */
const CRIMEA = 'UA01000000000013043';

/** An oblast's name as a title: "Волинська область" / "Volynska oblast" (Crimea's name as it is). */
export function oblastTitle(oblast: AdministrativeUnit): LocalizedText {
  if (oblast.katottg === CRIMEA) return oblast.name;
  return { uk: `${oblast.name.uk} область`, en: `${oblast.name.en} oblast` };
}

/**
 * Finds a hromada by its local budget code, 10-digit ("0350700000") or 11-digit ("03507000000", the
 * same code with a trailing 0, as the Treasury writes it since 2021). Leading zeros may be missing.
 */
export function communityByBudgetCode(code: string | number): Community | undefined {
  const digits = String(code).trim();
  if (!/^\d{9,11}$/.test(digits)) return undefined;
  if (digits.length === 11) return digits.endsWith('0') ? byBudgetCode.get(digits.slice(0, 10)) : undefined;
  return (
    byBudgetCode.get(digits.padStart(10, '0')) ?? byBudgetCode.get(digits.padStart(11, '0').slice(0, 10))
  );
}

export interface CommunitySearch {
  /** Part of the name in Ukrainian or Latin letters, case-insensitive. */
  q?: string;
  /** Oblast KATOTTG code, or its name in Ukrainian or Latin letters ("Волинська", "Volyn"). */
  oblast?: string;
  /** 1..100, default 20. */
  limit?: number;
  /** nextCursor of the previous page. */
  cursor?: string;
}

export interface CommunityPage {
  items: Community[];
  nextCursor: string | null;
}

export const COMMUNITY_SEARCH_DEFAULT_LIMIT = 20;
export const COMMUNITY_SEARCH_MAX_LIMIT = 100;

function matchingOblasts(value: string): Set<string> {
  const code = value.trim().toUpperCase();
  if (oblastsByCode.has(code)) return new Set([code]);
  const stem = queryStem(normalizeSearchText(value));
  return new Set(
    oblasts
      .filter((o) =>
        [o.name.uk, o.name.en].some((n) => stem.length > 0 && normalizeSearchText(n).startsWith(stem)),
      )
      .map((o) => o.katottg),
  );
}

function invalid(field: string, message: string): DomainError {
  return new DomainError('validation_failed', message, undefined, [{ field, message }]);
}

/** Pages (by KATOTTG order) through the hromadas whose name matches `q` within `oblast`. */
export function searchCommunities(search: CommunitySearch = {}): CommunityPage {
  const limit = search.limit ?? COMMUNITY_SEARCH_DEFAULT_LIMIT;
  if (!Number.isInteger(limit) || limit < 1 || limit > COMMUNITY_SEARCH_MAX_LIMIT) {
    throw invalid('limit', `limit must be an integer from 1 to ${COMMUNITY_SEARCH_MAX_LIMIT}`);
  }
  // The cursor is the KATOTTG code of the last item of the previous page.
  const after = search.cursor ? Buffer.from(search.cursor, 'base64url').toString('utf8') : undefined;
  if (after !== undefined && !/^UA\d{17}$/.test(after))
    throw invalid('cursor', 'cursor is not one this API returned');
  const inOblasts = search.oblast?.trim() ? matchingOblasts(search.oblast) : undefined;
  const q = search.q ? queryStem(normalizeSearchText(search.q)) : '';
  const items: Community[] = [];
  let more = false;
  for (const c of communities) {
    if (after !== undefined && c.katottg <= after) continue;
    if (inOblasts && !inOblasts.has(c.oblast.katottg)) continue;
    if (q && !searchKeys.get(c)!.includes(q)) continue;
    if (items.length === limit) {
      more = true;
      break;
    }
    items.push(c);
  }
  const last = items.at(-1);
  return { items, nextCursor: more && last ? Buffer.from(last.katottg, 'utf8').toString('base64url') : null };
}
