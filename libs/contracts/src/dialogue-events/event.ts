import { ApiProperty, ApiPropertyOptional, OmitType, PartialType } from '@nestjs/swagger';
import {
  ArrayMaxSize,
  ArrayMinSize,
  IsArray,
  IsIn,
  IsISO8601,
  IsOptional,
  IsString,
  IsUrl,
  Matches,
  MaxLength,
  registerDecorator,
  ValidationOptions,
} from 'class-validator';
import { LocalizedText, TextPageCursor } from '../common';
import { BudgetCode, CountryCode, Edrpou, Flag, IntField, Katottg, LanguageCode, Nested, TextField } from '../fields';
import { PageQuery } from '../pagination';
import {
  ACCESSIBILITY_SERVICES,
  AccessibilityService,
  DEFAULT_EVENT_TIME_ZONE,
  DIALOGUE_LEVELS,
  DialogueLevel,
  EVENT_FORMATS,
  EVENT_STATUSES,
  EventFormat,
  EventStatus,
  ORGANISER_KINDS,
  OrganiserKind,
} from './enums';

/** An IANA time zone the runtime knows (`Europe/Kyiv`, `Europe/Berlin`). */
export function IsTimeZone(options?: ValidationOptions): PropertyDecorator {
  return (target: object, propertyName: string | symbol) =>
    registerDecorator({
      name: 'isTimeZone',
      target: target.constructor,
      propertyName: String(propertyName),
      options: { message: '$property must be an IANA time zone such as Europe/Kyiv', ...options },
      validator: {
        validate(value: unknown) {
          if (typeof value !== 'string' || !/^[A-Za-z_]+(\/[A-Za-z0-9_+-]+){0,2}$/.test(value)) return false;
          try {
            new Intl.DateTimeFormat('en', { timeZone: value });
            return true;
          } catch {
            return false;
          }
        },
      },
    });
}

/** Title or description in Ukrainian (required) and English. */
export class EventText {
  @TextField({ min: 1, max: 300, example: 'Громадські слухання: відновлення водогону' })
  uk!: string;

  @TextField({ optional: true, max: 300, example: 'Public hearing: water main restoration' })
  en?: string;
}

export class Venue {
  @TextField({ min: 1, max: 300, example: 'Будинок культури, вул. Шевченка, 1' })
  name!: string;

  @TextField({ optional: true, max: 300, example: 'вул. Шевченка, 1, Шацьк' })
  address?: string;
}

/** Who organises: an organisation named here, or a diaspora organisation registered in diaspora-registry. */
export class Organiser {
  @ApiProperty({ enum: ORGANISER_KINDS, example: 'organization' }) @IsIn(ORGANISER_KINDS)
  kind!: OrganiserKind;

  @TextField({ optional: true, max: 300, example: 'Шацька селищна рада', description: 'Name (required for kind `organization`)' })
  name?: string;

  @Edrpou({ optional: true, description: 'EDRPOU code, for a Ukrainian legal entity' })
  edrpou?: string;

  @ApiPropertyOptional({ example: '6650f1c2a9e4b2d1c3f4a5b6', description: 'For kind `diaspora_organization`: its id in the diaspora registry (checked to exist)' })
  @IsOptional() @IsString() @MaxLength(64)
  diasporaOrganizationId?: string;
}

/** What an agenda item may be about: a consultation, a recovery concept, a budget, an enterprise. */
export class AgendaLinks {
  @ApiPropertyOptional({ example: '6650f1c2a9e4b2d1c3f4a5b7', description: 'Consultation id' })
  @IsOptional() @IsString() @MaxLength(64)
  consultationId?: string;

  @ApiPropertyOptional({ example: '6650f1c2a9e4b2d1c3f4a5b8', description: 'Recovery concept id' })
  @IsOptional() @IsString() @MaxLength(64)
  conceptId?: string;

  @BudgetCode({ optional: true })
  budgetCode?: string;

  @IntField({ optional: true, min: 2000, max: 2100, example: 2026, description: 'Budget year (with budgetCode)' })
  budgetYear?: number;

  @Edrpou({ optional: true, description: 'EDRPOU of a (communal) enterprise discussed' })
  enterpriseEdrpou?: string;
}

export class AgendaItem {
  @Nested(() => EventText)
  title!: EventText;

  @TextField({ optional: true, each: true, maxItems: 20, max: 200, example: ['Олена Коваленко, голова громади'], description: 'Speakers as announced' })
  speakers?: string[];

  @IntField({ optional: true, min: 1, max: 1440, example: 30, description: 'Duration in minutes' })
  durationMinutes?: number;

  @Nested(() => AgendaLinks, { optional: true })
  links?: AgendaLinks;
}

/** A new event. */
export class NewEvent {
  @Nested(() => EventText)
  title!: EventText;

  @Nested(() => LocalizedText, { optional: true })
  description?: LocalizedText;

  @ApiProperty({ enum: DIALOGUE_LEVELS, example: 'community' }) @IsIn(DIALOGUE_LEVELS)
  level!: DialogueLevel;

  @Katottg({ each: true, maxItems: 100, example: ['UA07060450000051170'], description: 'KATOTTG codes of the communities the event concerns (at least one)' })
  @ArrayMinSize(1)
  communities!: string[];

  @CountryCode({ optional: true, each: true, maxItems: 50, example: ['DE', 'PL'], description: 'For diaspora events: host countries' })
  hostCountries?: string[];

  @ApiProperty({ enum: EVENT_FORMATS, example: 'hybrid' }) @IsIn(EVENT_FORMATS)
  format!: EventFormat;

  @Nested(() => Venue, { optional: true, description: 'Required for in-person and hybrid events' })
  venue?: Venue;

  @ApiPropertyOptional({ example: 'https://meet.example.org/shatsk-hearing', description: 'Required for online and hybrid events' })
  @IsOptional() @IsUrl({ require_protocol: true, protocols: ['https', 'http'] }) @MaxLength(500)
  onlineUrl?: string;

  @ApiProperty({ example: '2026-12-10T10:00:00+02:00', description: 'Start (ISO 8601 with offset or Z)' })
  @IsISO8601({ strict: true }) @Matches(/(Z|[+-]\d\d:\d\d)$/, { message: 'startsAt must carry an offset or Z' })
  startsAt!: string;

  @ApiProperty({ example: '2026-12-10T12:30:00+02:00', description: 'End, after the start' })
  @IsISO8601({ strict: true }) @Matches(/(Z|[+-]\d\d:\d\d)$/, { message: 'endsAt must carry an offset or Z' })
  endsAt!: string;

  @ApiPropertyOptional({ example: 'Europe/Kyiv', default: DEFAULT_EVENT_TIME_ZONE, description: 'IANA time zone the event is announced in' })
  @IsOptional() @IsTimeZone()
  timeZone?: string;

  @LanguageCode({ optional: true, each: true, maxItems: 10, example: ['uk', 'en'], description: 'Languages of the event (ISO 639-1)' })
  languages?: string[];

  @ApiPropertyOptional({ enum: ACCESSIBILITY_SERVICES, isArray: true, example: ['sign_language', 'step_free_access'] })
  @IsOptional() @IsArray() @ArrayMaxSize(ACCESSIBILITY_SERVICES.length) @IsIn(ACCESSIBILITY_SERVICES, { each: true })
  accessibility?: AccessibilityService[];

  @IntField({ optional: true, min: 1, max: 1_000_000, example: 120, description: 'Seats; none = unlimited' })
  capacity?: number;

  @Flag({ description: 'When full, further registrations join a waitlist (default true); false answers 409 when full', api: { default: true } })
  waitlist?: boolean;

  @ApiPropertyOptional({ example: '2026-11-20T00:00:00+02:00', description: 'Registrations accepted from' })
  @IsOptional() @IsISO8601({ strict: true })
  registrationOpensAt?: string;

  @ApiPropertyOptional({ example: '2026-12-09T18:00:00+02:00', description: 'Registrations accepted until' })
  @IsOptional() @IsISO8601({ strict: true })
  registrationClosesAt?: string;

  @Nested(() => Organiser, { each: true, maxItems: 20, description: 'At least one organiser' })
  @ArrayMinSize(1)
  organisers!: Organiser[];

  @Nested(() => AgendaItem, { optional: true, each: true, maxItems: 100 })
  agenda?: AgendaItem[];
}

/** Fields of an event, every one optional: the body of a change. */
export class EventFields extends PartialType(NewEvent) {}

export class CreateEventRequest {
  @Nested(() => NewEvent)
  event!: NewEvent;
}

export class UpdateEventRequest {
  @ApiProperty({ example: '6650f1c2a9e4b2d1c3f4a5b6' }) @IsString() @MaxLength(64)
  id!: string;

  @Nested(() => EventFields)
  changes!: EventFields;
}

export class EventStatusChange {
  @ApiProperty({ enum: EVENT_STATUSES, example: 'registration_open' }) @IsIn(EVENT_STATUSES)
  status!: EventStatus;

  @TextField({ optional: true, max: 1000, example: 'Перенесено через повітряну тривогу', description: 'Why (kept in the status history; shown for cancellations)' })
  reason?: string;
}

export class ChangeEventStatusRequest extends EventStatusChange {
  @ApiProperty({ example: '6650f1c2a9e4b2d1c3f4a5b6' }) @IsString() @MaxLength(64)
  id!: string;
}

export class ListEventsRequest extends PageQuery {
  @Katottg({ optional: true, description: 'Events concerning this community' })
  community?: string;

  @ApiPropertyOptional({ enum: DIALOGUE_LEVELS }) @IsOptional() @IsIn(DIALOGUE_LEVELS)
  level?: DialogueLevel;

  @ApiPropertyOptional({ enum: EVENT_STATUSES }) @IsOptional() @IsIn(EVENT_STATUSES)
  status?: EventStatus;

  @ApiPropertyOptional({ example: '2026-12-01', description: 'Events ending at or after this date or instant' })
  @IsOptional() @IsISO8601()
  from?: string;

  @ApiPropertyOptional({ example: '2026-12-31', description: 'Events starting before this date (the whole day included) or instant' })
  @IsOptional() @IsISO8601()
  to?: string;
}

export class StatusHistoryEntry {
  @ApiProperty({ enum: EVENT_STATUSES, example: 'registration_open' }) status!: EventStatus;
  @ApiProperty({ example: '2026-11-20T08:00:00.000Z' }) at!: string;
  @ApiPropertyOptional({ example: '6650f1c2a9e4b2d1c3f4a5b9', description: 'API key id that made the move' }) by?: string;
  @ApiPropertyOptional({ example: 'Перенесено' }) reason?: string;
}

export class SeatCounts {
  @ApiPropertyOptional({ example: 120, description: 'Seats; absent = unlimited' }) capacity?: number;
  @ApiProperty({ example: 118, description: 'Confirmed registrations' }) confirmed!: number;
  @ApiProperty({ example: 7, description: 'Registrations on the waitlist' }) waitlisted!: number;
}

export class EventView extends OmitType(NewEvent, ['timeZone', 'waitlist', 'languages', 'accessibility', 'agenda', 'hostCountries'] as const) {
  @ApiProperty({ example: '6650f1c2a9e4b2d1c3f4a5b6' }) id!: string;
  @ApiProperty({ example: 'Europe/Kyiv' }) timeZone!: string;
  @ApiProperty({ example: true }) waitlist!: boolean;
  @ApiProperty({ type: [String], example: ['uk'] }) languages!: string[];
  @ApiProperty({ enum: ACCESSIBILITY_SERVICES, isArray: true, example: ['captions'] }) accessibility!: AccessibilityService[];
  @ApiProperty({ type: [AgendaItem] }) agenda!: AgendaItem[];
  @ApiProperty({ type: [String], example: [] }) hostCountries!: string[];
  @ApiProperty({ enum: EVENT_STATUSES, example: 'planned' }) status!: EventStatus;
  @ApiProperty({ type: [StatusHistoryEntry] }) statusHistory!: StatusHistoryEntry[];
  @ApiProperty({ type: SeatCounts }) seats!: SeatCounts;
  @ApiPropertyOptional({ example: 'shatsk-cso', description: 'The organisation whose key created the event; its partner keys (and editors of its communities, admins) change it' })
  owner?: string;
  @ApiProperty({ example: true, description: 'Whether minutes are recorded' }) hasMinutes!: boolean;
  @ApiProperty({ example: 0, description: 'iCalendar SEQUENCE: raised on every change' }) sequence!: number;
  @ApiProperty({ example: '2026-11-01T10:00:00.000Z' }) createdAt!: string;
  @ApiProperty({ example: '2026-11-01T10:00:00.000Z' }) updatedAt!: string;
}

/** An iCalendar feed, a page at a time (`after`): of the events of a community, of a level, or one event. */
export class CalendarRequest extends TextPageCursor {
  @Katottg({ optional: true })
  community?: string;

  @ApiPropertyOptional({ enum: DIALOGUE_LEVELS }) @IsOptional() @IsIn(DIALOGUE_LEVELS)
  level?: DialogueLevel;

  @ApiPropertyOptional({ example: '6650f1c2a9e4b2d1c3f4a5b6', description: 'One event' }) @IsOptional() @IsString() @MaxLength(64)
  id?: string;
}
