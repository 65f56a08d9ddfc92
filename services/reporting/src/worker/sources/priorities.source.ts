import { CONSULTATIONS_OPS, ReportLang } from '@vidnova/contracts';
import { recoveryCategory } from '@vidnova/reference';
import { date, esc, num, ordinal, pick, Text } from '../format';
import { ask, FigureRow, oblastOf, ReportSource, SourceGap } from './source';
import { GAP_MESSAGES } from './gaps';

export interface PrioritiesSection {
  consultationId: string;
  publishedAt: string;
  respondents: number;
  categories: { category: string; rank: number; score: number; name: Text }[];
}

/** The latest published priority list of the community (consultations, `consultations.priorities.get`); none for an oblast. */
export const prioritiesSource: ReportSource<PrioritiesSection> = {
  id: 'priorities',
  service: 'consultations',
  title: { uk: 'Пріоритети мешканців', en: 'Residents’ priorities' },
  types: ['community-monitoring', 'civil-society-involvement'],
  async fetch(ctx) {
    // Priorities are published per community (one consultation each): an oblast report says so rather than merge rankings.
    const oblast = oblastOf(ctx);
    if (oblast) throw new SourceGap('not_applicable', GAP_MESSAGES.perCommunityOnly('consultations', oblast.title));
    const reply = await ctx.bus.send(CONSULTATIONS_OPS.prioritiesGet, { communityCode: ctx.community! }, ask(ctx));
    const latest = reply.latest;
    if (!latest) throw new SourceGap('no_data', GAP_MESSAGES.noPriorities());
    return {
      consultationId: latest.consultationId,
      publishedAt: latest.publishedAt,
      respondents: latest.respondents,
      categories: latest.categories.map((c) => ({
        category: c.category,
        rank: c.rank,
        score: c.score,
        name: { uk: c.label?.uk ?? recoveryCategory(c.category)?.name.uk ?? c.category, en: c.label?.en ?? recoveryCategory(c.category)?.name.en ?? c.category },
      })),
    };
  },
  html(d, lang) {
    const intro =
      lang === 'uk'
        ? `Опубліковано ${date(d.publishedAt, lang)}, ${num(d.respondents, lang)} учасників консультації.`
        : `Published ${date(d.publishedAt, lang)}, ${num(d.respondents, lang)} respondents.`;
    const rows = d.categories
      .map((c) => `<tr><td>${ordinal(c.rank, lang)}</td><td>${esc(pick(c.name, lang))}</td><td class="n">${num(c.score * 100, lang, 1)}</td></tr>`)
      .join('');
    const head = lang === 'uk' ? '<th>Місце</th><th>Категорія</th><th>Підтримка, %</th>' : '<th>Rank</th><th>Category</th><th>Support, %</th>';
    return `<p>${intro}</p><table><thead><tr>${head}</tr></thead><tbody>${rows}</tbody></table>`;
  },
  rows(d) {
    const out: FigureRow[] = [['', 'respondents', d.respondents, 'people']];
    for (const c of d.categories) {
      out.push([c.category, 'priority_rank', c.rank, 'rank'], [c.category, 'priority_score', c.score, 'share']);
    }
    return out;
  },
};

export type { ReportLang };
