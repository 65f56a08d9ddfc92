import { DIASPORA_OPS, InitiativeView } from '@vidnova/contracts';
import { esc, num, pick } from '../format';
import { ask, FigureRow, oblastOf, ReportSource } from './source';

export interface DiasporaInitiativesSection {
  count: number;
  /** Raised amounts per currency (minor units), summed as integers. */
  raised: { currency: string; amountMinor: number }[];
  initiatives: { id: string; title: { uk: string; en: string }; type: string; status: string }[];
}

/** Most initiatives listed (pages of 100 are read until this many). */
const MAX = 500;
/** Questions to the registry in flight at once for an oblast's communities. */
const IN_FLIGHT = 4;

/** Diaspora initiatives aimed at the community, or at any community of the oblast (diaspora-registry, `diaspora.initiative.list` by target community). */
export const diasporaInitiativesSource: ReportSource<DiasporaInitiativesSection> = {
  id: 'diasporaInitiatives',
  service: 'diaspora-registry',
  title: { uk: 'Ініціативи діаспори для громади', en: 'Diaspora initiatives for the community' },
  types: ['community-monitoring', 'civil-society-involvement'],
  async fetch(ctx) {
    // An oblast: the initiatives aimed at any of its communities (the registry targets hromadas), each once.
    const targets = oblastOf(ctx)?.communities ?? [ctx.community!];
    const byId = new Map<string, InitiativeView>();
    const forCommunity = async (targetCommunityCode: string) => {
      let cursor: string | undefined;
      let read = 0;
      do {
        const page = await ctx.bus.send(DIASPORA_OPS.initiativeList, { targetCommunityCode, limit: 100, ...(cursor ? { cursor } : {}) }, ask(ctx));
        for (const i of page.items) byId.set(i.id, i);
        read += page.items.length;
        cursor = page.nextCursor ?? undefined;
      } while (cursor && read < MAX);
    };
    // A few questions in flight at once: an oblast has up to ~90 communities.
    for (let i = 0; i < targets.length; i += IN_FLIGHT) await Promise.all(targets.slice(i, i + IN_FLIGHT).map(forCommunity));
    const all = [...byId.values()].slice(0, MAX);
    const raised = new Map<string, number>();
    for (const i of all) for (const m of i.amountsRaised ?? []) raised.set(m.currency, (raised.get(m.currency) ?? 0) + m.amountMinor);
    return {
      count: all.length,
      raised: [...raised].map(([currency, amountMinor]) => ({ currency, amountMinor })).sort((a, b) => a.currency.localeCompare(b.currency)),
      initiatives: all.map((i) => ({ id: i.id, title: { uk: i.title.uk ?? i.title.en ?? '', en: i.title.en ?? i.title.uk ?? '' }, type: i.type, status: i.status })),
    };
  },
  html(d, lang) {
    if (!d.count) return `<p>${lang === 'uk' ? 'Ініціатив, спрямованих на громаду (громади області), не зареєстровано.' : 'No initiatives aimed at the community (the oblast’s communities) are registered.'}</p>`;
    const items = d.initiatives.map((i) => `<li>${esc(pick(i.title, lang))} <span class="muted">(${esc(i.type)}, ${esc(i.status)})</span></li>`).join('');
    return `<p>${lang === 'uk' ? 'Ініціатив' : 'Initiatives'}: ${num(d.count, lang)}</p><ul>${items}</ul>`;
  },
  rows(d) {
    const r: FigureRow[] = [['', 'initiatives', d.count, 'count']];
    for (const m of d.raised) r.push([m.currency, 'raised_minor_units', m.amountMinor, m.currency]);
    return r;
  },
};
