import { alignment, Alignment } from '../alignment';
import { barChart } from '../render/svg';
import { esc, num, percent, pick } from '../format';
import type { BudgetSection } from './budget.source';
import type { PrioritiesSection } from './priorities.source';
import { FigureRow, Recommendation, ReportSource, SourceGap } from './source';
import { GAP_MESSAGES } from './gaps';

export interface AlignmentSection extends Alignment {
  basis: 'program' | 'functional' | 'economic';
}

/**
 * The priority–budget alignment index, derived from two sections fetched before it: the published
 * priorities (consultations) and the recovery spending by category (budget-analysis). Asks no service.
 */
export const alignmentSource: ReportSource<AlignmentSection> = {
  id: 'alignment',
  service: 'consultations + budget-analysis',
  title: { uk: 'Відповідність бюджету пріоритетам', en: 'Priority–budget alignment' },
  types: ['community-monitoring'],
  async fetch(ctx) {
    const p = ctx.sections.priorities as PrioritiesSection | undefined;
    const b = ctx.sections.budget as BudgetSection | undefined;
    if (!p || !b?.recovery) {
      throw new SourceGap('no_data', GAP_MESSAGES.alignmentNeeds(!p, !b?.recovery));
    }
    const byId = new Map(b.recovery.categories.map((c) => [c.id, c]));
    const a = alignment(p.categories.map((c) => ({ category: c.category, name: c.name, priorityRank: c.rank, share: byId.get(c.category)?.share ?? null })));
    return { ...a, basis: b.recovery.basis };
  },
  html(d, lang) {
    const L = (uk: string, en: string) => (lang === 'uk' ? uk : en);
    const idx = d.index === null ? '—' : num(d.index, lang, 2);
    const chart = barChart(
      'priority-vs-spending',
      L('Частка видатків на відновлення за пріоритетами мешканців', 'Share of recovery spending by residents’ priority'),
      d.lines.map((l) => ({ badge: `#${l.priorityRank}`, label: pick(l.name, lang), value: l.share ?? 0, text: percent(l.share, lang, 2) })),
      '#e0a526',
    );
    const items = d.lines.map((l) => `<li>${esc(pick(l.explanation, lang))}</li>`).join('');
    return (
      `<p class="index">${L('Індекс відповідності', 'Alignment index')}: <b data-figure="alignment-index">${idx}</b> ` +
      `<span class="muted">(${L('рангова кореляція Спірмена, від −1 до +1', 'Spearman rank correlation, −1 to +1')}; n = ${d.n})</span></p>` +
      `<p>${esc(pick(d.verdict, lang))}</p>${chart}<ul>${items}</ul>`
    );
  },
  rows(d) {
    const r: FigureRow[] = [['', 'alignment_index', d.index, 'rho']];
    for (const l of d.lines) r.push([l.category, 'priority_rank', l.priorityRank, 'rank'], [l.category, 'spending_rank', l.spendingRank, 'rank'], [l.category, 'rank_gap', l.gap, 'places']);
    return r;
  },
  recommendations(d): Recommendation[] {
    return d.lines
      .filter((l) => l.gap >= 2)
      .map((l) => ({
        source: 'reporting',
        id: `underfunded_priority_${l.category}`,
        severity: 'medium',
        text: {
          uk: `Розгляньте більше коштів на «${l.name.uk}»: мешканці ставлять цю категорію вище, ніж її фінансують.`,
          en: `Consider more funding for “${l.name.en}”: residents rank it higher than it is funded.`,
        },
        evidence: { category: l.category, priorityRank: l.priorityRank, spendingRank: l.spendingRank, share: l.share, basis: d.basis },
      }));
  },
};
