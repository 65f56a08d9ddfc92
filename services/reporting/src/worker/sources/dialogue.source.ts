import { CommitmentView, DIALOGUE_EVENTS_OPS, DialogueLevel, EventStatus, EventView, InvolvementView, ReportLang } from '@vidnova/contracts';
import { communityByKatottg } from '@vidnova/reference';
import { date, esc, num, percent, pick, Text } from '../format';
import { GAP_MESSAGES } from './gaps';
import { ask, FigureRow, oblastOf, Recommendation, ReportSource, SourceContext, SourceGap } from './source';

export interface DialogueSection {
  /** First and last day of the period (events starting in it). */
  from: string;
  to: string;
  /** The involvement figures exactly as dialogue-events answers `involvement.get` for the community (`involvement.oblast` for an oblast) and period. */
  involvement: Omit<InvolvementView, 'community' | 'from' | 'to'>;
  /** Commitments made at the period's events: done, open (open or in progress), overdue, dropped. */
  commitments: { made: number; done: number; open: number; overdue: number; dropped: number };
  events: { id: string; title: Text; startsAt: string; level: DialogueLevel; status: EventStatus }[];
  overdue: { id: string; text: Text; responsible: string; dueDate: string; eventId: string }[];
  /**
   * An oblast report only: the oblast's communities that had events, as dialogue-events answers
   * `involvement.oblast` (the figures above are then the oblast's, each event counted once).
   */
  communities?: { community: string; name: Text; events: number; eventsHeld: number }[];
}

/** Most events and commitments read (pages of 100). */
const MAX = 2000;

async function all<T>(page: (cursor?: string) => Promise<{ items: T[]; nextCursor?: string | null }>): Promise<T[]> {
  const out: T[] = [];
  let cursor: string | undefined;
  do {
    const p = await page(cursor);
    out.push(...p.items);
    cursor = p.nextCursor ?? undefined;
  } while (cursor && out.length < MAX);
  return out;
}

const text = (t: { uk?: string; en?: string } | undefined): Text => ({ uk: t?.uk ?? t?.en ?? '', en: t?.en ?? t?.uk ?? '' });

/** Events starting in the period, as involvement counts them: [from 00:00 UTC, the day after `to`). */
function inPeriod(ctx: SourceContext, e: EventView): boolean {
  const t = Date.parse(e.startsAt);
  return e.status !== 'cancelled' && t >= Date.parse(`${ctx.from}T00:00:00Z`) && t < Date.parse(`${ctx.to}T00:00:00Z`) + 86_400_000;
}

const LEVELS: Record<DialogueLevel, Text> = {
  community: { uk: 'громада', en: 'community' },
  regional: { uk: 'область', en: 'regional' },
  national: { uk: 'національний', en: 'national' },
  diaspora: { uk: 'діаспора', en: 'diaspora' },
  international: { uk: 'міжнародний', en: 'international' },
};

/**
 * Public dialogue of the community in the period (dialogue-events): `involvement.get` for the figures
 * and the index, `event.list` for the events, `commitment.list` for the commitments made at them. For an
 * oblast: `involvement.oblast`, and the events and commitments of each of its communities that had events.
 */
export const dialogueSource: ReportSource<DialogueSection> = {
  id: 'dialogue',
  service: 'dialogue-events',
  title: { uk: 'Публічний діалог і зобов’язання', en: 'Public dialogue and commitments' },
  types: ['community-monitoring', 'civil-society-involvement'],
  async fetch(ctx) {
    const oblast = oblastOf(ctx);
    let involvement: DialogueSection['involvement'];
    let communities: string[];
    let perCommunity: DialogueSection['communities'];
    if (oblast) {
      // The oblast's figures from dialogue-events itself (every event of its communities once); the events and
      // commitments listed below are read per community that had events, and deduplicated by id.
      const { oblast: _o, from: _f, to: _t, communities: had, ...figures } = await ctx.bus.send(
        DIALOGUE_EVENTS_OPS.oblastInvolvement,
        { oblast: oblast.code, from: ctx.from, to: ctx.to },
        ask(ctx),
      );
      involvement = figures;
      communities = had.map((c) => c.community);
      perCommunity = had.map((c) => ({ ...c, name: communityByKatottg(c.community)?.name ?? { uk: c.community, en: c.community } }));
    } else {
      const { community: _c, from: _f, to: _t, ...figures } = await ctx.bus.send(DIALOGUE_EVENTS_OPS.involvement, { community: ctx.community!, from: ctx.from, to: ctx.to }, ask(ctx));
      involvement = figures;
      communities = [ctx.community!];
    }
    const listed = new Map<string, EventView>();
    for (const community of communities) {
      const page = await all((cursor) => ctx.bus.send(DIALOGUE_EVENTS_OPS.eventList, { community, from: ctx.from, to: ctx.to, limit: 100, ...(cursor ? { cursor } : {}) }, ask(ctx)));
      for (const e of page) listed.set(e.id, e);
    }
    const events = [...listed.values()].filter((e) => inPeriod(ctx, e)).sort((a, b) => a.startsAt.localeCompare(b.startsAt));
    if (!events.length && !involvement.events) throw new SourceGap('no_data', GAP_MESSAGES.noDialogue(oblast ? oblast.title.en : ctx.community!, ctx.from, ctx.to));
    // A commitment counts for every event on its path (as dialogue-events counts it in involvement).
    const ids = new Set(events.map((e) => e.id));
    const found = new Map<string, CommitmentView>();
    for (const community of communities) {
      const page = await all((cursor) => ctx.bus.send(DIALOGUE_EVENTS_OPS.commitmentList, { community, limit: 100, ...(cursor ? { cursor } : {}) }, ask(ctx)));
      for (const c of page) if (ids.has(c.eventId) || c.path.some((s) => ids.has(s.eventId))) found.set(c.id, c);
    }
    const commitments = [...found.values()];
    const overdue = commitments.filter((c) => c.overdue);
    return {
      from: ctx.from,
      to: ctx.to,
      involvement,
      commitments: {
        made: involvement.commitmentsMade,
        done: involvement.commitmentsDone,
        overdue: involvement.commitmentsOverdue,
        open: commitments.filter((c) => c.status === 'open' || c.status === 'in_progress').length,
        dropped: commitments.filter((c) => c.status === 'dropped').length,
      },
      events: events.map((e) => ({ id: e.id, title: text(e.title), startsAt: e.startsAt, level: e.level, status: e.status })),
      overdue: overdue.map((c) => ({ id: c.id, text: text(c.text), responsible: c.responsible.name, dueDate: c.dueDate, eventId: c.eventId })),
      ...(perCommunity ? { communities: perCommunity } : {}),
    };
  },
  html(d, lang) {
    const L = (uk: string, en: string) => (lang === 'uk' ? uk : en);
    const i = d.involvement;
    const c = d.commitments;
    const kv = (label: string, value: string, figure?: string) => `<tr><th>${label}</th><td class="n"${figure ? ` data-figure="${figure}"` : ''}>${value}</td></tr>`;
    let html =
      `<p class="index">${L('Індекс залученості', 'Involvement index')}: <b data-figure="dialogue.index">${num(i.index, lang, 1)}</b> / 100 ` +
      `<span class="muted">(${L('з', 'from')} ${date(d.from, lang)} ${L('по', 'to')} ${date(d.to, lang)}; ${esc(i.methodology)})</span></p>` +
      `<table class="kv"><tbody>` +
      kv(L('Подій', 'Events'), num(i.events, lang), 'dialogue.events') +
      kv(L('Проведено', 'Held'), num(i.eventsHeld, lang)) +
      kv(L('Реєстрацій', 'Registrations'), num(i.registrations, lang)) +
      kv(L('Присутніх', 'Attendance'), num(i.attendance, lang)) +
      kv(L('Частка громадянського суспільства', 'Civil-society share'), percent(i.civilSocietyShare, lang)) +
      kv(L('Частка діаспори', 'Diaspora share'), percent(i.diasporaShare, lang)) +
      kv(L('Питань і коментарів', 'Questions and comments'), num(i.contributions, lang)) +
      kv(L('Зобов’язань ухвалено', 'Commitments made'), num(c.made, lang), 'dialogue.commitments.made') +
      kv(L('виконано', 'done'), num(c.done, lang), 'dialogue.commitments.done') +
      kv(L('відкриті', 'open'), num(c.open, lang), 'dialogue.commitments.open') +
      kv(L('прострочені', 'overdue'), num(c.overdue, lang), 'dialogue.commitments.overdue') +
      `</tbody></table>`;
    const comp = i.components;
    html +=
      `<p class="muted">${L('Складові індексу', 'Index components')}: ${L('громадянське суспільство', 'civil society')} ${percent(comp.civilSocietyShare, lang)}, ` +
      `${L('різноманіття груп', 'group diversity')} ${percent(comp.groupDiversity, lang)}, ${L('явка', 'turnout')} ${percent(comp.turnout, lang)}, ` +
      `${L('обговорення', 'deliberation')} ${percent(comp.deliberation, lang)}, ${L('виконання зобов’язань', 'follow-through')} ${percent(comp.followThrough, lang)}.</p>`;
    if (d.communities) {
      const head = L('<th>Громада</th><th>Подій</th><th>Проведено</th>', '<th>Community</th><th>Events</th><th>Held</th>');
      html +=
        `<h3>${L('Громади області з подіями', 'Communities of the oblast with events')}</h3>` +
        (d.communities.length
          ? `<table><thead><tr>${head}</tr></thead><tbody>` +
            d.communities.map((c) => `<tr><td>${esc(pick(c.name, lang))} <span class="muted">(${esc(c.community)})</span></td><td class="n">${num(c.events, lang)}</td><td class="n">${num(c.eventsHeld, lang)}</td></tr>`).join('') +
            `</tbody></table>`
          : `<p>${L('Жодна громада області не мала подій у цьому періоді.', 'No community of the oblast had events in the period.')}</p>`) +
        `<p class="muted">${L('Подія, що стосується кількох громад, тут рахується для кожної, а в підсумках — один раз.', 'An event concerning several communities counts for each here and once in the totals.')}</p>`;
    }
    if (d.events.length) {
      const head = L('<th>Дата</th><th>Подія</th><th>Рівень</th>', '<th>Date</th><th>Event</th><th>Level</th>');
      html +=
        `<h3>${L('Події періоду', 'Events of the period')}</h3><table><thead><tr>${head}</tr></thead><tbody>` +
        d.events.map((e) => `<tr><td>${date(e.startsAt, lang)}</td><td>${esc(pick(e.title, lang))}</td><td>${esc(pick(LEVELS[e.level], lang))}</td></tr>`).join('') +
        `</tbody></table>`;
    }
    if (d.overdue.length) {
      html += `<h3>${L('Прострочені зобов’язання', 'Overdue commitments')}</h3><ul>` + d.overdue.map((o) => `<li>${esc(pick(o.text, lang))} <span class="muted">(${esc(o.responsible)}, ${L('строк', 'due')} ${date(o.dueDate, lang)})</span></li>`).join('') + '</ul>';
    }
    return html;
  },
  rows(d) {
    const i = d.involvement;
    const r: FigureRow[] = [
      ['', 'involvement_index', i.index, 'points'],
      ['', 'events', i.events, 'count'],
      ['', 'events_held', i.eventsHeld, 'count'],
      ['', 'registrations', i.registrations, 'count'],
      ['', 'attendance', i.attendance, 'people'],
      ['', 'civil_society_share', i.civilSocietyShare, 'share'],
      ['', 'diaspora_share', i.diasporaShare, 'share'],
      ['', 'contributions', i.contributions, 'count'],
      ['', 'commitments_made', d.commitments.made, 'count'],
      ['', 'commitments_done', d.commitments.done, 'count'],
      ['', 'commitments_open', d.commitments.open, 'count'],
      ['', 'commitments_overdue', d.commitments.overdue, 'count'],
      ['', 'commitments_dropped', d.commitments.dropped, 'count'],
    ];
    for (const [k, v] of Object.entries(i.components)) r.push(['', `component_${k}`, v, 'share']);
    for (const l of i.eventsByLevel) r.push([l.level, 'events_by_level', l.events, 'count']);
    for (const g of i.attendanceByGroup) r.push([g.group, 'attendance_by_group', g.count, g.suppressed ? 'suppressed' : 'people']);
    for (const c of d.communities ?? []) r.push([c.community, 'community_events', c.events, 'count'], [c.community, 'community_events_held', c.eventsHeld, 'count']);
    return r;
  },
  recommendations(d): Recommendation[] {
    return d.overdue.map((o) => ({
      source: 'dialogue-events',
      id: `commitment:${o.id}`,
      severity: 'warning',
      text: {
        uk: `Зобов’язання «${o.text.uk}» (${o.responsible}) мало бути виконане до ${date(o.dueDate, 'uk')} і досі не виконане: оприлюднити причину та новий строк.`,
        en: `The commitment “${o.text.en}” (${o.responsible}) was due by ${date(o.dueDate, 'en')} and is not done: publish the reason and a new date.`,
      },
      evidence: { commitment: o.id, event: o.eventId, dueDate: o.dueDate, responsible: o.responsible },
    }));
  },
};

export type { ReportLang };
