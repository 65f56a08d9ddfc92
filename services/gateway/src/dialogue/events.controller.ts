import { Body, Controller, Get, Param, Patch, Post, Query, Res } from '@nestjs/common';
import { ApiOperation, ApiSecurity, ApiTags } from '@nestjs/swagger';
import {
  DIALOGUE_EVENTS_OPS,
  DomainError,
  EventFields,
  EventStatusChange,
  EventView,
  InvolvementView,
  ListEventsRequest,
  NewEvent,
  OblastInvolvementView,
  Page,
} from '@vidnova/contracts';
import { BusClient } from '@vidnova/messaging';
import { communityByKatottg, oblastByKatottg } from '@vidnova/reference';
import { ApiProblems, ApiReply } from '../platform/api-docs';
import { sendTextPages } from '../platform/text-pages';
import type { FastifyReply } from 'fastify';
import { CalendarQuery, CommunityEventsQuery, InvolvementQuery, KatottgParam, OblastInvolvementQuery, OblastParam } from './dialogue.http';

const OPS = DIALOGUE_EVENTS_OPS;

export const ICS_EXAMPLE =
  'BEGIN:VCALENDAR\r\nVERSION:2.0\r\nPRODID:-//Vidnova//dialogue-events//UK\r\nMETHOD:PUBLISH\r\nBEGIN:VTIMEZONE\r\nTZID:Europe/Kyiv\r\n…\r\nEND:VTIMEZONE\r\n' +
  'BEGIN:VEVENT\r\nUID:6650f1c2a9e4b2d1c3f4a5b6@dialogue-events.vidnova.org\r\nSEQUENCE:2\r\nDTSTAMP:20261201T090000Z\r\n' +
  'DTSTART;TZID=Europe/Kyiv:20261210T100000\r\nDTEND;TZID=Europe/Kyiv:20261210T123000\r\nSUMMARY:Громадські слухання: відновлення водогону\r\nSTATUS:CONFIRMED\r\nEND:VEVENT\r\nEND:VCALENDAR\r\n';

const ICS_TYPE = 'text/calendar; charset=utf-8';
const FEED_NOTE = 'Every matching event, however many: the feed is sent as it is read, a page of events at a time.';

/** 404 for a KATOTTG code that is well-formed but names no community. */
export function knownCommunity(katottg: string): void {
  if (!communityByKatottg(katottg)) throw DomainError.notFound('Community', katottg);
}

/** 404 for a KATOTTG code that is well-formed but names no oblast. */
export function knownOblast(katottg: string): void {
  if (!oblastByKatottg(katottg)) throw DomainError.notFound('Oblast', katottg);
}

@ApiTags('dialogue')
@ApiSecurity('apiKey')
@Controller('api/v1/dialogue/events')
export class DialogueEventsController {
  constructor(private readonly bus: BusClient) {}

  @Post()
  @ApiOperation({
    summary: 'Announce a dialogue event (starts as planned)',
    description:
      'A community meeting, regional or national round table, or a meeting with the diaspora and people abroad. The event belongs to the ' +
      "key's organisation; editors may announce events only for their communities. A diaspora organisation organiser must exist in the " +
      'diaspora registry (422 otherwise). In-person and hybrid events need a venue, online and hybrid ones a URL.',
  })
  @ApiReply(OPS.eventCreate, { status: 201, description: 'The new event (planned)' })
  @ApiProblems(400, 403, 422)
  create(@Body() event: NewEvent): Promise<EventView> {
    return this.bus.send(OPS.eventCreate, { event });
  }

  @Get()
  @ApiOperation({ summary: 'Find dialogue events', description: 'Filters combine (AND): community, level, status, and a period (`from`, `to`). Newest first, paged by cursor.' })
  @ApiReply(OPS.eventList)
  @ApiProblems(400)
  list(@Query() q: ListEventsRequest): Promise<Page<EventView>> {
    return this.bus.send(OPS.eventList, q);
  }

  @Get(':id')
  @ApiOperation({ summary: 'One dialogue event', description: 'With its agenda, status history and seat counts; 404 when there is none.' })
  @ApiReply(OPS.eventGet)
  @ApiProblems(404)
  get(@Param('id') id: string): Promise<EventView> {
    return this.bus.send(OPS.eventGet, { id });
  }

  @Patch(':id')
  @ApiOperation({
    summary: 'Change some fields of an event',
    description:
      'Only the fields sent change; each change raises the calendar SEQUENCE. The owner organisation, editors of its communities and admins may ' +
      'change it (403 otherwise). A capacity below the seats taken, or a change to a cancelled or published event, is 409; more seats go to the waitlist in order.',
  })
  @ApiReply(OPS.eventUpdate, { description: 'The event after the change' })
  @ApiProblems(400, 403, 404, 409, 422)
  update(@Param('id') id: string, @Body() changes: EventFields): Promise<EventView> {
    return this.bus.send(OPS.eventUpdate, { id, changes });
  }

  @Post(':id/status')
  @ApiOperation({
    summary: 'Move an event along its status',
    description:
      'planned → registration_open → registration_closed → held → minutes_published, or cancelled before it is held; any other move is 409. ' +
      'minutes_published needs recorded minutes (409 otherwise).',
  })
  @ApiReply(OPS.eventStatus, { description: 'The event in its new status' })
  @ApiProblems(400, 403, 404, 409)
  status(@Param('id') id: string, @Body() change: EventStatusChange): Promise<EventView> {
    return this.bus.send(OPS.eventStatus, { id, ...change });
  }

  @Get(':id/calendar.ics')
  @ApiOperation({ summary: 'One event as iCalendar', description: 'RFC 5545 with a stable UID, TZID and VTIMEZONE, SEQUENCE raised on every change, STATUS:CANCELLED when cancelled.' })
  @ApiReply(OPS.calendar, { description: 'An iCalendar document', example: ICS_EXAMPLE })
  @ApiProblems(404)
  calendar(@Param('id') id: string, @Res() res: FastifyReply): Promise<void> {
    return sendTextPages(res, this.bus.textPages(OPS.calendar, { id }), { contentType: ICS_TYPE, filename: `event-${id.replace(/[^A-Za-z0-9_-]/g, '')}.ics` });
  }
}

@ApiTags('dialogue')
@ApiSecurity('apiKey')
@Controller()
export class DialogueFeedsController {
  constructor(private readonly bus: BusClient) {}

  @Get('api/v1/dialogue/events.ics')
  @ApiOperation({
    summary: 'Dialogue events as an iCalendar feed',
    description: 'Every event, or those of one level (`?level=`); cancelled ones stay in the feed with STATUS:CANCELLED so calendars remove them. ' + FEED_NOTE,
  })
  @ApiReply(OPS.calendar, { description: 'An iCalendar feed', example: ICS_EXAMPLE })
  @ApiProblems(400)
  feed(@Query() q: CalendarQuery, @Res() res: FastifyReply): Promise<void> {
    return sendTextPages(res, this.bus.textPages(OPS.calendar, q.level ? { level: q.level } : {}), { contentType: ICS_TYPE });
  }

  @Get('api/v1/communities/:katottg/events')
  @ApiOperation({ summary: 'Dialogue events concerning a community (hromada)', description: 'The same filters as the event list; 404 when the KATOTTG code is not a known community.' })
  @ApiReply(OPS.eventList)
  @ApiProblems(400, 404)
  forCommunity(@Param() p: KatottgParam, @Query() q: CommunityEventsQuery): Promise<Page<EventView>> {
    knownCommunity(p.katottg);
    return this.bus.send(OPS.eventList, { ...q, community: p.katottg });
  }

  @Get('api/v1/communities/:katottg/involvement')
  @ApiOperation({
    summary: 'How involved civil society is in a community’s dialogue',
    description:
      'For events concerning the community (not cancelled) starting in the period: events by level, registrations and attendance by stakeholder group ' +
      '(groups under 5 suppressed), civil-society and diaspora shares of attendance, contributions, commitments made / done / overdue, and the involvement ' +
      'index 0..100 with its components (formula: docs/dialogue-methodology.md).',
  })
  @ApiReply(OPS.involvement)
  @ApiProblems(400, 404)
  involvement(@Param() p: KatottgParam, @Query() q: InvolvementQuery): Promise<InvolvementView> {
    knownCommunity(p.katottg);
    return this.bus.send(OPS.involvement, { ...q, community: p.katottg }, { timeoutMs: 60_000 });
  }

  @Get('api/v1/oblasts/:katottg/involvement')
  @ApiOperation({
    summary: 'How involved civil society is in an oblast’s dialogue',
    description:
      'The community figures over every community of the oblast: events concerning any of them (not cancelled, each counted once) starting in the ' +
      'period, with the same counts, shares and index formula as `/communities/{katottg}/involvement` (docs/dialogue-methodology.md), and the ' +
      'communities that had events. 404 when the KATOTTG code is not a known oblast.',
  })
  @ApiReply(OPS.oblastInvolvement)
  @ApiProblems(400, 404)
  oblastInvolvement(@Param() p: OblastParam, @Query() q: OblastInvolvementQuery): Promise<OblastInvolvementView> {
    knownOblast(p.katottg);
    return this.bus.send(OPS.oblastInvolvement, { ...q, oblast: p.katottg }, { timeoutMs: 60_000 });
  }

  @Get('api/v1/communities/:katottg/events.ics')
  @ApiOperation({
    summary: "A community's dialogue events as an iCalendar feed",
    description: 'Subscribe to it in a calendar application; 404 when the KATOTTG code is not a known community. ' + FEED_NOTE,
  })
  @ApiReply(OPS.calendar, { description: 'An iCalendar feed', example: ICS_EXAMPLE })
  @ApiProblems(400, 404)
  communityFeed(@Param() p: KatottgParam, @Res() res: FastifyReply): Promise<void> {
    knownCommunity(p.katottg);
    return sendTextPages(res, this.bus.textPages(OPS.calendar, { community: p.katottg }), { contentType: ICS_TYPE });
  }
}
