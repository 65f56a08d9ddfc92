import { DIASPORA_OPS, OrganizationView } from '@vidnova/contracts';
import { columnChart } from '../render/svg';
import { esc, num, pick } from '../format';
import { ask, FigureRow, ReportSource } from './source';

export interface DiasporaLandscapeSection {
  country: string;
  countryName: { uk: string; en: string } | null;
  organisations: number;
  byType: { type: string; count: number }[];
  linkedCommunities: string[];
  refugees: { date: string; refugees: number }[];
}

const MAX_ORGS = 2000;

/** One host country: organisations, the communities they link to, UNHCR figures over time (diaspora-registry). */
export const diasporaLandscapeSource: ReportSource<DiasporaLandscapeSection> = {
  id: 'diasporaLandscape',
  service: 'diaspora-registry',
  title: { uk: 'Діаспора в країні перебування', en: 'Diaspora in the host country' },
  types: ['diaspora-landscape'],
  async fetch(ctx) {
    const orgs: OrganizationView[] = [];
    let cursor: string | undefined;
    do {
      const page = await ctx.bus.send(DIASPORA_OPS.organizationList, { country: ctx.country!, limit: 100, ...(cursor ? { cursor } : {}) }, ask(ctx));
      orgs.push(...page.items);
      cursor = page.nextCursor ?? undefined;
    } while (cursor && orgs.length < MAX_ORGS);
    const stats = await ctx.bus.send(DIASPORA_OPS.hostStatsGet, { country: ctx.country! }, ask(ctx)).catch(() => null);
    const types = new Map<string, number>();
    const communities = new Set<string>();
    for (const o of orgs) {
      types.set(o.type, (types.get(o.type) ?? 0) + 1);
      for (const c of o.communityCodes ?? []) communities.add(c);
    }
    return {
      country: ctx.country!,
      countryName: stats?.countryName ?? null,
      organisations: orgs.length,
      byType: [...types].map(([type, count]) => ({ type, count })).sort((a, b) => b.count - a.count || a.type.localeCompare(b.type)),
      linkedCommunities: [...communities].sort(),
      refugees: (stats?.points ?? []).map((p) => ({ date: p.date, refugees: p.refugees })),
    };
  },
  html(d, lang) {
    const L = (uk: string, en: string) => (lang === 'uk' ? uk : en);
    return (
      `<p>${esc(d.countryName ? pick(d.countryName, lang) : d.country)}: ${L('організацій', 'organisations')} ${num(d.organisations, lang)}, ` +
      `${L('пов’язаних громад', 'linked communities')} ${num(d.linkedCommunities.length, lang)}.</p>` +
      `<ul>${d.byType.map((t) => `<li>${esc(t.type)}: ${num(t.count, lang)}</li>`).join('')}</ul>` +
      columnChart('refugees', L('Біженці з України (УВКБ ООН)', 'Refugees from Ukraine (UNHCR)'), d.refugees.map((p) => ({ label: p.date.slice(0, 7), value: p.refugees, text: num(p.refugees, lang) })))
    );
  },
  rows(d) {
    const r: FigureRow[] = [['', 'organisations', d.organisations, 'count'], ['', 'linked_communities', d.linkedCommunities.length, 'count']];
    for (const t of d.byType) r.push([t.type, 'organisations', t.count, 'count']);
    for (const p of d.refugees) r.push([p.date, 'refugees', p.refugees, 'people']);
    return r;
  },
};
