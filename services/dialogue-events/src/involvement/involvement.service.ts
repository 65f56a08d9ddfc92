import { Injectable } from '@nestjs/common';
import {
  CIVIL_SOCIETY_GROUPS,
  DIALOGUE_LEVELS,
  DomainError,
  InvolvementRequest,
  InvolvementView,
  OblastInvolvementRequest,
  OblastInvolvementView,
  StakeholderGroup,
} from '@vidnova/contracts';
import { communitiesOfOblast, oblastByKatottg } from '@vidnova/reference';
import { QueryFilter } from 'mongoose';
import { countTotal, EventDoc } from '../events/event.schema';
import { EventsRepository } from '../events/events.repository';
import { ContributionsService } from '../contributions/contributions.service';
import { isOverdue } from '../outcomes/commitment-rules';
import { COMMITMENT_TIME_ZONE, OutcomesService } from '../outcomes/outcomes.service';
import { dayIn, endOf } from '../platform/who';
import { groupCounts, publicGroupCounts } from '../registrations/registrations.service';
import { involvementIndex, INVOLVEMENT_METHODOLOGY } from './involvement-math';

/** Most events counted for one community (or oblast) and period. */
const MAX_EVENTS = 20_000;

const HELD = new Set(['held', 'minutes_published']);

/**
 * How involved civil society is in a community's dialogue (docs/dialogue-methodology.md). Counted here
 * in TypeScript from a few projected reads (the events with their registration counts, contributions, commitments): FerretDB v1 lacks parts of the aggregation pipeline ($group
 * over arrays, $lookup), and the figures must be the same on MongoDB and FerretDB.
 */
@Injectable()
export class InvolvementService {
  constructor(
    private readonly events: EventsRepository,
    private readonly contributions: ContributionsService,
    private readonly outcomes: OutcomesService,
  ) {}

  async involvement(req: InvolvementRequest): Promise<InvolvementView> {
    const { figures } = await this.figures(req.community, req);
    return { community: req.community, ...figures };
  }

  /**
   * One oblast: the events concerning any of its communities (libs/reference lists them), each event
   * once however many of them it concerns, through the same counting and formula as one community.
   * Which communities had events is counted here in TypeScript from the events' `communities` (no
   * $unwind/$group: FerretDB v1 lacks $group over arrays).
   */
  async oblastInvolvement(req: OblastInvolvementRequest): Promise<OblastInvolvementView> {
    const oblast = oblastByKatottg(req.oblast);
    if (!oblast) throw DomainError.notFound('Oblast', req.oblast);
    const codes = communitiesOfOblast(oblast.katottg).map((c) => c.katottg);
    // One read with `$in` (FerretDB v1 scans the events for it, as it does for the status and date bounds
    // here anyway) rather than one per community: an oblast has up to ~90 communities, mostly without events.
    const { figures, events } = await this.figures({ $in: codes }, req);
    const ofOblast = new Set(codes);
    const byCommunity = new Map<string, { events: number; eventsHeld: number }>();
    for (const e of events) {
      for (const c of new Set(e.communities ?? [])) {
        if (!ofOblast.has(c)) continue;
        const n = byCommunity.get(c) ?? { events: 0, eventsHeld: 0 };
        n.events++;
        if (HELD.has(e.status)) n.eventsHeld++;
        byCommunity.set(c, n);
      }
    }
    const communities = [...byCommunity].sort(([a], [b]) => a.localeCompare(b)).map(([community, n]) => ({ community, ...n }));
    return { oblast: oblast.katottg, ...figures, communities };
  }

  /** The figures of the events matching `communities` (one code, or `$in` a list) in the period, and those events. */
  private async figures(communities: string | { $in: string[] }, req: { from?: string; to?: string }) {
    const filter: QueryFilter<EventDoc> = { communities, status: { $ne: 'cancelled' } };
    const range: Record<string, Date> = {};
    if (req.from) range.$gte = new Date(req.from);
    if (req.to) range.$lt = endOf(req.to);
    if (req.from || req.to) filter.startsAt = range;
    // Registrations and check-ins come counted on each event (registrationCounts, kept with its seats): no
    // read of the registrations, whose collection grows with every community's events.
    const events = await this.events.findAll(filter, MAX_EVENTS, { level: 1, status: 1, minutes: 1, communities: 1, registrationCounts: 1 });
    const ids = events.map((e) => String(e._id));
    const held = events.filter((e) => HELD.has(e.status));

    // Two more reads, side by side: each is a scan of its collection on FerretDB v1 (only `_id` is pushed
    // down), so their time is that of the larger, not the sum.
    const [contributionCounts, commitments] = ids.length
      ? await Promise.all([this.contributions.visibleCountByEvent(ids), this.outcomes.commitmentsOf(ids)])
      : [new Map<string, number>(), []];
    const registrationsByGroup = new Map<StakeholderGroup, number>();
    let registrations = 0;
    for (const e of events) {
      for (const [g, n] of groupCounts(e.registrationCounts?.active)) registrationsByGroup.set(g, (registrationsByGroup.get(g) ?? 0) + n);
      registrations += countTotal(e.registrationCounts?.active);
    }
    const registrationsOfHeld = held.reduce((s, e) => s + countTotal(e.registrationCounts?.active), 0);

    // Attendance of held events: the minutes' figures where recorded, else the check-ins.
    const attendance = new Map<StakeholderGroup, number>();
    for (const e of held) {
      const counts = e.minutes?.attendance ? e.minutes.attendance.map((a) => [a.group, a.count] as const) : [...groupCounts(e.registrationCounts?.checkedIn)];
      for (const [g, n] of counts) attendance.set(g, (attendance.get(g) ?? 0) + n);
    }
    const attendanceTotal = [...attendance.values()].reduce((s, n) => s + n, 0);

    const contributions = [...contributionCounts.values()].reduce((s, n) => s + n, 0);
    const heldWithContribution = held.filter((e) => (contributionCounts.get(String(e._id)) ?? 0) > 0).length;

    const today = dayIn(COMMITMENT_TIME_ZONE);
    const done = commitments.filter((c) => c.status === 'done').length;
    const due = commitments.filter((c) => c.status === 'done' || (c.status !== 'dropped' && c.dueDate < today)).length;
    const overdue = commitments.filter((c) => isOverdue(c, today)).length;

    const { components, index } = involvementIndex({ attendance, registrationsOfHeld, eventsHeld: held.length, heldWithContribution, commitmentsDue: due, commitmentsDone: done });
    const share = (groups: readonly StakeholderGroup[]) => (attendanceTotal ? Math.round((groups.reduce((s, g) => s + (attendance.get(g) ?? 0), 0) / attendanceTotal) * 10_000) / 10_000 : 0);
    const figures: Omit<InvolvementView, 'community'> = {
      ...(req.from ? { from: req.from } : {}),
      ...(req.to ? { to: req.to } : {}),
      events: events.length,
      eventsHeld: held.length,
      eventsByLevel: DIALOGUE_LEVELS.map((level) => ({ level, events: events.filter((e) => e.level === level).length })),
      registrations,
      registrationsByGroup: publicGroupCounts(registrationsByGroup),
      attendance: attendanceTotal,
      attendanceByGroup: publicGroupCounts(attendance),
      civilSocietyShare: share(CIVIL_SOCIETY_GROUPS),
      diasporaShare: share(['diaspora_organization']),
      contributions,
      commitmentsMade: commitments.length,
      commitmentsDone: done,
      commitmentsOverdue: overdue,
      components,
      index,
      methodology: INVOLVEMENT_METHODOLOGY,
    };
    return { figures, events };
  }
}
